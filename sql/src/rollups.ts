/**
 * Rebuilding what the materialized views derive from events and orders, for some days (or
 * buyers) of a shop: after a privacy erasure removed events, and at start-up for what a merge
 * killed mid-INSERT may have left — the engine writes an INSERT's rows to its table and to each
 * view's table one after the other, not atomically, so a process killed in between keeps the
 * events without their rollup rows (and a rerun finds every row already stored). The SELECT of
 * each view is taken from the migrations themselves, so a rebuild can never disagree with what
 * the view computes on insert.
 */
import { pendingBuyersSql } from './buyer-days.js';
import { pendingSessionDays } from './daily-sessions.js';
import { loadMigrations, MaterializedViews, type ViewDefinition } from './migrations/files.js';
import type { QueryTag } from './query-tag.js';
import type { QueryParams, ShopScope } from './scopes.js';

/** A view's `FROM events`, narrowed to the shop's events on the days bound as {days}. */
const DAYS_OF_SHOP = 'FROM (SELECT * FROM events WHERE shop_id = {shop_id:UInt32} AND day IN {days:Array(Date)})';

export interface RollupRebuild {
  table: string;
  /** DELETE of the shop's rows on the given days; binds {shop_id} and {days:Array(Date)}. */
  clear: string;
  /** INSERT ... SELECT recomputing those rows from events; same parameters. */
  refill: string;
}

/** The views as the migrations leave them: read from the files once per process (they do not change while it runs). */
let views: ViewDefinition[] | undefined;
const allViews = (): ViewDefinition[] => {
  views ??= MaterializedViews.after(loadMigrations()).all();
  return views;
};

export function rollupRebuilds(): RollupRebuild[] {
  return allViews()
    .filter((v) => v.target.startsWith('daily_'))
    .map((v) => {
      const select = v.select.replace(/\bFROM events\b/, DAYS_OF_SHOP);
      return {
        table: v.target,
        clear: `DELETE FROM ${v.target} WHERE shop_id = {shop_id:UInt32} AND day IN {days:Array(Date)}`,
        refill: `INSERT INTO ${v.target} ${select}`,
      };
    });
}

/** The views that write into `table` from `source` (customer_first_facts has one from each). */
function viewsOnto(table: string, source: 'events' | 'orders'): ViewDefinition[] {
  return allViews().filter((v) => v.target === table && new RegExp(`\\bFROM ${source}\\b`).test(v.select));
}

/**
 * Recomputes the shop's daily rollups on `days` from their events (cleared, then refilled), and
 * adds those events' customer first facts again (min and argMin states: adding the same facts
 * twice changes nothing). Idempotent, so an interrupted rebuild is simply run again. Callers hold
 * the shop's write lock.
 */
export async function rebuildRollupDays(scope: ShopScope, days: readonly string[], tag: QueryTag): Promise<void> {
  if (days.length === 0) return;
  const params = { days: [...days] };
  for (const r of rollupRebuilds()) {
    await scope.command(r.clear, params, tag);
    await scope.command(r.refill, params, tag);
  }
  for (const v of viewsOnto('customer_first_facts', 'events')) {
    await insertByName(scope, v.target, v.select.replace(/\bFROM events\b/, DAYS_OF_SHOP), params, tag);
  }
}

/**
 * Adds the customer first facts of the shop's marked buyers' orders again (start-up: a merge of
 * orders killed mid-INSERT may have stored orders without them). Idempotent, as above.
 */
export async function refillOrderFirstFacts(scope: ShopScope, tag: QueryTag): Promise<void> {
  const orders = `FROM (SELECT * FROM orders WHERE shop_id = {shop_id:UInt32} AND customer_id != '' AND cityHash64(customer_id) IN (${pendingBuyersSql()}))`;
  for (const v of viewsOnto('customer_first_facts', 'orders')) {
    await insertByName(scope, v.target, v.select.replace(/\bFROM orders\b/, orders), {}, tag);
  }
}

/**
 * INSERT … SELECT into the columns the SELECT names, as a view writes (by name): a first-facts
 * view fills some of its table's columns, and an INSERT without a column list goes by position.
 */
async function insertByName(scope: ShopScope, table: string, select: string, params: QueryParams, tag: QueryTag): Promise<void> {
  const columns = (await scope.rows<{ name: string }>(`DESCRIBE (${select})`, params, tag)).map((c) => c.name);
  await scope.command(`INSERT INTO ${table} (${columns.join(', ')}) ${select}`, params, tag);
}

/**
 * Rebuilds what the views derive for the shop's marked days and buyers from what is stored: after a
 * merge failed part-way in a live process (start-up does the same, shop by shop, for a process that
 * died mid-merge: etl/src/refresh-all-pending.ts). The marks stay for the sessions' and buyers'
 * recompute. Callers hold the shop's write lock.
 */
export async function rebuildMarked(scope: ShopScope, tag: QueryTag): Promise<void> {
  await rebuildRollupDays(scope, await pendingSessionDays(scope, tag), tag);
  await refillOrderFirstFacts(scope, tag);
}
