/**
 * Keeping daily_sessions (migration 0008, docs/daily-sessions.md) current. A day's session
 * figures are recomputed from its events; which days wait for that is recorded in
 * daily_sessions_pending (pending-marks.ts), marked before a merge writes any event, so no day is
 * left stale by a process that dies in between: the next start-up recomputes what is still marked.
 * Every function here must run under the shop's write lock (etl/src/shop-write-lock.ts).
 */

import { PendingMarks } from './pending-marks.js';
import { loadQuery } from './queries.js';
import type { QueryTag } from './query-tag.js';
import type { AdminScope, QueryParams, ShopScope } from './scopes.js';

const marks = new PendingMarks('daily_sessions_pending', 'day');

/**
 * Marks days as waiting for a recompute (before the events that change them are written): the
 * days a shop-scoped SELECT names in a column `day`.
 */
export function markSessionDaysPending(scope: ShopScope, daysSql: string, params: QueryParams, tag: QueryTag): Promise<void> {
  return marks.mark(scope, daysSql, params, tag);
}

/** The shop's days still marked, earliest first. */
export async function pendingSessionDays(scope: ShopScope, tag: QueryTag): Promise<string[]> {
  const rows = await scope.rows<{ d: string }>(`SELECT toString(day) AS d FROM (${marks.markedOfShop()}) ORDER BY day`, {}, tag);
  return rows.map((r) => r.d);
}

/** Recomputes every day of the shop still marked, then clears the marks; returns those days. */
export async function refreshPendingSessionDays(scope: ShopScope, tag: QueryTag): Promise<string[]> {
  const days = await pendingSessionDays(scope, tag);
  if (days.length === 0) return days;
  await scope.command(loadQuery('daily-sessions-refresh'), { days }, tag);
  await marks.clear(scope, tag);
  return days;
}

/** Shops with days still marked (start-up recomputes them). */
export function shopsWithPendingSessionDays(admin: AdminScope, tag: QueryTag): Promise<number[]> {
  return marks.shops(admin, tag);
}

/** Days (over every shop) waiting for their session figures' recompute. */
export function pendingSessionDayCount(admin: AdminScope, tag: QueryTag): Promise<number> {
  return marks.count(admin, tag);
}
