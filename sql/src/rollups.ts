/**
 * Rebuilding daily rollups for some days of a shop, e.g. after a privacy erasure removed events.
 * The SELECT of each rollup's materialized view is taken from the migrations themselves, so a
 * rebuild can never disagree with what the view computes on insert.
 */
import { loadMigrations, MaterializedViews } from './migrations/files.js';

export interface RollupRebuild {
  table: string;
  /** DELETE of the shop's rows on the given days; binds {shop_id} and {days:Array(Date)}. */
  clear: string;
  /** INSERT ... SELECT recomputing those rows from events; same parameters. */
  refill: string;
}

export function rollupRebuilds(): RollupRebuild[] {
  return MaterializedViews.after(loadMigrations())
    .all()
    .filter((v) => v.target.startsWith('daily_'))
    .map((v) => {
      const select = v.select.replace(
        /\bFROM events\b/,
        'FROM (SELECT * FROM events WHERE shop_id = {shop_id:UInt32} AND day IN {days:Array(Date)})',
      );
      return {
        table: v.target,
        clear: `DELETE FROM ${v.target} WHERE shop_id = {shop_id:UInt32} AND day IN {days:Array(Date)}`,
        refill: `INSERT INTO ${v.target} ${select}`,
      };
    });
}
