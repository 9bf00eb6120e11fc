/**
 * Keeping buyer_days (migrations 0009–0010, docs/buyer-days.md) current. A buyer's rows are
 * recomputed from their orders; which buyers wait for that is recorded in buyer_days_pending
 * (pending-marks.ts), marked before a merge writes any order, so no buyer is left stale by a
 * process that dies in between: the next start-up recomputes what is still marked.
 * Every function here must run under the shop's write lock (etl/src/shop-write-lock.ts).
 * The buyers stay in the engine throughout (an import can touch a million of them).
 */

import { PendingMarks } from './pending-marks.js';
import { loadQuery } from './queries.js';
import type { QueryTag } from './query-tag.js';
import type { AdminScope, QueryParams, ShopScope } from './scopes.js';

/** An order's buyer, as overview-orders.sql and the refresh key them: a customer, or a guest order on its own. */
export const BUYER_OF_ORDER = "if(customer_id != '', cityHash64(customer_id), cityHash64('guest:', order_id))";

const marks = new PendingMarks('buyer_days_pending', 'buyer');

/**
 * Marks the buyers a shop-scoped SELECT names (in a column `buyer`) as waiting for a recompute:
 * before the orders that change them are written.
 */
export function markBuyersPending(scope: ShopScope, buyersSql: string, params: QueryParams, tag: QueryTag): Promise<void> {
  return marks.mark(scope, buyersSql, params, tag);
}

/** Marks every buyer with a stored order (the shop's time zone changed, so every paying and refund day may). */
export function markAllBuyersPending(scope: ShopScope, tag: QueryTag): Promise<void> {
  return markBuyersPending(scope, `SELECT ${BUYER_OF_ORDER} AS buyer FROM orders WHERE shop_id = {shop_id:UInt32}`, {}, tag);
}

/** The shop's marked buyers, as a SELECT of a `buyer` column (binds {shop_id}). */
export const pendingBuyersSql = (): string => marks.markedOfShop();

/** Recomputes the shop's marked buyers with the shop's time zone, then clears the marks. */
export async function refreshPendingBuyers(scope: ShopScope, timeZone: string, tag: QueryTag): Promise<void> {
  await scope.command(loadQuery('buyer-days-refresh'), { tz: timeZone }, tag);
  await marks.clear(scope, tag);
}

/** Shops with buyers still marked (start-up recomputes them). */
export function shopsWithPendingBuyers(admin: AdminScope, tag: QueryTag): Promise<number[]> {
  return marks.shops(admin, tag);
}

/** Buyers (over every shop) waiting for their days' recompute. */
export function pendingBuyerCount(admin: AdminScope, tag: QueryTag): Promise<number> {
  return marks.count(admin, tag);
}
