/**
 * Campaign review (活动复盘) on a shop crafted by hand: a two-day live-stream promotion on 11–12
 * October 2026 against the 28 usual days before it (13 September – 10 October) and the 7 days
 * after (13–19 October). Every expected figure below was worked out by hand from the rows listed
 * here (the working is beside each); the shares' divisions were done separately and rounded half
 * up to 6 places. The windows' rules (cut at yesterday, usual chosen or not, clipped days after)
 * and a client's mistakes are checked with a fixed "now".
 */

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignReview } from '../src/analyses/campaign-review.analysis.js';
import { campaignWindows } from '../src/analyses/campaign-windows.js';
import { buildApp } from '../src/app.js';
import { ApiKeysRepo, type Shop } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openHandWorkedShop } from './hand-worked-shop.js';

// event_id, day (noon, shop time), visitor, channel
const EVENTS: Array<[string, string, string, string]> = [
  // Usual days: 2 visitors on 09-20 and 2 on 10-01 (4 visitor-days; U1, U2, U3 distinct).
  ['e1', '2026-09-20', 'U1', 'search'],
  ['e2', '2026-09-20', 'U2', 'search'],
  ['e3', '2026-10-01', 'U1', 'ads'],
  ['e4', '2026-10-01', 'U3', 'ads'],
  // Campaign: 4 on 10-11, 2 on 10-12 (6 visitor-days; V1–V4 and U1: 5 distinct; live stream 4, search 1).
  ['e5', '2026-10-11', 'V1', 'live_stream'],
  ['e6', '2026-10-11', 'V2', 'live_stream'],
  ['e7', '2026-10-11', 'V3', 'live_stream'],
  ['e8', '2026-10-11', 'U1', 'search'],
  ['e9', '2026-10-12', 'V1', 'live_stream'],
  ['e10', '2026-10-12', 'V4', 'live_stream'],
  // Days after: 2 on 10-15.
  ['e11', '2026-10-15', 'V1', 'search'],
  ['e12', '2026-10-15', 'W1', 'direct'],
];

// order_id, customer ('' = guest), visitor, paid day, channel, goods amount, order discount, refund, refunded day
const ORDERS: Array<[string, string, string, string, string, number, number, number, string]> = [
  // Usual: 100 + 180 + 60 = 340 over 3 orders of 2 buyers (A twice); A and B first-time buyers.
  ['u1', 'A', 'U1', '2026-09-20', 'search', 100, 0, 0, ''],
  ['u2', 'B', 'U3', '2026-10-01', 'ads', 180, 0, 30, '2026-10-03'],
  ['u3', 'A', 'U1', '2026-10-05', 'search', 60, 0, 0, ''],
  // Campaign: 200 + 150 + 80 + 50 = 480 paid over 4 orders of 4 buyers; goods 500, discount 20.
  ['c1', 'C', 'V1', '2026-10-11', 'live_stream', 220, 20, 0, ''],
  ['c2', 'D', 'V2', '2026-10-11', 'live_stream', 150, 0, 150, '2026-10-14'],
  ['c3', 'A', 'U1', '2026-10-12', 'search', 80, 0, 0, ''],
  ['c4', '', 'V3', '2026-10-12', 'live_stream', 50, 0, 0, ''],
  // After: C's second order, 5 days after the first.
  ['a1', 'C', 'V1', '2026-10-16', 'search', 90, 0, 0, ''],
  // Outside every window: B's second order exactly 30 days after the first (still within 30),
  // and a last payment on 11-20, so every first-time buyer's 30 days are observed.
  ['b2', 'B', 'U3', '2026-10-31', 'ads', 70, 0, 0, ''],
  ['x1', 'E', '', '2026-11-20', 'direct', 10, 0, 0, ''],
];

// order_id, product, quantity, amount (one line per order)
const LINES: Array<[string, string, number, number]> = [
  ['u1', 'P1', 1, 100],
  ['u2', 'P2', 1, 180],
  ['u3', 'P3', 1, 60],
  ['c1', 'P1', 2, 220],
  ['c2', 'P2', 1, 150],
  ['c3', 'P1', 1, 80],
  ['c4', 'P3', 1, 50],
  ['a1', 'P1', 1, 90],
  ['b2', 'P2', 1, 70],
  ['x1', 'P3', 1, 10],
];

const at = (day: string) => (day ? `${day}T12:00:00+08:00` : '');
const FIXED_NOW = new Date('2026-11-24T04:00:00Z'); // noon in Shanghai: yesterday is 11-23

let stores: Stores;
let dispose: () => Promise<void>;
let shop: Shop;

beforeAll(async () => {
  const events = `event_id,ts,event,visitor_id,channel\n${EVENTS.map(([id, day, v, ch]) => [id, at(day), 'page_view', v, ch].join(',')).join('\n')}\n`;
  const orders = `order_id,customer_id,visitor_id,created_at,paid_at,status,items_amount,discount_amount,paid_amount,refund_amount,refunded_at,updated_at,channel\n${ORDERS.map(
    ([id, customer, visitor, day, channel, goods, discount, refund, refunded]) =>
      [
        id,
        customer,
        visitor,
        at(day),
        at(day),
        refund === 0 ? 'completed' : refund < goods - discount ? 'partially_refunded' : 'refunded',
        goods,
        discount,
        goods - discount,
        refund,
        at(refunded),
        '2026-11-21T00:00:00Z',
        channel,
      ].join(','),
  ).join('\n')}\n`;
  const paidDay = new Map(ORDERS.map((o) => [o[0], o[3]]));
  const items = `order_id,line_no,product_id,product_name,category,quantity,unit_price,amount,created_at\n${LINES.map(
    ([order, product, quantity, amount]) =>
      [order, 1, product, `Tea ${product}`, 'tea', quantity, amount / quantity, amount, at(paidDay.get(order) ?? '')].join(','),
  ).join('\n')}\n`;
  const opened = await openHandWorkedShop('campaign', [
    { kind: 'events', csv: events },
    { kind: 'orders', csv: orders },
    { kind: 'order_items', csv: items },
  ]);
  ({ stores, dispose, shop } = opened);
  expect(opened.imports.map((r) => r.rowsLoaded)).toEqual([EVENTS.length, ORDERS.length, LINES.length]);
});
afterAll(async () => dispose());

const review = () =>
  campaignReview(stores.warehouse.forShop(shop.id), shop, campaignWindows(shop, { from: '2026-10-11', to: '2026-10-12' }, FIXED_NOW));

describe('a campaign review, by hand', () => {
  it('takes the 28 days before as usual and the 7 after', async () => {
    const r = await review();
    expect(r.campaign).toEqual({ from: '2026-10-11', to: '2026-10-12', days: 2 });
    expect(r.usual).toEqual({ from: '2026-09-13', to: '2026-10-10', days: 28 });
    expect(r.after).toEqual({ from: '2026-10-13', to: '2026-10-19', days: 7 });
  });

  it('sets each figure per day beside the usual and the days after', async () => {
    const r = await review();
    const row = (metric: string) => r.figures.find((f) => f.metric === metric);
    // Visitors: distinct 5 | 3 | 2; per day 6/2 = 3, 4/28 = 0.142857, 2/7 = 0.285714;
    // uplift (6·28 − 4·2)/(4·2) = 20; after (2·28 − 4·7)/(4·7) = 1.
    expect(row('uv')).toEqual({
      metric: 'uv',
      campaign: 5,
      usual: 3,
      after: 2,
      campaign_per_day: 3,
      usual_per_day: 0.14,
      after_per_day: 0.29,
      uplift: 20,
      after_change: 1,
    });
    // Nobody added to a cart: nothing to compare against.
    expect(row('cart_visitors')).toMatchObject({ campaign: 0, usual_per_day: 0, uplift: null, after_change: null });
    // Buyers by day: 10-11 C, D; 10-12 A, guest (4) | 09-20 A, 10-01 B, 10-05 A (3) | 10-16 C (1).
    // Uplift (4·28 − 3·2)/(3·2) = 17.666667; after (1·28 − 3·7)/(3·7) = 0.333333.
    expect(row('paying_buyers')).toMatchObject({
      campaign: 4,
      usual: 2,
      after: 1,
      campaign_per_day: 2,
      usual_per_day: 0.11,
      after_per_day: 0.14,
      uplift: 17.666667,
      after_change: 0.333333,
    });
    expect(row('paid_orders')).toMatchObject({ campaign: 4, usual: 3, after: 1, uplift: 17.666667, after_change: 0.333333 });
    // 480 | 340 | 90: per day 240, 12.142857, 12.857143; uplift (480·28 − 340·2)/(340·2) = 12760/680;
    // after (90·28 − 340·7)/(340·7) = 140/2380.
    expect(row('gmv')).toMatchObject({
      campaign: 480,
      usual: 340,
      after: 90,
      campaign_per_day: 240,
      usual_per_day: 12.14,
      after_per_day: 12.86,
      uplift: 18.764706,
      after_change: 0.058824,
    });
    // New buyers by day: C, D; guest (A returns) = 3 | A; B = 2 | none (C bought on 10-11).
    expect(row('new_buyers')).toMatchObject({ campaign: 3, usual: 2, after: 0, campaign_per_day: 1.5, uplift: 20, after_change: -1 });
    expect(row('discount_amount')).toMatchObject({ campaign: 20, usual: 0, campaign_per_day: 10, uplift: null });
  });

  it('compares rates and averages as they are, from their own parts', async () => {
    const r = await review();
    const row = (metric: string) => r.figures.find((f) => f.metric === metric);
    // Conversion 4/5 | 2/3 | 1/2: (4·3 − 2·5)/(2·5) = 0.2; (1·3 − 2·2)/(2·2) = −0.25.
    expect(row('conversion_rate')).toMatchObject({ campaign: 0.8, usual: 0.666667, after: 0.5, uplift: 0.2, after_change: -0.25 });
    expect(row('conversion_rate')?.campaign_per_day).toBeNull();
    // AOV 480/4 = 120 | 340/2 = 170 | 90: −50/170, −80/170.
    expect(row('aov')).toMatchObject({ campaign: 120, usual: 170, after: 90, uplift: -0.294118, after_change: -0.470588 });
    // UV value 480/5 = 96 | 340/3 = 113.33 | 90/2 = 45: (480·3 − 340·5)/(340·5) = −260/1700, not
    // −17.33/113.33 = −0.152917 from the rounded figure; (90·3 − 340·2)/(340·2) = −410/680.
    expect(row('uv_value')).toMatchObject({ campaign: 96, usual: 113.33, after: 45, uplift: -0.152941, after_change: -0.602941 });
    // Discount 20 of goods 500 = 0.04 against none: no ratio to a zero.
    expect(row('discount_rate')).toMatchObject({ campaign: 0.04, usual: 0, uplift: null });
    // Refunded orders of the window's sales: D's 1 of 4 | B's 1 of 3: (1·3 − 1·4)/(1·4) = −0.25.
    expect(row('refunded_order_rate')).toMatchObject({ campaign: 0.25, usual: 0.333333, after: null, uplift: -0.25, after_change: null });
    expect(r.provisional_refunds_from).toBeNull();
  });

  it('says how much extra the campaign brought, and what the days after gave back', async () => {
    const r = await review();
    // 480 − 340·2/28 = 455.714286; days after 90 − 340·7/28 = 5; net 455.71 + 5.
    expect(r.summary).toEqual({ extra_gmv: 455.71, after_gmv_gap: 5, net_extra_gmv: 460.71 });
  });

  it('finds where the extra came from by last-touch channel', async () => {
    const r = await review();
    expect(r.channels).toEqual([
      // 200 + 150 + 50 against none usual.
      {
        channel: 'live_stream',
        campaign_visitors: 4,
        campaign_orders: 3,
        campaign_gmv: 400,
        campaign_gmv_per_day: 200,
        usual_gmv_per_day: 0,
        uplift: null,
        extra_gmv: 400,
        extra_share: 0.877751,
      },
      // 80 against 160 usual: (80·28 − 160·2)/(160·2) = 6; 80 − 160·2/28 = 68.571429.
      {
        channel: 'search',
        campaign_visitors: 1,
        campaign_orders: 1,
        campaign_gmv: 80,
        campaign_gmv_per_day: 40,
        usual_gmv_per_day: 5.71,
        uplift: 6,
        extra_gmv: 68.57,
        extra_share: 0.150468,
      },
      // Nothing against 180 usual: −180·2/28 = −12.857143, counted against the extra.
      {
        channel: 'ads',
        campaign_visitors: 0,
        campaign_orders: 0,
        campaign_gmv: 0,
        campaign_gmv_per_day: 0,
        usual_gmv_per_day: 6.43,
        uplift: -1,
        extra_gmv: -12.86,
        extra_share: -0.02822,
      },
    ]);
  });

  it('ranks the campaign’s products with the same products’ usual', async () => {
    const r = await review();
    const pick = r.products.map(
      ({ product_id, campaign_units, campaign_buyers, campaign_gmv, usual_gmv_per_day, uplift, extra_gmv, extra_share }) => ({
        product_id,
        campaign_units,
        campaign_buyers,
        campaign_gmv,
        usual_gmv_per_day,
        uplift,
        extra_gmv,
        extra_share,
      }),
    );
    expect(pick).toEqual([
      // 220 + 80 (lines before the order's discount) against 100: (300·28 − 200)/200 = 41; 300 − 7.142857.
      {
        product_id: 'P1',
        campaign_units: 3,
        campaign_buyers: 2,
        campaign_gmv: 300,
        usual_gmv_per_day: 3.57,
        uplift: 41,
        extra_gmv: 292.86,
        extra_share: 0.642646,
      },
      // 150 against 180: (4200 − 360)/360; 150 − 12.857143.
      {
        product_id: 'P2',
        campaign_units: 1,
        campaign_buyers: 1,
        campaign_gmv: 150,
        usual_gmv_per_day: 6.43,
        uplift: 10.666667,
        extra_gmv: 137.14,
        extra_share: 0.300937,
      },
      // The guest's 50 against 60: (1400 − 120)/120; 50 − 4.285714.
      {
        product_id: 'P3',
        campaign_units: 1,
        campaign_buyers: 1,
        campaign_gmv: 50,
        usual_gmv_per_day: 2.14,
        uplift: 10.666667,
        extra_gmv: 45.71,
        extra_share: 0.100305,
      },
    ]);
  });

  it('follows the first-time buyers it won for 30 days, beside the usual days’ ones', async () => {
    const r = await review();
    expect(r.first_buyers).toEqual([
      // C and D (the guest is not followed; A bought first in September): C again after 5 days.
      { window: 'campaign', from: '2026-10-11', to: '2026-10-12', first_buyers: 2, eligible: 2, repurchased: 1, rate: 0.5 },
      // A (again after 15 days) and B (after exactly 30: within).
      { window: 'usual', from: '2026-09-13', to: '2026-10-10', first_buyers: 2, eligible: 2, repurchased: 2, rate: 1 },
    ]);
  });

  it('takes chosen usual days and fewer days after', async () => {
    const w = campaignWindows(
      shop,
      { from: '2026-10-11', to: '2026-10-12', usual_from: '2026-10-01', usual_to: '2026-10-05', after_days: 3 },
      FIXED_NOW,
    );
    expect(w.usual).toEqual({ from: '2026-10-01', to: '2026-10-05', days: 5 });
    expect(w.after).toEqual({ from: '2026-10-13', to: '2026-10-15', days: 3 });
    const r = await campaignReview(stores.warehouse.forShop(shop.id), shop, w);
    // Usual 180 + 60 = 240 over 5 days: 480 − 240·2/5 = 384; days after 10-13..15 paid nothing: 0 − 240·3/5 = −144.
    expect(r.summary).toEqual({ extra_gmv: 384, after_gmv_gap: -144, net_extra_gmv: 240 });
  });
});

describe('a campaign set beside another campaign', () => {
  it('compares per day with the other campaign’s days, rates from their parts', async () => {
    // The other "campaign": 10-01..10-05 (5 days) — visitors 10-01 U1, U3 (2 visitor-days; 2
    // distinct), B's 180 on 10-01 and A's 60 on 10-05 (2 buyer-days, 2 buyers, 240).
    const w = campaignWindows(
      shop,
      { from: '2026-10-11', to: '2026-10-12', compare_from: '2026-10-01', compare_to: '2026-10-05' },
      FIXED_NOW,
    );
    expect(w.compared).toEqual({ from: '2026-10-01', to: '2026-10-05', days: 5 });
    const r = await campaignReview(stores.warehouse.forShop(shop.id), shop, w);
    expect(r.compared).toEqual(w.compared);
    const row = (metric: string) => r.figures.find((f) => f.metric === metric);
    // 480 over 2 days against 240 over 5: (480·5 − 240·2) / (240·2) = 1920 / 480 = 4.
    expect(row('gmv')).toMatchObject({ compared: 240, compared_per_day: 48, vs_compared: 4 });
    // Visitor-days 6 against 2: (6·5 − 2·2) / (2·2) = 6.5; distinct 2.
    expect(row('uv')).toMatchObject({ compared: 2, compared_per_day: 0.4, vs_compared: 6.5 });
    // Buyer-days 4 against 2: (4·5 − 2·2) / 4 = 4.
    expect(row('paying_buyers')).toMatchObject({ compared: 2, compared_per_day: 0.4, vs_compared: 4 });
    // Conversion 4/5 against 2/2: (4·2 − 2·5) / (2·5) = −0.2.
    expect(row('conversion_rate')).toMatchObject({ compared: 1, compared_per_day: null, vs_compared: -0.2 });
    // Refunded orders of the sales: 1 of 4 against B's 1 of 2: (1·2 − 1·4) / (1·4) = −0.5.
    expect(row('refunded_order_rate')).toMatchObject({ compared: 0.5, vs_compared: -0.5 });
    // Without another campaign, the rows carry no such fields.
    expect('vs_compared' in ((await review()).figures[0] ?? {})).toBe(false);
  });

  it('says what is wrong with the other campaign’s days', () => {
    const windows = (q: object) => () => campaignWindows(shop, { from: '2026-10-11', to: '2026-10-12', ...q }, FIXED_NOW);
    expect(windows({ compare_from: '2026-06-18' })).toThrow('Give both compare_from and compare_to');
    expect(windows({ compare_from: '2026-06-18', compare_to: '2026-06-17' })).toThrow('compare_to must not be before compare_from.');
    expect(windows({ compare_from: '2026-11-20', compare_to: '2026-11-24' })).toThrow('The campaign compared with must be over');
    expect(windows({ compare_from: '2026-02-30', compare_to: '2026-03-01' })).toThrow('compare_from must be a calendar date');
  });
});

describe('a campaign review of days without data', () => {
  it('has nothing to compare: zeros where there is nothing, no ratio to a zero, no rows', async () => {
    // August: before the shop's first event or order; its usual days (July) hold nothing either.
    const w = campaignWindows(shop, { from: '2026-08-10', to: '2026-08-11' }, FIXED_NOW);
    const r = await campaignReview(stores.warehouse.forShop(shop.id), shop, w);
    expect(r.summary).toEqual({ extra_gmv: 0, after_gmv_gap: 0, net_extra_gmv: 0 });
    expect(r.figures.find((f) => f.metric === 'gmv')).toMatchObject({ campaign: 0, usual_per_day: 0, uplift: null, after_change: null });
    expect(r.figures.find((f) => f.metric === 'conversion_rate')).toMatchObject({ campaign: null, uplift: null });
    expect([r.channels, r.products]).toEqual([[], []]);
    expect(r.first_buyers.map((b) => [b.first_buyers, b.rate])).toEqual([
      [0, null],
      [0, null],
    ]);
  });
});

describe('a campaign review’s days', () => {
  const windows = (q: Parameters<typeof campaignWindows>[1]) => campaignWindows(shop, q, FIXED_NOW);

  it('leaves out days not complete yet, and has no days after while the campaign runs', () => {
    expect(windows({ from: '2026-11-20', to: '2026-11-26' })).toEqual({
      campaign: { from: '2026-11-20', to: '2026-11-23', days: 4, asked_to: '2026-11-26' },
      usual: { from: '2026-10-23', to: '2026-11-19', days: 28 },
      after: null,
      compared: null,
    });
    // Ended the day before yesterday: one day after so far.
    expect(windows({ from: '2026-11-21', to: '2026-11-22' }).after).toEqual({ from: '2026-11-23', to: '2026-11-23', days: 1 });
    expect(windows({ from: '2026-11-01', to: '2026-11-02', after_days: 0 }).after).toBeNull();
  });

  it('says what is wrong with the days asked for', () => {
    expect(() => windows({ from: '2026-11-24', to: '2026-11-25' })).toThrow(
      'The campaign starts on 2026-11-24; a review needs at least one complete day (the shop’s last complete day is 2026-11-23).',
    );
    expect(() => windows({ from: '2026-11-12', to: '2026-11-11' })).toThrow('must not be before its first day');
    expect(() => windows({ from: '2026-02-30', to: '2026-03-01' })).toThrow('from must be a calendar date YYYY-MM-DD, got "2026-02-30".');
    // 31 + 28 + 31 + 4 = 94 days.
    expect(() => windows({ from: '2026-01-01', to: '2026-04-04' })).toThrow('A campaign can span at most 93 days; this one spans 94.');
    expect(windows({ from: '2026-01-01', to: '2026-04-03' }).campaign.days).toBe(93);
    expect(() => windows({ from: '2026-11-11', to: '2026-11-12', usual_to: '2026-11-11' })).toThrow(
      'The usual days must end before the campaign starts (2026-11-11).',
    );
    expect(() => windows({ from: '2026-11-11', to: '2026-11-12', usual_from: '2026-11-10', usual_to: '2026-11-01' })).toThrow(
      'usual_from must not be after usual_to.',
    );
  });
});

describe('a campaign review over HTTP', () => {
  let app: FastifyInstance;
  let key: string;
  beforeAll(async () => {
    app = await buildApp({ stores, serveDashboard: false });
    key = (await new ApiKeysRepo(stores.metadata).create({ shopId: shop.id, name: 'r', scopes: ['read'] })).key;
  });
  afterAll(async () => app.close());
  const get = (query: string) =>
    app.inject({
      method: 'GET',
      url: `/api/v1/shops/campaign/analyses/campaign-review?${query}`,
      headers: { authorization: `Bearer ${key}` },
    });

  it('answers as the analysis does, with each definition', async () => {
    const res = await get('from=2026-10-11&to=2026-10-12');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.summary).toEqual({ extra_gmv: 455.71, after_gmv_gap: 5, net_extra_gmv: 460.71 });
    for (const name of [
      'uplift',
      'after_change',
      'extra_gmv',
      'extra_share',
      'first_buyers_30d_rate',
      'per_day',
      'gmv',
      'conversion_rate',
    ]) {
      expect(body.definitions[name]?.definition, name).toBeTruthy();
    }
  });

  it('downloads each table with its units', async () => {
    const figures = await get('from=2026-10-11&to=2026-10-12&format=csv');
    expect(figures.statusCode, figures.body).toBe(200);
    const lines = figures.body.trim().split('\r\n');
    expect(lines[0]).toBe('metric,campaign,usual,after,campaign_per_day,usual_per_day,after_per_day,uplift (ratio),after_change (ratio)');
    expect(lines).toContain('gmv,480,340,90,240,12.14,12.86,18.764706,0.058824');
    const channels = await get('from=2026-10-11&to=2026-10-12&format=csv&table=channels');
    expect(channels.body.split('\r\n')[1]).toBe('live_stream,4,3,400,200,0,,400,0.877751');
    expect(channels.body.split('\r\n')[0]).toContain('extra_gmv (CNY),extra_share (ratio)');
  });

  it('turns a client’s mistakes into 400s that name the field', async () => {
    const bad = async (query: string, message: string) => {
      const res = await get(query);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.message).toContain(message);
    };
    await bad('from=2026-10-11', 'to');
    await bad('from=2026-10-12&to=2026-10-11', 'must not be before its first day');
    await bad('from=2026-10-11&to=2026-10-12&usual_to=2026-10-11', 'The usual days must end before the campaign starts');
    await bad('from=2026-10-11&to=2026-10-12&after_days=29', 'after_days');
    await bad('from=2099-01-01&to=2099-01-02', 'a review needs at least one complete day');
  });
});
