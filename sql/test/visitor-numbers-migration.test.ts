/**
 * Upgrading a store that holds events from before visitor numbers (migrations 0001–0005) to
 * 0006–0007: every stored visitor is numbered per shop from 1 in order of first event (ties by
 * id), every stored event carries its visitor's number, the rebuilt rollups count the stored
 * visitors (worked out by hand below), and rerunning 0006 after an interruption that lost some
 * numbers restores exactly the same numbers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, Warehouse } from '../src/index.js';

const tag = { purpose: 'test', lane: 'bulk' as const };
let wh: Warehouse;
const dirs: string[] = [];

// (shop, day, time, event, visitor, channel)
const EVENTS: Array<[number, string, string, string, string, string]> = [
  [1, '2026-06-01', '2026-06-01 02:00:00', 'page_view', 'b', 'search'],
  [1, '2026-06-01', '2026-06-01 03:00:00', 'product_view', 'a', 'search'],
  [1, '2026-06-01', '2026-06-01 03:00:00', 'add_to_cart', 'c', 'live'],
  [1, '2026-06-02', '2026-06-02 05:00:00', 'product_view', 'a', 'live'],
  [1, '2026-06-02', '2026-06-02 06:00:00', 'order_paid', 'd', 'live'],
  [2, '2026-06-01', '2026-06-01 01:00:00', 'page_view', 'a', 'search'],
  [2, '2026-06-02', '2026-06-02 04:00:00', 'product_view', 'z', 'search'],
];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'storelens-wh-'));
  dirs.push(dir);
  wh = await Warehouse.open({ mode: 'embedded', path: dir });
  await migrate(wh, { upTo: 5 });
  for (const [i, [shop, day, ts, name, visitor, channel]] of EVENTS.entries()) {
    await wh.admin().command(
      `INSERT INTO events (shop_id, day, ts, event_id, event_name, visitor_id, channel, product_id, category)
         VALUES ({shop:UInt32}, {day:Date}, {ts:DateTime64(3)}, {id:UInt64}, {name:String}, {visitor:String}, {channel:String}, 'p1', 'tea')`,
      { shop, day, ts, id: i + 1, name, visitor, channel },
      tag,
    );
  }
  const applied = await migrate(wh);
  expect(applied.applied.map((m) => m.version)).toEqual(
    loadMigrations()
      .filter((m) => m.version >= 6)
      .map((m) => m.version),
  );
}, 120_000);

afterAll(async () => {
  await wh?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const numbers = async () =>
  wh
    .admin()
    .rows<{ shop_id: number; visitor_id: string; visitor_no: number }>(
      'SELECT shop_id, visitor_id, visitor_no FROM visitor_numbers ORDER BY shop_id, visitor_no',
      {},
      tag,
    );

describe('migrating a store with events to visitor numbers', () => {
  it('numbers each shop’s stored visitors from 1 by first event, ties by id', async () => {
    // Shop 1: b at 02:00, then a and c both at 03:00 (a before c by id), then d the next day.
    expect(await numbers()).toEqual([
      { shop_id: 1, visitor_id: 'b', visitor_no: 1 },
      { shop_id: 1, visitor_id: 'a', visitor_no: 2 },
      { shop_id: 1, visitor_id: 'c', visitor_no: 3 },
      { shop_id: 1, visitor_id: 'd', visitor_no: 4 },
      { shop_id: 2, visitor_id: 'a', visitor_no: 1 },
      { shop_id: 2, visitor_id: 'z', visitor_no: 2 },
    ]);
  });

  it('stamps every stored event with its visitor’s number', async () => {
    const rows = await wh
      .admin()
      .rows<{ shop_id: number; visitor_id: string; visitor_no: number }>(
        'SELECT shop_id, visitor_id, visitor_no FROM events ORDER BY event_id',
        {},
        tag,
      );
    expect(rows.map((r) => `${r.shop_id}:${r.visitor_id}=${r.visitor_no}`)).toEqual([
      '1:b=1',
      '1:a=2',
      '1:c=3',
      '1:a=2',
      '1:d=4',
      '2:a=1',
      '2:z=2',
    ]);
  });

  it('rebuilds the rollups from the stored events', async () => {
    const stages = await wh.admin().rows(
      `SELECT shop_id, toString(day) AS day, groupBitmapMerge(visitors) AS v, groupBitmapMerge(viewers) AS pv,
              groupBitmapMerge(carters) AS c, groupBitmapMerge(payers) AS p
       FROM daily_stage_visitors GROUP BY shop_id, day ORDER BY shop_id, day`,
      {},
      tag,
    );
    expect(stages).toEqual([
      { shop_id: 1, day: '2026-06-01', v: 3, pv: 1, c: 1, p: 0 },
      { shop_id: 1, day: '2026-06-02', v: 2, pv: 1, c: 0, p: 1 },
      { shop_id: 2, day: '2026-06-01', v: 1, pv: 0, c: 0, p: 0 },
      { shop_id: 2, day: '2026-06-02', v: 1, pv: 1, c: 0, p: 0 },
    ]);
    const channels = await wh.admin().rows(
      `SELECT shop_id, toString(channel) AS ch, groupBitmapMerge(visitors) AS v, sum(events) AS e
       FROM daily_channel_metrics GROUP BY shop_id, ch ORDER BY shop_id, ch`,
      {},
      tag,
    );
    // Shop 1 live: c (day 1), a and d (day 2) — three visitors over both days; search: b, a.
    expect(channels).toEqual([
      { shop_id: 1, ch: 'live', v: 3, e: 3 },
      { shop_id: 1, ch: 'search', v: 2, e: 2 },
      { shop_id: 2, ch: 'search', v: 2, e: 2 },
    ]);
    const [viewers] = await wh
      .admin()
      .rows(`SELECT groupBitmapMerge(viewers) AS v FROM daily_category_viewers WHERE shop_id = 1 AND category = 'tea'`, {}, tag);
    expect(viewers).toEqual({ v: 1 });
  });

  it('rerun after an interruption that lost numbers, restores the same ones', async () => {
    const before = await numbers();
    await wh.admin().command("DELETE FROM visitor_numbers WHERE visitor_id IN ('a', 'd')", {}, tag);
    await wh.admin().command('DELETE FROM schema_migrations WHERE version >= 6', {}, tag);
    expect((await migrate(wh)).applied.map((m) => m.version)).toEqual(
      loadMigrations()
        .filter((m) => m.version >= 6)
        .map((m) => m.version),
    );
    expect(await numbers()).toEqual(before);
  });
});
