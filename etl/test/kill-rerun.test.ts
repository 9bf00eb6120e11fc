/**
 * An import killed at any point and run again ends in exactly the state of one clean run: the
 * same rows in events, once each, rollups that agree with them, and every visitor numbered once.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@storelens/fixtures';
import { Warehouse } from '@storelens/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropStaleStaging, refreshAllPending, runImport } from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'storelens-kill-'));
const dir = join(root, 'wh');
let file: string;
let parquetFile: string;
const shop = (id: number) => ({ id, timeZone: 'Asia/Shanghai', currency: 'CNY' });
const tag = { purpose: 'test' };

beforeAll(async () => {
  await generate({ size: 'demo', seed: 5, endDate: '2026-06-30', out: join(root, 'world'), format: 'csv', events: 160_000, days: 45 });
  file = join(root, 'world', 'lotus-tea', 'events-00000.csv');
  // The same events as Parquet, which the engine types straight from the file in one statement.
  await generate({ size: 'demo', seed: 5, endDate: '2026-06-30', out: join(root, 'pq'), format: 'parquet', events: 160_000, days: 45 });
  parquetFile = join(root, 'pq', 'lotus-tea', 'events-00000.parquet');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function fingerprint(wh: Warehouse, shopId: number): Promise<Record<string, unknown>> {
  const scope = wh.forShop(shopId);
  const [events] = await scope.rows<Record<string, unknown>>(
    'SELECT count() AS rows, uniqExact(event_id) AS ids, sum(cityHash64(event_id, ts, visitor_id, amount)) AS checksum FROM events WHERE shop_id = {shop_id:UInt32}',
    {},
    tag,
  );
  const [rollup] = await scope.rows<Record<string, unknown>>(
    'SELECT sum(events) AS events, sum(page_views) AS page_views FROM daily_channel_metrics WHERE shop_id = {shop_id:UInt32}',
    {},
    tag,
  );
  // Visitor numbers: a killed numbering may hand out the rest in another order than a clean run,
  // so what must agree is that they are one dense run 1..N, one per visitor, and every event
  // carries its visitor's number; and the bitmap rollup's visitors per day.
  const [numbers] = await scope.rows<Record<string, unknown>>(
    `SELECT count() AS numbered, max(visitor_no) AS highest, uniqExact(visitor_no) AS distinct_numbers, uniqExact(visitor_id) AS visitors,
            (SELECT count() FROM events AS e
             LEFT JOIN (SELECT visitor_id, visitor_no FROM visitor_numbers WHERE shop_id = {shop_id:UInt32}) AS n ON n.visitor_id = e.visitor_id
             WHERE e.shop_id = {shop_id:UInt32} AND e.visitor_no != n.visitor_no) AS misnumbered
     FROM visitor_numbers WHERE shop_id = {shop_id:UInt32}`,
    {},
    tag,
  );
  const [bitmaps] = await scope.rows<Record<string, unknown>>(
    'SELECT sum(v) AS visitor_days FROM (SELECT day, groupBitmapMerge(visitors) AS v FROM daily_stage_visitors WHERE shop_id = {shop_id:UInt32} GROUP BY day)',
    {},
    tag,
  );
  // The daily session figures (recomputed after each merge, so a merge killed before that step
  // must be put right by the rerun), and the same figures worked out from the events themselves.
  const sessionsOf = (from: string) =>
    scope.rows<Record<string, unknown>>(
      `SELECT count() AS days, sum(d.sessions) AS all_sessions, sum(d.bounce_sessions) AS bounces, sum(d.session_seconds) AS seconds,
              sum(cityHash64(d.day, d.sessions, d.bounce_sessions, d.session_seconds)) AS by_day
       FROM (${from}) AS d WHERE d.sessions > 0`,
      {},
      tag,
    );
  const [sessions] = await sessionsOf(
    'SELECT day, sessions, bounce_sessions, session_seconds FROM daily_sessions FINAL WHERE shop_id = {shop_id:UInt32}',
  );
  const [sessionsFromEvents] = await sessionsOf(
    `SELECT start_day AS day, count() AS sessions, countIf(n = 1) AS bounce_sessions, sum(seconds) AS session_seconds
     FROM (SELECT day AS start_day, count() AS n, toUInt64(dateDiff('second', min(ts), max(ts))) AS seconds
           FROM events WHERE shop_id = {shop_id:UInt32} AND session_id != '' GROUP BY day, session_id)
     GROUP BY start_day`,
  );
  return { ...events, rollup, numbers, bitmaps, sessions, sessionsFromEvents };
}

describe('kill -9 during an import, then run it again', () => {
  // Reading includes typing (each framed batch is typed on its way in): killed after the 8th chunk,
  // and 30 ms after the 4th, in the middle of typing a batch.
  const killPoints = ['reading@8', 'reading@4+30', 'merging', 'merging+40', 'merging+150'];

  const cases = [
    ...killPoints.map((killAt) => ({ killAt, format: 'csv', leftover: 1 })), // the typed stage (batches are typed as they are read)
    { killAt: 'typing', format: 'parquet', leftover: 1 }, // the typed stage (Parquet is never staged raw)
  ];
  it.each(cases)('killed at $killAt ($format): the rerun ends where one clean run does', async ({ killAt, format, leftover }) => {
    const shopId = 100 + cases.findIndex((c) => c.killAt === killAt && c.format === format);
    const path = format === 'csv' ? file : parquetFile;
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'kill-import.child.ts'), dir, path, String(shopId), killAt], {
      cwd: join(here, '..'),
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(child.signal, child.stderr).toBe('SIGKILL');

    const wh = await Warehouse.open({ mode: 'embedded', path: dir });
    try {
      // What the server does at start-up: the killed import's staging tables are dropped.
      // The typed stage; killed while merging, perhaps also the merge's visitor-numbers table.
      const dropped = await dropStaleStaging(wh);
      expect(dropped.filter((t) => t.startsWith('etl_stage_')).length).toBe(leftover);
      expect(dropped.filter((t) => !t.startsWith('etl_stage_') && !(killAt.startsWith('merging') && t.startsWith('etl_num_')))).toEqual([]);
      // Also at start-up: days a killed merge left marked are recomputed, so even before the rerun
      // the daily session figures agree with whatever events the killed run stored.
      await refreshAllPending(wh, async (id) => shop(id).timeZone);
      const killed = await fingerprint(wh, shopId);
      expect(killed.sessions).toEqual(killed.sessionsFromEvents);
      const rerun = await runImport(wh, { shop: shop(shopId), kind: 'events', path });
      expect(rerun.rowsRejected).toBe(0);
      await runImport(wh, { shop: shop(1), kind: 'events', path: file }); // the clean reference (once loaded, a no-op)
      const clean = await fingerprint(wh, 1);
      expect(await fingerprint(wh, shopId)).toEqual(clean);
      const n = Number((clean.numbers as { visitors: number }).visitors);
      expect(n).toBeGreaterThan(100);
      expect(clean.numbers).toEqual({ numbered: n, highest: n, distinct_numbers: n, visitors: n, misnumbered: 0 });
      expect(clean.rows).toBe(rerun.rowsRead);
      expect(Number((clean.sessions as { all_sessions: number }).all_sessions)).toBeGreaterThan(100);
      expect(clean.sessions).toEqual(clean.sessionsFromEvents);
      const leftovers = await wh.admin().rows<{ n: number }>("SELECT count() AS n FROM system.tables WHERE name LIKE 'etl_%'", {}, tag);
      expect(leftovers[0]?.n).toBe(0);
    } finally {
      await wh.close();
    }
  });
});
