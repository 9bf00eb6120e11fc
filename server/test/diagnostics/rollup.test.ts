/**
 * Reads that take a shortcut through a rollup (the diagnosis's, and the products ranking's
 * engagement) must give what the long way gives.
 *  - Visitors per period from daily_stage_visitors (bitmaps of visitor numbers, migration 0006) equal the same figures
 *    counted over the events, for days and weeks, at several dates, in two time zones.
 *    The same for the splits' visitors: per channel from daily_channel_metrics, per category from
 *    daily_category_viewers (bitmaps too, migration 0007).
 *  - The migrations' backfills rebuild their rollups exactly, and running them twice changes nothing.
 *  - The repurchase signal's query (diagnostics-repurchase.sql) gives the 30-day cohort figures of
 *    the repurchase analysis, with and without a filter.
 *  - The products ranking with its engagement from daily_product_metrics equals the ranking with
 *    its engagement counted over the events, for several ranges and sorts; so do the price bands'
 *    viewers.
 *  - Traffic with its visitors and new visitors from the bitmaps (daily_channel_metrics by channel,
 *    the range's events by the other dimensions, daily_stage_visitors for who was seen before)
 *    equals traffic counted over the events, for several ranges and dimensions.
 *  - The overview with its visitors and page views from daily_stage_visitors, its sessions from
 *    daily_sessions and its order figures from buyer_days equals the
 *    overview counted over the events and orders, totals and every day, for several ranges.
 * The world is generated (two shops, 200 days), so it has gaps, returning buyers and refunds that
 * nobody arranged.
 */
import { generate } from '@storelens/fixtures';
import { loadMigrations } from '@storelens/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorldShop, readWorld } from '../../../bench/world.js';
import { addDays } from '../../src/analyses/diagnostics/diagnosis-model.js';
import { repurchaseTrend, segmentVisitors, stageVisitors } from '../../src/analyses/diagnostics/diagnosis-reads.js';
import { filteredQuery } from '../../src/analyses/filters.js';
import { overview } from '../../src/analyses/overview.analysis.js';
import { priceBands } from '../../src/analyses/price-bands.analysis.js';
import { products } from '../../src/analyses/products.analysis.js';
import { repurchase } from '../../src/analyses/repurchase.analysis.js';
import { traffic } from '../../src/analyses/traffic.analysis.js';
import { type Shop, ShopsRepo } from '../../src/metadata/index.js';
import type { Stores } from '../../src/store/open-stores.js';
import { openTempStores, tempDir } from '../temp-stores.js';

let stores: Stores;
let dispose: () => Promise<void>;
const shops: Shop[] = [];
const END = '2026-11-20';

beforeAll(async () => {
  ({ stores, dispose } = await openTempStores());
  const world = tempDir('rollup-world-');
  await generate({ size: 'tiny', seed: 11, endDate: END, out: world, format: 'csv', days: 200, events: 60_000 });
  const repo = new ShopsRepo(stores.metadata);
  const org = await repo.createOrganization('Rollups');
  for (const s of readWorld(world).shops) shops.push(await loadWorldShop(stores, repo, org.id, world, s));
}, 180_000);
afterAll(async () => dispose());

const PERIODS = [
  { label: 'days', len: 1, buckets: 29 },
  { label: 'weeks', len: 7, buckets: 5 },
];
const ENDS = [END, addDays(END, -1), addDays(END, -45), addDays(END, -170)];

describe('visitors per period: rollup = events', () => {
  it('the world has the visitors the comparison needs', async () => {
    expect(shops.map((s) => s.time_zone)).toEqual(['Asia/Shanghai', 'America/Los_Angeles']);
    const v = await stageVisitors(
      stores.warehouse.forShop(shops[0]?.id as number),
      shops[0] as Shop,
      {},
      { start: addDays(END, -28), len: 1, buckets: 29 },
      'events',
    );
    const total = [...v.values()].reduce((a, b) => a + b.uv, 0);
    const payers = [...v.values()].reduce((a, b) => a + b.payers, 0);
    expect(total).toBeGreaterThan(1000);
    expect(payers).toBeGreaterThan(20);
  });

  for (const p of PERIODS)
    for (const end of ENDS)
      it(`${p.label} up to ${end}, both shops`, async () => {
        for (const shop of shops) {
          const scope = stores.warehouse.forShop(shop.id);
          const start = addDays(end, 1 - p.len * p.buckets);
          const params = { start, len: p.len, buckets: p.buckets };
          const fromRollup = await stageVisitors(scope, shop, {}, params);
          const fromEvents = await stageVisitors(scope, shop, {}, params, 'events');
          expect(Object.fromEntries(fromRollup), shop.slug).toEqual(Object.fromEntries(fromEvents));
        }
      });
});

describe('visitors per channel and per category for the splits: rollup = events', () => {
  for (const by of ['channel', 'category'] as const)
    for (const len of [1, 7])
      for (const end of ENDS)
        it(`by ${by}, ${len === 1 ? 'a day' : 'a week'} against the one a week before, up to ${end}, both shops`, async () => {
          for (const shop of shops) {
            const scope = stores.warehouse.forShop(shop.id);
            const periods = { from0: addDays(end, -6 - len), to0: addDays(end, -7), from1: addDays(end, 1 - len), to1: end };
            const fromRollup = await segmentVisitors(scope, shop, by, {}, periods);
            const fromEvents = await segmentVisitors(scope, shop, by, {}, periods, 'events');
            expect(fromEvents.length, shop.slug).toBeGreaterThan(2);
            expect(fromRollup, shop.slug).toEqual(fromEvents);
          }
        });
});

describe('unfiltered reads come from the rollups, filtered ones from the events', () => {
  // A probe visitor written straight into each rollup, on a day with no events: only a read
  // that really uses the rollup sees it. (Equal figures alone would also pass if every read
  // silently took the events.)
  const PROBE_DAY = '2020-01-01';
  // A day on which a real visitor is written as seen (the last test below): before the world.
  const SEEN_DAY = '2020-01-02';
  const periods = { from0: '2019-12-25', to0: '2019-12-25', from1: PROBE_DAY, to1: PROBE_DAY };
  beforeAll(async () => {
    const admin = stores.warehouse.admin();
    const shop = (shops[0] as Shop).id;
    // Visitor numbers count from 1 per shop: no real visitor of this world has this one.
    const bitmap = 'groupBitmapState(toUInt32(4000000000))';
    const tag = { purpose: 'test.probe' };
    await admin.command(
      `INSERT INTO daily_stage_visitors (shop_id, day, page_views, visitors, viewers, carters, checkouts, payers)
       SELECT {shop:UInt32}, toDate({day:String}), 2, ${bitmap}, ${bitmap}, ${bitmap}, ${bitmap}, ${bitmap}`,
      { shop, day: PROBE_DAY },
      tag,
    );
    await admin.command(
      `INSERT INTO daily_channel_metrics (shop_id, day, channel, visitors) SELECT {shop:UInt32}, toDate({day:String}), 'search', ${bitmap}`,
      { shop, day: PROBE_DAY },
      tag,
    );
    await admin.command(
      `INSERT INTO daily_category_viewers SELECT {shop:UInt32}, toDate({day:String}), 'probe-category', ${bitmap}`,
      { shop, day: PROBE_DAY },
      tag,
    );
    await admin.command(
      `INSERT INTO daily_product_metrics (shop_id, day, product_id, views, viewers) SELECT {shop:UInt32}, toDate({day:String}), 'probe-product', 3, ${bitmap}`,
      { shop, day: PROBE_DAY },
      tag,
    );
    await admin.command(
      `INSERT INTO daily_sessions (shop_id, day, sessions, bounce_sessions, session_seconds, computed_at)
       SELECT {shop:UInt32}, toDate({day:String}), 4, 1, 600, now64(6)`,
      { shop, day: PROBE_DAY },
      tag,
    );
    // A buyer who placed an order, paid 3 (12.50) and had 2.50 refunded that day, and last paid
    // 10 days before: returning, repeat.
    await admin.command(
      `INSERT INTO buyer_days (shop_id, day, buyer, known, placed_orders, paid_orders, paid_amount, refund_amount, previous_paid_day, computed_at)
       SELECT {shop:UInt32}, toDate({day:String}), 42, 1, 1, 3, 12.5, 2.5, toDate({day:String}) - 10, now64(6)`,
      { shop, day: PROBE_DAY },
      tag,
    );
  });

  afterAll(async () => {
    // The probes are not from events: the backfill comparison below must not see them.
    for (const table of [
      'daily_stage_visitors',
      'daily_channel_metrics',
      'daily_category_viewers',
      'daily_product_metrics',
      'daily_sessions',
      'buyer_days',
    ])
      await stores.warehouse.admin().command(
        `DELETE FROM ${table} WHERE day IN (toDate({day:String}), toDate({seen:String}))`,
        { day: PROBE_DAY, seen: SEEN_DAY },
        {
          purpose: 'test.probe',
        },
      );
  });

  it('visitors per stage', async () => {
    const shop = shops[0] as Shop;
    const scope = stores.warehouse.forShop(shop.id);
    const p = { start: PROBE_DAY, len: 1, buckets: 1 };
    expect(Object.fromEntries(await stageVisitors(scope, shop, {}, p))).toEqual({
      0: { uv: 1, viewers: 1, carters: 1, checkouts: 1, payers: 1 },
    });
    expect((await stageVisitors(scope, shop, {}, p, 'events')).size).toBe(0);
    expect((await stageVisitors(scope, shop, { devices: ['pc'] }, p)).size).toBe(0);
  });

  it.each([
    ['channel', 'search'],
    ['category', 'probe-category'],
  ] as const)('visitors per %s', async (by, segment) => {
    const shop = shops[0] as Shop;
    const scope = stores.warehouse.forShop(shop.id);
    expect(await segmentVisitors(scope, shop, by, {}, periods)).toEqual([{ p: 1, segment, uv: 1 }]);
    expect(await segmentVisitors(scope, shop, by, {}, periods, 'events')).toEqual([]);
    expect(await segmentVisitors(scope, shop, by, { devices: ['pc'] }, periods)).toEqual([]);
  });

  it('traffic’s visitors by channel', async () => {
    const shop = shops[0] as Shop;
    const scope = stores.warehouse.forShop(shop.id);
    const day = { from: PROBE_DAY, to: PROBE_DAY };
    const pick = (r: Awaited<ReturnType<typeof traffic>>) => r.rows.map((x) => [x.value, x.visitors, x.new_visitors, x.visitor_share]);
    expect(pick(await traffic(scope, shop, day, 'channel'))).toEqual([['search', 1, 1, 1]]);
    expect(pick(await traffic(scope, shop, day, 'channel', {}, { rawTables: true }))).toEqual([]);
    expect(pick(await traffic(scope, shop, day, 'channel', { devices: ['pc'] }))).toEqual([]);
    expect(pick(await traffic(scope, shop, day, 'source'))).toEqual([]);
  });

  it('traffic by source: who was seen before the range comes from daily_stage_visitors', async () => {
    const shop = shops[0] as Shop;
    const scope = stores.warehouse.forShop(shop.id);
    const range = { from: END, to: END };
    const news = (r: Awaited<ReturnType<typeof traffic>>) => r.rows.reduce((a, x) => a + x.new_visitors, 0);
    const before = await traffic(scope, shop, range, 'source');
    // A visitor whose first event is on the range's day, written into the rollup as seen long before.
    const [first] = await scope.rows<{ v: number }>(
      `SELECT visitor_no AS v FROM events WHERE shop_id = {shop_id:UInt32}
       GROUP BY visitor_no HAVING min(day) = toDate({end:String}) ORDER BY visitor_no LIMIT 1`,
      { end: END },
      { purpose: 'test.probe' },
    );
    expect(first).toBeDefined();
    await stores.warehouse.admin().command(
      `INSERT INTO daily_stage_visitors (shop_id, day, page_views, visitors, viewers, carters, checkouts, payers)
       SELECT {shop:UInt32}, toDate({day:String}), 1, groupBitmapState(toUInt32({v:UInt32})), groupBitmapState(toUInt32(0)),
              groupBitmapState(toUInt32(0)), groupBitmapState(toUInt32(0)), groupBitmapState(toUInt32(0))`,
      { shop: shop.id, day: SEEN_DAY, v: Number(first?.v) },
      { purpose: 'test.probe' },
    );
    const after = await traffic(scope, shop, range, 'source');
    const raw = await traffic(scope, shop, range, 'source', {}, { rawTables: true });
    // The unfiltered read no longer counts that visitor as new (in every source they came through);
    // the read over the events still does.
    expect(after.rows.map((r) => [r.value, r.visitors])).toEqual(before.rows.map((r) => [r.value, r.visitors]));
    expect(news(after)).toBeLessThan(news(before));
    expect(news(raw)).toBe(news(before));
  });

  it('the overview’s order figures', async () => {
    const shop = shops[0] as Shop;
    const scope = stores.warehouse.forShop(shop.id);
    const day = { from: PROBE_DAY, to: PROBE_DAY };
    const pick = (r: Awaited<ReturnType<typeof overview>>) => [
      r.totals.paid_orders,
      r.totals.paying_buyers,
      r.totals.gmv,
      r.totals.new_buyers,
      r.totals.repeat_buyers,
      r.totals.ordering_buyers,
      r.totals.refund_amount,
    ];
    expect(pick(await overview(scope, shop, day))).toEqual([3, 1, 12.5, 0, 1, 1, 2.5]);
    expect(pick(await overview(scope, shop, day, {}, { rawTables: true }))).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(pick(await overview(scope, shop, day, { devices: ['pc'] }))).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('the overview’s visitors and sessions', async () => {
    const shop = shops[0] as Shop;
    const scope = stores.warehouse.forShop(shop.id);
    const day = { from: PROBE_DAY, to: PROBE_DAY };
    const pick = (r: Awaited<ReturnType<typeof overview>>) => [
      r.totals.uv,
      r.totals.pv,
      r.totals.cart_visitors,
      r.totals.sessions,
      r.totals.bounce_sessions,
      r.totals.avg_session_seconds,
    ];
    expect(pick(await overview(scope, shop, day))).toEqual([1, 2, 1, 4, 1, 150]);
    expect(pick(await overview(scope, shop, day, {}, { rawTables: true }))).toEqual([0, 0, 0, 0, 0, null]);
    expect(pick(await overview(scope, shop, day, { devices: ['pc'] }))).toEqual([0, 0, 0, 0, 0, null]);
  });

  it('the products ranking’s engagement', async () => {
    const shop = shops[0] as Shop;
    const scope = stores.warehouse.forShop(shop.id);
    const day = { from: PROBE_DAY, to: PROBE_DAY };
    const probe = (await products(scope, shop, day)).rows.map((r) => [r.product_id, r.views, r.visitors, r.cart_visitors]);
    expect(probe).toEqual([['probe-product', 3, 1, 0]]);
    expect((await products(scope, shop, day, { engagementFrom: 'events' })).rows).toEqual([]);
    expect((await products(scope, shop, day, {}, { devices: ['pc'] })).rows).toEqual([]);
  });
});

const ROLLUPS = [
  {
    table: 'daily_stage_visitors',
    additive: true,
    read: `SELECT shop_id, toString(day) AS day, sum(page_views) AS views, groupBitmapMerge(visitors) AS v, groupBitmapMerge(viewers) AS pv, groupBitmapMerge(carters) AS c,
                  groupBitmapMerge(checkouts) AS k, groupBitmapMerge(payers) AS p
           FROM daily_stage_visitors GROUP BY shop_id, day ORDER BY shop_id, day`,
  },
  {
    table: 'daily_category_viewers',
    read: `SELECT shop_id, toString(day) AS day, toString(category) AS c, groupBitmapMerge(viewers) AS v
           FROM daily_category_viewers GROUP BY shop_id, day, c ORDER BY shop_id, day, c`,
  },
  // Tables with sums as well as sets: a second backfill would add the sums again (the migration
  // drops and recreates the table before its backfill, so a rerun of it starts from empty).
  {
    table: 'daily_channel_metrics',
    additive: true,
    read: `SELECT shop_id, toString(day) AS day, toString(channel) AS c, sum(events) AS e, sum(page_views) AS pv,
                  groupBitmapMerge(visitors) AS v, uniqExactMerge(sessions) AS s, groupBitmapMerge(cart_visitors) AS cv,
                  uniqExactMerge(paying_buyers) AS pb, uniqExactMerge(paid_orders) AS po, toString(sum(paid_amount)) AS amount
           FROM daily_channel_metrics GROUP BY shop_id, day, c ORDER BY shop_id, day, c`,
  },
  {
    table: 'daily_product_metrics',
    additive: true,
    read: `SELECT shop_id, toString(day) AS day, product_id AS p, sum(views) AS views, groupBitmapMerge(viewers) AS v,
                  sum(cart_adds) AS adds, groupBitmapMerge(cart_visitors) AS cv
           FROM daily_product_metrics GROUP BY shop_id, day, p ORDER BY shop_id, day, p`,
  },
];

describe('the backfills of migrations 0006 and 0007', () => {
  it.each(ROLLUPS)('rebuild $table from the events exactly (and, for sets only, a second run changes nothing)', async (rollup) => {
    const { table, read } = rollup;
    // The latest backfill of the table (0006 and 0007 rebuilt the rollups with bitmaps).
    const backfill = loadMigrations()
      .flatMap((f) => f.statements)
      .findLast((s) => s.startsWith(`INSERT INTO ${table}`));
    expect(backfill).toBeDefined();
    const admin = stores.warehouse.admin();
    const snapshot = () => admin.rows(read, {}, { purpose: 'test' });
    const fedByTheView = await snapshot();
    expect(fedByTheView.length).toBeGreaterThan(300);
    await admin.command(`TRUNCATE TABLE ${table}`, {}, { purpose: 'test' });
    expect(await snapshot()).toEqual([]);
    await admin.command(backfill as string, {}, { purpose: 'test', lane: 'bulk' });
    expect(await snapshot()).toEqual(fedByTheView);
    if ('additive' in rollup) return;
    await admin.command(backfill as string, {}, { purpose: 'test', lane: 'bulk' });
    expect(await snapshot()).toEqual(fedByTheView);
  });
});

describe('the repurchase signal', () => {
  const cohortsOfQuery = async (shop: Shop, to: string, filters = {}) => {
    // The query's own cohort rows (repurchaseTrend only keeps a summary of them).
    const { sql, params } = filteredQuery('diagnostics-repurchase', filters, shop, addDays(to, -240));
    const rows = await stores.warehouse
      .forShop(shop.id)
      .rows<{ cohort: string; eligible: number; repurchased: number }>(
        sql,
        { ...params, from: addDays(to, -240), to, tz: shop.time_zone },
        { purpose: 'test' },
      );
    return rows.map((r) => ({ cohort: r.cohort, eligible: Number(r.eligible), repurchased: Number(r.repurchased) }));
  };
  const cohortsOfAnalysis = async (shop: Shop, to: string, filters = {}) => {
    const r = await repurchase(stores.warehouse.forShop(shop.id), shop, { from: addDays(to, -240), to }, 1, filters);
    return r.cohorts.map((c) => ({ cohort: c.cohort, eligible: c.windows['30']?.eligible, repurchased: c.windows['30']?.repurchased }));
  };

  it.each([END, addDays(END, -60)])('gives the repurchase analysis’s 30-day cohort figures up to %s', async (to) => {
    for (const shop of shops) {
      const want = await cohortsOfAnalysis(shop, to);
      expect(want.some((c) => (c.repurchased ?? 0) > 0)).toBe(true);
      expect(await cohortsOfQuery(shop, to), shop.slug).toEqual(want);
    }
  });

  it('gives them with a filter too', async () => {
    const shop = shops[0] as Shop;
    const filters = { devices: ['mobile_app'] };
    expect(await cohortsOfQuery(shop, END, filters)).toEqual(await cohortsOfAnalysis(shop, END, filters));
  });

  it('compares the newest rated cohort with up to three before it', async () => {
    const shop = shops[0] as Shop;
    const cohorts = (await cohortsOfAnalysis(shop, END)).filter((c) => (c.eligible ?? 0) >= 20);
    const signal = await repurchaseTrend(stores.warehouse.forShop(shop.id), shop, END, {});
    const rate = (c: (typeof cohorts)[number]) => (c.repurchased as number) / (c.eligible as number);
    const last = cohorts[cohorts.length - 1];
    const earlier = cohorts.slice(-4, -1);
    expect(signal?.cohort).toBe(last?.cohort);
    expect(signal?.rate).toBeCloseTo(rate(last as (typeof cohorts)[number]), 6);
    expect(signal?.earlier).toBeCloseTo(earlier.reduce((a, c) => a + rate(c), 0) / earlier.length, 6);
  });
});

describe('traffic: visitors from the rollups = from the events', () => {
  const RANGES = [
    { from: addDays(END, -6), to: END },
    { from: addDays(END, -89), to: END },
    { from: addDays(END, -74), to: addDays(END, -45) },
    { from: END, to: END },
  ];
  // By channel every part comes from the bitmaps; by the other dimensions the groups' visitors
  // come from the range's events and who was seen before the range from the bitmaps. (A single
  // day has one weekday, so by weekday only ranges of several days have groups to compare.)
  for (const range of RANGES)
    it.each(['channel', 'source', 'campaign', 'sharer', 'device', 'hour', ...(range.from === range.to ? [] : ['weekday'])])(
      `${range.from} to ${range.to}, by %s, both shops`,
      async (by) => {
        for (const shop of shops) {
          const scope = stores.warehouse.forShop(shop.id);
          const fromRollup = await traffic(scope, shop, range, by);
          const fromEvents = await traffic(scope, shop, range, by, {}, { rawTables: true });
          expect(fromRollup, shop.slug).toEqual(fromEvents);
          // Two groups or more, and new and returning visitors in them: the comparison covers both.
          expect(fromRollup.rows.length, shop.slug).toBeGreaterThan(1);
          const sum = (k: 'visitors' | 'new_visitors') => fromRollup.rows.reduce((a, r) => a + r[k], 0);
          expect(sum('new_visitors'), shop.slug).toBeGreaterThan(0);
          expect(sum('new_visitors'), shop.slug).toBeLessThan(sum('visitors'));
        }
      },
    );
});

describe('overview: from the rollups = from the events and orders', () => {
  const RANGES = [
    { from: addDays(END, -6), to: END },
    { from: addDays(END, -89), to: END },
    { from: addDays(END, -74), to: addDays(END, -45) },
    { from: END, to: END },
    // Before the world's first day: no rows either way.
    { from: addDays(END, -260), to: addDays(END, -250) },
  ];
  for (const range of RANGES)
    it(`${range.from} to ${range.to}, both shops, totals and every day`, async () => {
      for (const shop of shops) {
        const scope = stores.warehouse.forShop(shop.id);
        const fromRollup = await overview(scope, shop, range);
        const fromEvents = await overview(scope, shop, range, {}, { rawTables: true });
        expect(fromRollup, shop.slug).toEqual(fromEvents);
        // Not a comparison of two empty overviews, except for the range before the world.
        if (range.from > addDays(END, -200)) expect(fromRollup.totals.uv, shop.slug).toBeGreaterThan(0);
        // Over 90 days both kinds of buyer and repeat buyers occur: the comparison covers them.
        if (range.from === addDays(END, -89)) {
          const t = fromRollup.totals;
          expect(t.new_buyers, shop.slug).toBeGreaterThan(0);
          expect(t.returning_buyers, shop.slug).toBeGreaterThan(0);
          expect(t.repeat_buyers, shop.slug).toBeGreaterThan(0);
        }
        // A visitor of several days counts once in the totals.
        if (range.from !== range.to && range.from > addDays(END, -200))
          expect(fromRollup.totals.uv).toBeLessThan(fromRollup.daily.reduce((a, d) => a + (d.uv ?? 0), 0));
      }
    });
});

describe('price bands: viewers from the rollup = from the events', () => {
  const RANGES = [
    { from: addDays(END, -89), to: END },
    { from: addDays(END, -176), to: addDays(END, -170) },
    { from: END, to: END },
  ];
  for (const range of RANGES)
    it(`${range.from} to ${range.to}, both shops`, async () => {
      for (const shop of shops) {
        const scope = stores.warehouse.forShop(shop.id);
        const fromRollup = await priceBands(scope, shop, range);
        expect(fromRollup).toEqual(await priceBands(scope, shop, range, {}, 'events'));
        // Not a comparison of empty bands.
        expect(fromRollup.rows.some((b) => b.visitors > 0 && b.active_products > 0)).toBe(true);
      }
    });
});

describe('products ranking: engagement from the rollup = from the events', () => {
  const RANGES = [
    { from: addDays(END, -89), to: END },
    { from: addDays(END, -74), to: addDays(END, -45) },
    { from: addDays(END, -176), to: addDays(END, -170) },
    { from: END, to: END },
  ];
  for (const range of RANGES)
    it(`${range.from} to ${range.to}, both shops, by views and by visitors`, async () => {
      for (const shop of shops) {
        const scope = stores.warehouse.forShop(shop.id);
        for (const sort of ['views', 'cart_visitors']) {
          const options = { sort, limit: 1000 };
          const fromRollup = await products(scope, shop, range, options);
          const fromEvents = await products(scope, shop, range, { ...options, engagementFrom: 'events' });
          expect(fromRollup).toEqual(fromEvents);
          // Not a comparison of two empty lists.
          if (range.from !== range.to) expect(fromRollup.rows.some((r) => r.views > 0 && r.visitors > 0)).toBe(true);
        }
      }
    });
});
