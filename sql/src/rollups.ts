/**
 * Rebuilding daily rollups for some days of a shop, e.g. after a privacy erasure removed events.
 * The SELECT of each rollup's materialized view is taken from the migrations themselves, so a
 * rebuild can never disagree with what the view computes on insert.
 */
import { loadMigrations } from './migrations/files.js';

const MV = /^CREATE MATERIALIZED VIEW IF NOT EXISTS (\w+) TO (daily_\w+) AS\s+([\s\S]+)$/;

export interface RollupRebuild {
  table: string;
  /** DELETE of the shop's rows on the given days; binds {shop_id} and {days:Array(Date)}. */
  clear: string;
  /** INSERT ... SELECT recomputing those rows from events; same parameters. */
  refill: string;
}

export function rollupRebuilds(): RollupRebuild[] {
  const out: RollupRebuild[] = [];
  for (const file of loadMigrations()) {
    for (const stmt of file.statements) {
      const m = MV.exec(stmt);
      if (!m?.[2] || !m[3]) continue;
      const select = m[3].replace(
        /\bFROM events\b/,
        'FROM (SELECT * FROM events WHERE shop_id = {shop_id:UInt32} AND day IN {days:Array(Date)})',
      );
      out.push({
        table: m[2],
        clear: `DELETE FROM ${m[2]} WHERE shop_id = {shop_id:UInt32} AND day IN {days:Array(Date)}`,
        refill: `INSERT INTO ${m[2]} ${select}`,
      });
    }
  }
  return out;
}
