/**
 * One writer per shop at a time, within this process. A merge decides what is new (events,
 * versions, visitor numbers) against what the previous merges of the shop stored, so two merges of
 * one shop must not interleave: a file import and live ingestion of the same shop would otherwise
 * both take an event as new, or hand one number to two visitors.
 *
 * In embedded mode that is every writer: chDB (and PGlite) admit one process per data directory.
 * With PostgreSQL metadata, several processes may write one ClickHouse warehouse (a server and a
 * CLI import of the same shop): the process registers a cross-process lock for the warehouse
 * (server/src/store/postgres-write-lock.ts, an advisory lock per shop), taken inside this one so
 * that a process holds at most one database connection per shop while waiting.
 */
import type { Warehouse } from '@storelens/sql';

/** Runs `write` while holding the shop's lock across processes. */
export type CrossProcessWriteLock = <T>(shopId: number, write: () => Promise<T>) => Promise<T>;

const tails = new WeakMap<Warehouse, Map<number, Promise<unknown>>>();
const crossProcess = new WeakMap<Warehouse, CrossProcessWriteLock>();

/** Makes every later write through `wh` in this process also take `lock`. */
export function useCrossProcessWriteLock(wh: Warehouse, lock: CrossProcessWriteLock): void {
  crossProcess.set(wh, lock);
}

/** Runs `write` after every earlier write of the same shop on the same warehouse has settled. */
export function withShopWriteLock<T>(wh: Warehouse, shopId: number, write: () => Promise<T>): Promise<T> {
  let shops = tails.get(wh);
  if (!shops) {
    shops = new Map();
    tails.set(wh, shops);
  }
  const previous = shops.get(shopId) ?? Promise.resolve();
  const outer = crossProcess.get(wh);
  const locked = outer ? () => outer(shopId, write) : write;
  const run = previous.then(locked, locked);
  const tail = run.catch(() => {});
  shops.set(shopId, tail);
  // Forget the shop once nothing is queued behind this write.
  void tail.then(() => {
    if (shops.get(shopId) === tail) shops.delete(shopId);
  });
  return run;
}
