import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IngestBatcher } from '@storelens/etl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realtime } from '../src/analyses/realtime.analysis.js';
import { DEMO_FEED_DIR, DemoLiveFeed, readFeedState, writeFeedState } from '../src/demo/live-feed.js';
import { loadDemoIfEmpty } from '../src/demo/load-demo.js';
import { ImportService } from '../src/imports/import-service.js';
import { ImportJobsRepo, type Shop, ShopsRepo } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openTempStores } from './temp-stores.js';

// The first start at 10:00 UTC (18:00 in Shanghai, where lotus-tea keeps its days).
const FIRST_START = Date.parse('2026-06-30T10:00:00Z');
const HOUR = 3_600_000;

let stores: Stores;
let dispose: () => Promise<void>;
let batcher: IngestBatcher;
let shop: Shop;
const log: string[] = [];

const one = async (sql: string) =>
  (await stores.warehouse.forShop(shop.id).rows<{ n: number | string }>(sql, {}, { purpose: 'test' }))[0]?.n;
const storedEvents = () => one('SELECT count() AS n FROM events WHERE shop_id = {shop_id:UInt32}');
const latestEvent = () => one('SELECT toUnixTimestamp64Milli(max(ts)) AS n FROM events WHERE shop_id = {shop_id:UInt32}');
const storedOrders = () => one('SELECT uniqExact(order_id) AS n FROM orders WHERE shop_id = {shop_id:UInt32}');

/** The held-back rows of a shop, read straight from the feed's day files: [knownAt, kind]. */
function heldRows(slug: string): Array<{ at: number; kind: string; json: string }> {
  const dir = join(stores.config.dataDir, DEMO_FEED_DIR, slug);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.tsv'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean))
    .map((line) => {
      const [at, kind, json] = line.split('\t');
      return { at: Number(at), kind: kind ?? '', json: json ?? '' };
    });
}

const feedAt = (now: number) =>
  new DemoLiveFeed(stores, batcher, new ImportService(stores.warehouse, stores.metadata), { clock: () => now, log: (m) => log.push(m) });

beforeAll(async () => {
  ({ stores, dispose } = await openTempStores());
  batcher = new IngestBatcher(stores.warehouse, { maxDelayMs: 5, sessionsDelayMs: 0 });
  await loadDemoIfEmpty(stores, { events: 30_000, liveDays: 2, now: FIRST_START, log: (m) => log.push(m) });
  shop = await new ShopsRepo(stores.metadata).getBySlug('lotus-tea');
}, 120_000);
afterAll(async () => {
  await batcher.close();
  await dispose();
});

describe('the demo live feed', () => {
  it('loads only what was known at the first start and holds the rest back', async () => {
    expect(Number(await latestEvent())).toBeLessThanOrEqual(FIRST_START);
    const held = heldRows('lotus-tea');
    // Two days and the rest of the first: a few thousand of the world's 30,000 events in four shops.
    expect(held.filter((r) => r.kind === 'events').length).toBeGreaterThan(100);
    expect(held.every((r) => r.at > FIRST_START)).toBe(true);
    expect(readFeedState(stores.config.dataDir)?.shops['lotus-tea']).toEqual({ events: FIRST_START, imports: FIRST_START });
    expect(log.at(-1)).toMatch(/events generated, .*rows from now on \(events, orders, customers\) held back for the live feed/);
  });

  it('releases events through live ingestion and orders through imports as their time comes', async () => {
    const before = { events: Number(await storedEvents()), orders: Number(await storedOrders()) };
    // 20:00 the next day in Shanghai: that whole local day came after the first start.
    const now = FIRST_START + 26 * HOUR;
    const due = heldRows('lotus-tea').filter((r) => r.at <= now);
    const dueEvents = due.filter((r) => r.kind === 'events').length;
    const dueOrderIds = new Set(due.filter((r) => r.kind === 'orders').map((r) => JSON.parse(r.json).order_id as string));
    expect(dueEvents).toBeGreaterThan(0);
    expect(dueOrderIds.size).toBeGreaterThan(0);

    const results = await feedAt(now).release();
    const mine = results.find((r) => r.shop === 'lotus-tea');
    expect(mine?.events).toEqual({ accepted: dueEvents, duplicate: 0, rejected: 0 });
    expect(mine?.imported.orders ?? 0).toBe(due.filter((r) => r.kind === 'orders').length);
    expect(Number(await storedEvents())).toBe(before.events + dueEvents);
    expect(Number(await latestEvent())).toBeLessThanOrEqual(now);
    // Orders released are new ids or later versions of ones already stored.
    expect(Number(await storedOrders())).toBeGreaterThanOrEqual(before.orders);
    expect(Number(await storedOrders())).toBeLessThanOrEqual(before.orders + dueOrderIds.size);
    const jobs = await new ImportJobsRepo(stores.metadata).list(shop.id);
    expect(jobs.some((j) => j.source.startsWith('demo-feed/lotus-tea/orders-') && j.status === 'succeeded')).toBe(true);

    // The real-time page has a today, all of it fed.
    expect(shop.time_zone).toBe('Asia/Shanghai');
    const today = (await realtime(stores.warehouse.forShop(shop.id), shop, new Date(now))).days.find((d) => d.label === 'today');
    expect(today?.day).toBe('2026-07-01');
    expect(today?.soFar.uv).toBeGreaterThan(0);
  });

  it('releases nothing twice, even when its state is lost after a release', async () => {
    const now = FIRST_START + 26 * HOUR;
    const stored = { events: await storedEvents(), orders: await storedOrders() };
    const again = await feedAt(now).release();
    expect(again.find((r) => r.shop === 'lotus-tea')?.events).toEqual({ accepted: 0, duplicate: 0, rejected: 0 });

    // A crash between a release and writing the state: the same rows are released again.
    const state = readFeedState(stores.config.dataDir);
    if (!state) throw new Error('no feed state');
    for (const s of Object.values(state.shops)) Object.assign(s, { events: FIRST_START, imports: FIRST_START });
    writeFeedState(stores.config.dataDir, state);
    const replay = (await feedAt(now).release()).find((r) => r.shop === 'lotus-tea');
    expect(replay?.events.accepted).toBe(0);
    expect(replay?.events.duplicate).toBeGreaterThan(0);
    expect(await storedEvents()).toBe(stored.events);
    expect(await storedOrders()).toBe(stored.orders);
  });

  it('waits ten minutes between imports and says when the world has run out', async () => {
    const first = FIRST_START + 26 * HOUR;
    const soon = (await feedAt(first + 5 * 60_000).release()).find((r) => r.shop === 'lotus-tea');
    expect(soon?.imported).toEqual({});
    const end = FIRST_START + 4 * 24 * HOUR;
    await feedAt(end).release();
    expect(Number(await latestEvent())).toBe(
      Math.max(
        ...heldRows('lotus-tea')
          .filter((r) => r.kind === 'events')
          .map((r) => r.at),
      ),
    );
    expect(log.some((m) => /lotus-tea has no more generated data/.test(m))).toBe(true);
  });
});
