/**
 * Rebuilding daily rollups for some days of a shop, e.g. after a privacy erasure removed events.
 * The SELECT of each rollup's materialized view is taken from the migrations themselves, so a
 * rebuild can never disagree with what the view computes on insert.
 */
import { loadMigrations, MATERIALIZED_VIEW } from './migrations/files.js';

const DROP_VIEW = /^DROP VIEW IF EXISTS (\w+)$/;

export interface RollupRebuild {
  table: string;
  /** DELETE of the shop's rows on the given days; binds {shop_id} and {days:Array(Date)}. */
  clear: string;
  /** INSERT ... SELECT recomputing those rows from events; same parameters. */
  refill: string;
}

export function rollupRebuilds(): RollupRebuild[] {
  // Latest definition of each view by name: a later migration may drop a view and create it anew
  // (0006 replaced daily_stage_visitors' hash sets with bitmaps); a view dropped for good is gone.
  const views = new Map<string, RollupRebuild>();
  for (const file of loadMigrations()) {
    for (const stmt of file.statements) {
      const dropped = DROP_VIEW.exec(stmt);
      if (dropped?.[1]) views.delete(dropped[1]);
      const m = MATERIALIZED_VIEW.exec(stmt);
      if (!m?.[1] || !m[2]?.startsWith('daily_') || !m[3]) continue;
      const select = m[3].replace(
        /\bFROM events\b/,
        'FROM (SELECT * FROM events WHERE shop_id = {shop_id:UInt32} AND day IN {days:Array(Date)})',
      );
      views.set(m[1], {
        table: m[2],
        clear: `DELETE FROM ${m[2]} WHERE shop_id = {shop_id:UInt32} AND day IN {days:Array(Date)}`,
        refill: `INSERT INTO ${m[2]} ${select}`,
      });
    }
  }
  return [...views.values()];
}
