/**
 * Daily session figures (migration 0008): recomputed after every merge from the touched days’
 * events, so a later batch that extends a stored session or turns a bounce into a visit changes the
 * days' figures as if all events had come at once. A session ends at midnight (shop time).
 * Expected values are worked out by hand below (shop time zone +08:00).
 */
import { markSessionDaysPending, pendingSessionDayCount, type Warehouse } from '@storelens/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestBatcher, refreshAllPending } from '../src/index.js';
import { openTempWarehouse, tag } from './temp-warehouse.js';

let wh: Warehouse;
let dispose: () => Promise<void>;
beforeAll(async () => {
  ({ wh, dispose } = await openTempWarehouse());
});
afterAll(async () => dispose());

const shop = { id: 31, timeZone: 'Asia/Shanghai', currency: 'CNY' };
const ev = (id: string, session: string, local: string) => ({
  event_id: id,
  ts: `${local}+08:00`,
  event: 'page_view',
  visitor_id: `v-${session}`,
  session_id: session,
});

async function ingest(events: unknown[], to = shop): Promise<void> {
  const batcher = new IngestBatcher(wh, { maxEvents: 1000 });
  await batcher.submit(to, events);
  await batcher.close();
}

/** Days with their figures; days whose figures are all zero are left out. */
async function days(shopId = shop.id): Promise<Record<string, [number, number, number]>> {
  const rows = await wh.forShop(shopId).rows<{ day: string; s: number; b: number; sec: number }>(
    `SELECT toString(day) AS day, sessions AS s, bounce_sessions AS b, session_seconds AS sec
     FROM daily_sessions FINAL WHERE shop_id = {shop_id:UInt32} AND sessions > 0 ORDER BY day`,
    {},
    tag,
  );
  return Object.fromEntries(rows.map((r) => [r.day, [Number(r.s), Number(r.b), Number(r.sec)]]));
}

describe('daily session figures', () => {
  it('follow later batches that extend stored sessions; a session ends at midnight', async () => {
    await ingest([
      ev('1', 's1', '2026-06-01T23:50:00'),
      ev('2', 's1', '2026-06-02T00:10:00'), // s1 runs past midnight: a one-event session on each day
      ev('3', 's2', '2026-06-01T12:00:00'), // s2: one event, a bounce
      ev('4', 's5', '2026-06-02T01:00:00'), // s5: one event on 06-02
    ]);
    // [sessions, bounces, seconds]
    expect(await days()).toEqual({ '2026-06-01': [2, 2, 0], '2026-06-02': [2, 2, 0] });

    const later = [
      ev('5', 's1', '2026-06-01T23:40:00'), // s1 on 06-01 is now 23:40–23:50: 600 s, no bounce
      ev('6', 's2', '2026-06-01T12:05:00'), // s2 is no longer a bounce: 300 s
      ev('7', 's5', '2026-06-01T23:59:00'), // s5 now also has a (one-event) session on 06-01
      ev('8', 's6', '2026-06-03T09:00:00'), // s6: a bounce on 06-03
    ];
    await ingest(later);
    // 06-01: s1, s2, s5; only s5 a bounce; 600 + 300 + 0 s. 06-02 keeps s1's and s5's bounces.
    const expected = { '2026-06-01': [3, 1, 900], '2026-06-02': [2, 2, 0], '2026-06-03': [1, 1, 0] };
    expect(await days()).toEqual(expected);

    // The same batch again stores nothing new and changes nothing.
    await ingest(later);
    expect(await days()).toEqual(expected);
  });

  it('live ingestion recomputes a shop’s days after a delay, not per batch; closing catches up', async () => {
    const live = { ...shop, id: 32 };
    const batcher = new IngestBatcher(wh, { maxEvents: 1000, sessionsDelayMs: 60_000 });
    const waitingBefore = await pendingSessionDayCount(wh.admin(), tag);
    const verdicts = await batcher.submit(live, [ev('1', 's1', '2026-06-01T10:00:00'), ev('2', 's1', '2026-06-01T10:01:00')]);
    expect(verdicts.map((v) => v.status)).toEqual(['accepted', 'accepted']);
    // Stored and answered, the day's figures not yet recomputed: the day is marked instead, and
    // the operator's gauge of days waiting counts it.
    expect(await days(live.id)).toEqual({});
    expect(await marked(live.id)).toEqual(['2026-06-01']);
    expect(await pendingSessionDayCount(wh.admin(), tag)).toBe(waitingBefore + 1);
    await batcher.close();
    expect(await days(live.id)).toEqual({ '2026-06-01': [1, 0, 60] });
    expect(await marked(live.id)).toEqual([]);
    expect(await pendingSessionDayCount(wh.admin(), tag)).toBe(waitingBefore);
  });

  it('a failed deferred recompute is reported and leaves the day marked for the next try', async () => {
    const live = { ...shop, id: 34 };
    const failures: Array<{ shopId: number; message: string }> = [];
    let failed: () => void = () => {};
    const reported = new Promise<void>((resolve) => {
      failed = resolve;
    });
    const batcher = new IngestBatcher(wh, {
      maxEvents: 1000,
      sessionsDelayMs: 50,
      onSessionsError: (shopId, error) => {
        failures.push({ shopId, message: String(error) });
        failed();
      },
    });
    // The recompute writes daily_sessions: with the table away, the engine refuses it.
    await wh.admin().command('RENAME TABLE daily_sessions TO daily_sessions_away', {}, tag);
    try {
      await batcher.submit(live, [ev('1', 's1', '2026-06-07T10:00:00')]);
      await reported;
    } finally {
      await wh.admin().command('RENAME TABLE daily_sessions_away TO daily_sessions', {}, tag);
    }
    expect(failures).toHaveLength(1);
    expect(failures[0]?.shopId).toBe(live.id);
    expect(failures[0]?.message).toMatch(/daily_sessions/);
    expect(await marked(live.id)).toEqual(['2026-06-07']);
    // The next try (here the shutdown's) catches up.
    await batcher.submit(live, [ev('2', 's1', '2026-06-07T10:02:00')]);
    await batcher.close();
    expect(await days(live.id)).toEqual({ '2026-06-07': [1, 0, 120] });
    expect(await marked(live.id)).toEqual([]);
  });

  it('days a dead process left marked are recomputed at start-up', async () => {
    const other = { ...shop, id: 33 };
    await ingest([ev('1', 's1', '2026-06-05T08:00:00')], other);
    // As if a merge had written more events and died before recomputing: the day is marked and
    // its stored figures are stale.
    await markSessionDaysPending(wh.forShop(other.id), "SELECT toDate('2026-06-05') AS day", {}, tag);
    await wh
      .forShop(other.id)
      .command(
        "INSERT INTO daily_sessions (shop_id, day, sessions, bounce_sessions, session_seconds, computed_at) VALUES ({shop_id:UInt32}, '2026-06-05', 9, 9, 9, now64(6))",
        {},
        tag,
      );
    expect(await days(other.id)).toEqual({ '2026-06-05': [9, 9, 9] });
    expect(await refreshAllPending(wh, async () => shop.timeZone)).toContain(other.id);
    expect(await days(other.id)).toEqual({ '2026-06-05': [1, 1, 0] });
    expect(await marked(other.id)).toEqual([]);
  });
});

/** Days of a shop marked as waiting for a recompute. */
async function marked(shopId: number): Promise<string[]> {
  const rows = await wh.forShop(shopId).rows<{ d: string }>(
    `SELECT toString(day) AS d FROM daily_sessions_pending WHERE shop_id = {shop_id:UInt32}
     GROUP BY day HAVING argMax(pending, version) = 1 ORDER BY day`,
    {},
    tag,
  );
  return rows.map((r) => r.d);
}
