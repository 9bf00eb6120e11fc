/**
 * Keeping daily_sessions (migration 0008, docs/daily-sessions.md) current. A day's session
 * figures are recomputed from its events; which days wait for that is recorded in
 * daily_sessions_pending, marked before a merge writes any event, so no day is left stale by a
 * process that dies in between: the next start-up recomputes what is still marked.
 * Every function here must run under the shop's write lock (etl/src/shop-write-lock.ts): the
 * per-shop version counter and the read-recompute-clear sequence rely on it.
 */

import { loadQuery } from './queries.js';
import type { QueryTag } from './query-tag.js';
import type { AdminScope, ShopScope } from './scopes.js';

/** A day's latest row says whether it waits for a recompute; `where` narrows the rows read. */
const markedDays = (where: string) =>
  `SELECT shop_id, day FROM daily_sessions_pending ${where} GROUP BY shop_id, day HAVING argMax(pending, version) = 1`;

/**
 * Writes the days' state (1 = marked, 0 = recomputed) with the shop's next version, so the latest
 * write of a day wins whatever the clocks say.
 */
function writeMarks(scope: ShopScope, days: readonly string[], pending: 0 | 1, tag: QueryTag): Promise<void> {
  return scope.command(
    `INSERT INTO daily_sessions_pending (shop_id, day, pending, version)
     SELECT {shop_id:UInt32}, d, {pending:UInt8}, (SELECT max(version) FROM daily_sessions_pending WHERE shop_id = {shop_id:UInt32}) + 1
     FROM (SELECT arrayJoin(arrayDistinct({days:Array(Date)})) AS d)`,
    { days, pending },
    tag,
  );
}

/** Recomputes the shop's daily_sessions rows for the given days. Idempotent. */
async function refreshDailySessions(scope: ShopScope, days: readonly string[], tag: QueryTag): Promise<void> {
  await scope.command(loadQuery('daily-sessions-refresh'), { days }, tag);
}

/** Marks days as waiting for a recompute (before the events that change them are written). */
export async function markSessionDaysPending(scope: ShopScope, days: readonly string[], tag: QueryTag): Promise<void> {
  if (days.length > 0) await writeMarks(scope, days, 1, tag);
}

/** Recomputes every day of the shop still marked, then clears the marks; returns those days. */
export async function refreshPendingSessionDays(scope: ShopScope, tag: QueryTag): Promise<string[]> {
  const rows = await scope.rows<{ d: string }>(
    `SELECT toString(day) AS d FROM (${markedDays('WHERE shop_id = {shop_id:UInt32}')}) ORDER BY day`,
    {},
    tag,
  );
  const days = rows.map((r) => r.d);
  if (days.length === 0) return days;
  await refreshDailySessions(scope, days, tag);
  await writeMarks(scope, days, 0, tag);
  return days;
}

/** Shops with days still marked (start-up recomputes them). */
export async function shopsWithPendingSessionDays(admin: AdminScope, tag: QueryTag): Promise<number[]> {
  const rows = await admin.rows<{ shop_id: number }>(`SELECT DISTINCT shop_id FROM (${markedDays('')}) ORDER BY shop_id`, {}, tag);
  return rows.map((r) => Number(r.shop_id));
}
