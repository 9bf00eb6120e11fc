/**
 * Start-up recovery of the recomputed tables: every shop's daily session figures and buyers'
 * days still marked as out of date — what a process that died mid-import (or with live
 * ingestion's recompute still waiting) left behind, and, after migration 0009, every buyer —
 * and the marked days' rollups and first facts, which a merge killed mid-INSERT may have missed.
 */
import {
  markAllBuyersPending,
  pendingSessionDays,
  rebuildRollupDays,
  refillOrderFirstFacts,
  refreshPendingBuyers,
  refreshPendingSessionDays,
  shopsWithPendingBuyers,
  shopsWithPendingSessionDays,
  type Warehouse,
} from '@storelens/sql';
import { withShopWriteLock } from './shop-write-lock.js';

const TAG = { purpose: 'etl.recover', lane: 'bulk' as const, timeoutSeconds: 3600 };

/**
 * Recomputes what is marked, shop by shop under the write lock; returns the shops recomputed.
 * `timeZoneOf` gives a shop's zone (paying and refund days are local days); a shop it does not know (its
 * metadata is gone) keeps its marks.
 */
export async function refreshAllPending(wh: Warehouse, timeZoneOf: (shopId: number) => Promise<string | undefined>): Promise<number[]> {
  const admin = wh.admin();
  const sessionShops = await shopsWithPendingSessionDays(admin, TAG);
  for (const shopId of sessionShops) {
    await withShopWriteLock(wh, shopId, async () => {
      const scope = wh.forShop(shopId);
      // A merge killed mid-INSERT may have stored its events without its views' rows (the engine
      // writes the table and each view's table one after the other), and a rerun then finds every
      // row stored: the marked days' rollups are rebuilt from their events before the marks go.
      await rebuildRollupDays(scope, await pendingSessionDays(scope, TAG), TAG);
      await refreshPendingSessionDays(scope, TAG);
    });
  }
  const buyerShops: number[] = [];
  for (const shopId of await shopsWithPendingBuyers(admin, TAG)) {
    const timeZone = await timeZoneOf(shopId);
    if (!timeZone) continue;
    await withShopWriteLock(wh, shopId, async () => {
      // The same for orders: their customers' first facts are added again (idempotent) before the marks go.
      await refillOrderFirstFacts(wh.forShop(shopId), TAG);
      await refreshPendingBuyers(wh.forShop(shopId), timeZone, TAG);
    });
    buyerShops.push(shopId);
  }
  return [...new Set([...sessionShops, ...buyerShops])].sort((a, b) => a - b);
}

/**
 * Changes a shop's time zone (`change` stores it and returns the shop with its new `time_zone`)
 * and recomputes all of its buyers' days, whose paying and refund days are local days. The buyers
 * are marked before the change, so a process that dies at any point leaves them marked and
 * start-up recomputes them in whichever zone the shop then has.
 */
export function changeShopTimeZone<T extends { time_zone: string }>(wh: Warehouse, shopId: number, change: () => Promise<T>): Promise<T> {
  const scope = wh.forShop(shopId);
  return withShopWriteLock(wh, shopId, async () => {
    await markAllBuyersPending(scope, TAG);
    const changed = await change();
    await refreshPendingBuyers(scope, changed.time_zone, TAG);
    return changed;
  });
}
