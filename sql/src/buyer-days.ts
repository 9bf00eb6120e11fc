/**
 * Keeping buyer_days (migrations 0009–0010, docs/buyer-days.md) current. A buyer's rows are
 * recomputed from their orders; which buyers wait for that is recorded in
 * buyer_days_pending, marked before a merge writes any order, so no buyer is left stale by
 * a process that dies in between: the next start-up recomputes what is still marked.
 * Every function here must run under the shop's write lock (etl/src/shop-write-lock.ts): the
 * per-shop version counter and the mark-recompute-clear sequence rely on it.
 * The buyers stay in the engine throughout (an import can touch a million of them).
 */

import { loadQuery } from './queries.js';
import type { QueryTag } from './query-tag.js';
import type { AdminScope, QueryParams, ShopScope } from './scopes.js';

/** An order's buyer, as overview-orders.sql and the refresh key them: a customer, or a guest order on its own. */
export const BUYER_OF_ORDER = "if(customer_id != '', cityHash64(customer_id), cityHash64('guest:', order_id))";

const markedBuyers = (where: string) =>
  `SELECT shop_id, buyer FROM buyer_days_pending ${where} GROUP BY shop_id, buyer HAVING argMax(pending, version) = 1`;

const nextVersion = '(SELECT max(version) FROM buyer_days_pending WHERE shop_id = {shop_id:UInt32}) + 1';

/**
 * Marks the buyers a statement names (a SELECT with a column `buyer`, shop-scoped) as waiting for
 * a recompute: before the orders that change them are written.
 */
export async function markBuyersPending(scope: ShopScope, buyersSql: string, params: QueryParams, tag: QueryTag): Promise<void> {
  await scope.command(
    `INSERT INTO buyer_days_pending (shop_id, buyer, pending, version)
     SELECT DISTINCT {shop_id:UInt32}, buyer, toUInt8(1), ${nextVersion} FROM (${buyersSql})`,
    params,
    tag,
  );
}

/** Marks every buyer with a stored order (the shop's time zone changed, so every paying and refund day may). */
export function markAllBuyersPending(scope: ShopScope, tag: QueryTag): Promise<void> {
  return markBuyersPending(scope, `SELECT ${BUYER_OF_ORDER} AS buyer FROM orders WHERE shop_id = {shop_id:UInt32}`, {}, tag);
}

/** Recomputes the shop's marked buyers with the shop's time zone, then clears the marks. */
export async function refreshPendingBuyers(scope: ShopScope, timeZone: string, tag: QueryTag): Promise<void> {
  await scope.command(loadQuery('buyer-days-refresh'), { tz: timeZone }, tag);
  // Under the write lock nothing marks buyers meanwhile, so every mark read above is cleared.
  await scope.command(
    `INSERT INTO buyer_days_pending (shop_id, buyer, pending, version)
     SELECT {shop_id:UInt32}, buyer, toUInt8(0), ${nextVersion} FROM (${markedBuyers('WHERE shop_id = {shop_id:UInt32}')})`,
    {},
    tag,
  );
}

/** Shops with buyers still marked (start-up recomputes them). */
export async function shopsWithPendingBuyers(admin: AdminScope, tag: QueryTag): Promise<number[]> {
  const rows = await admin.rows<{ shop_id: number }>(`SELECT DISTINCT shop_id FROM (${markedBuyers('')}) ORDER BY shop_id`, {}, tag);
  return rows.map((r) => Number(r.shop_id));
}
