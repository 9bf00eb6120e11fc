/**
 * Refunds of the range's sales (GET .../analyses/refunds), on orders whose answers are worked out
 * by hand below: a full and a partial refund, a refund without a time, an order paid before the
 * range and one after it (by the shop's own midnight, not UTC's), an unpaid one, a late payment of
 * an order placed weeks before, and refunds shared among an order's lines by amount. The dataset
 * builder's refund measures give the same figures.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ImportKind, runImport } from '@storelens/etl';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { ApiKeysRepo, type Shop, ShopsRepo } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openTempStores, tempDir } from './temp-stores.js';

let stores: Stores;
let dispose: () => Promise<void>;
let app: FastifyInstance;
let shop: Shop;
let key = '';

const RANGE = 'from=2026-03-10&to=2026-03-12';

/**
 * Shanghai (+08:00). [order, customer, created, paid, paid amount, refund, refunded at, channel,
 * refund reason as the file writes it].
 * Reasons of the range's refunds: o2 changed_mind (written " Changed_Mind "), o3 and o4 quality, o9
 * none. o1 (never refunded) and o5 (outside) also name one, which must not count.
 * In the range (paid 03-10 … 03-12 local): o1, o2, o3, o4, o7, o9 — six orders, 320 paid.
 *   o2 refunded in full the same evening (0 days); o3 20 of 80 on 03-14 at 01:00 local — 3 days
 *   (UTC would say 03-13, 2 days); o4 in full on 03-20 — 8 days; o9 5 of 40 with no time: refunded,
 *   but no delay. Refunded 4 (2 in full), 105 back: 4/6 and 105/320 = 0.328125; delays 0, 3, 8 →
 *   median 3.
 * Outside: o5 paid 03-09 (refunded within the range, but it is not the range's sale), o6 never
 * paid, o8 paid 03-13, o10 paid 03-13 at 00:30 local (still 03-12 in UTC).
 */
const ORDERS: Array<[string, string, string, string, number, number, string, string, string]> = [
  ['o1', 'c1', '2026-03-10T12:00', '2026-03-10T12:05', 100, 0, '', 'search', 'quality'],
  ['o2', 'c2', '2026-03-10T09:00', '2026-03-10T09:01', 50, 50, '2026-03-10T20:00', 'ads', '" Changed_Mind "'],
  ['o3', 'c3', '2026-03-11T10:00', '2026-03-11T10:00', 80, 20, '2026-03-14T01:00', 'search', 'quality'],
  ['o4', '', '2026-03-12T23:00', '2026-03-12T23:30', 30, 30, '2026-03-20T10:00', 'live_stream', 'QUALITY'],
  ['o5', 'c1', '2026-03-09T10:00', '2026-03-09T10:00', 70, 10, '2026-03-11T10:00', 'search', 'quality'],
  ['o6', 'c4', '2026-03-12T10:00', '', 0, 0, '', 'search', ''],
  ['o7', 'c5', '2026-02-20T10:00', '2026-03-10T08:00', 20, 0, '', 'search', ''],
  ['o8', 'c6', '2026-03-13T10:00', '2026-03-13T10:00', 60, 60, '2026-03-14T10:00', 'ads', 'damaged'],
  ['o9', 'c2', '2026-03-11T15:00', '2026-03-11T15:00', 40, 5, '', 'ads', ''],
  ['o10', 'c7', '2026-03-13T00:20', '2026-03-13T00:30', 90, 90, '2026-03-13T08:00', 'ads', 'wrong_item'],
  // Alone on 04-01: refunded a day before its recorded payment (two systems' clocks).
  ['o11', 'c8', '2026-04-01T09:00', '2026-04-01T10:00', 25, 25, '2026-03-31T18:00', 'direct', 'late_delivery'],
];

/**
 * Lines [order, product, category, amount]. Each order's refund shared by line amount: o2's 50 all
 * p1; o3's 20 → p1 20 × 30/80 = 7.5, p3 12.5; o4's 30 → p2; o9's 5 → p2.
 *   p1 (A): o1 60, o2 50, o3 30 → 3 orders, 140; refunded o2, o3 (o2 in full); 57.5 back.
 *   p2 (B): o1 40, o4 30, o9 40 → 3 orders, 110; refunded o4 (in full), o9; 35 back.
 *   p3 (B): o3 50, o7 20 → 2 orders, 70; refunded o3; 12.5 back.
 *   B: o1, o3, o4, o7, o9 → 5 orders, 180; refunded o3, o4, o9 (o4 in full); 47.5 back.
 */
const LINES: Array<[string, string, string, number]> = [
  ['o1', 'p1', 'A', 60],
  ['o1', 'p2', 'B', 40],
  ['o2', 'p1', 'A', 50],
  ['o3', 'p1', 'A', 30],
  ['o3', 'p3', 'B', 50],
  ['o4', 'p2', 'B', 30],
  ['o5', 'p1', 'A', 70],
  ['o7', 'p3', 'B', 20],
  ['o8', 'p2', 'B', 60],
  ['o9', 'p2', 'B', 40],
  ['o10', 'p3', 'B', 90],
  ['o11', 'p1', 'A', 25],
];

async function load(kind: ImportKind, csv: string) {
  const path = join(tempDir('storelens-refunds-'), `${kind}.csv`);
  writeFileSync(path, csv);
  const job = await runImport(stores.warehouse, { shop: { id: shop.id, timeZone: shop.time_zone, currency: shop.currency }, kind, path });
  expect(job.rowsRejected, kind).toBe(0);
}

beforeAll(async () => {
  ({ stores, dispose } = await openTempStores());
  const repo = new ShopsRepo(stores.metadata);
  const org = await repo.createOrganization('Refunds');
  shop = await repo.create({ organizationId: org.id, slug: 'tea', name: 'Tea', currency: 'CNY', timeZone: 'Asia/Shanghai' });
  const local = (t: string) => (t === '' ? '' : `${t}:00+08:00`);
  const created = new Map(ORDERS.map((o) => [o[0], o[2]]));
  await load(
    'orders',
    `order_id,customer_id,created_at,paid_at,status,items_amount,paid_amount,refund_amount,refunded_at,channel,refund_reason,updated_at\n${ORDERS.map(
      ([id, c, made, paid, amount, refund, refundedAt, channel, reason]) =>
        [
          id,
          c,
          local(made),
          local(paid),
          paid === '' ? 'created' : refund === 0 ? 'completed' : refund >= amount ? 'refunded' : 'partially_refunded',
          amount,
          amount,
          refund,
          local(refundedAt),
          channel,
          reason,
          '2026-03-25T00:00:00Z',
        ].join(','),
    ).join('\n')}\n`,
  );
  await load(
    'order_items',
    `order_id,line_no,product_id,product_name,category,quantity,unit_price,amount,created_at\n${LINES.map(([o, p, category, amount], i) =>
      [o, i + 1, p, `Product ${p}`, category, 1, amount, amount, local(created.get(o) ?? '')].join(','),
    ).join('\n')}\n`,
  );
  key = (await new ApiKeysRepo(stores.metadata).create({ shopId: shop.id, name: 'r', scopes: ['read'] })).key;
  app = await buildApp({ stores, serveDashboard: false });
});
afterAll(async () => {
  await app?.close();
  await dispose();
});

const get = (query: string) =>
  app.inject({ method: 'GET', url: `/api/v1/shops/tea/analyses/refunds?${query}`, headers: { authorization: `Bearer ${key}` } });

describe('refunds of the range’s sales', () => {
  it('counts the range’s paid orders that came back, in part or in full, and how many days after payment', async () => {
    const res = await get(RANGE);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.totals).toEqual({
      paid_orders: 6,
      gmv: 320,
      refunded_orders: 4,
      full_refunds: 2,
      refund_amount: 105,
      refunded_order_rate: 0.666667,
      refund_amount_rate: 0.328125,
      median_days_to_refund: 3,
    });
    expect(r.provisionalFrom).toBeNull();
    expect(r.daysToRefund.orders).toBe(3);
    expect(r.daysToRefund.histogram).toEqual([
      { bucket: 'same day', orders: 1, refund_amount: 50 },
      { bucket: '1', orders: 0, refund_amount: 0 },
      { bucket: '2', orders: 0, refund_amount: 0 },
      { bucket: '3', orders: 1, refund_amount: 20 },
      { bucket: '4-7', orders: 0, refund_amount: 0 },
      { bucket: '8-14', orders: 1, refund_amount: 30 },
      { bucket: '15-30', orders: 0, refund_amount: 0 },
      { bucket: '31+', orders: 0, refund_amount: 0 },
    ]);
    // By paying day: 03-10 o1, o2, o7 (170, o2's 50 back); 03-11 o3, o9 (120, 25 back); 03-12 o4.
    expect(r.daily).toEqual([
      {
        day: '2026-03-10',
        provisional: false,
        paid_orders: 3,
        gmv: 170,
        refunded_orders: 1,
        full_refunds: 1,
        refund_amount: 50,
        refunded_order_rate: 0.333333,
        refund_amount_rate: 0.294118,
      },
      {
        day: '2026-03-11',
        provisional: false,
        paid_orders: 2,
        gmv: 120,
        refunded_orders: 2,
        full_refunds: 0,
        refund_amount: 25,
        refunded_order_rate: 1,
        refund_amount_rate: 0.208333,
      },
      {
        day: '2026-03-12',
        provisional: false,
        paid_orders: 1,
        gmv: 30,
        refunded_orders: 1,
        full_refunds: 1,
        refund_amount: 30,
        refunded_order_rate: 1,
        refund_amount_rate: 1,
      },
    ]);
    expect(Object.keys(r.definitions)).toContain('days_to_refund');
  });

  it('splits them by channel, category and product, largest amount back first', async () => {
    const r = (await get(RANGE)).json();
    const brief = (rows: Array<Record<string, unknown>>, key: string) =>
      rows.map((x) => [
        x[key],
        x.paid_orders,
        x.gmv,
        x.refunded_orders,
        x.full_refunds,
        x.refund_amount,
        x.refunded_order_rate,
        x.refund_amount_rate,
      ]);
    // ads: o2, o9 (90; 55 back); live stream: o4; search: o1, o3, o7 (200; o3's 20 back).
    expect(brief(r.byChannel, 'channel')).toEqual([
      ['ads', 2, 90, 2, 1, 55, 1, 0.611111],
      ['live_stream', 1, 30, 1, 1, 30, 1, 1],
      ['search', 3, 200, 1, 0, 20, 0.333333, 0.1],
    ]);
    expect(brief(r.byCategory, 'category')).toEqual([
      ['A', 3, 140, 2, 1, 57.5, 0.666667, 0.410714],
      ['B', 5, 180, 3, 1, 47.5, 0.6, 0.263889],
    ]);
    expect(brief(r.byProduct, 'product_id')).toEqual([
      ['p1', 3, 140, 2, 1, 57.5, 0.666667, 0.410714],
      ['p2', 3, 110, 2, 1, 35, 0.666667, 0.318182],
      ['p3', 2, 70, 1, 0, 12.5, 0.5, 0.178571],
    ]);
    expect(r.byProduct[0]).toMatchObject({ name: 'Product p1', category: 'A' });
    /*
     * Each row's most common given reason, as a share of the row's refunded orders: ads o2
     * changed_mind and o9 none → changed_mind 1 of 2; live stream o4 quality; search o3 quality.
     * A: o2 changed_mind (50) and o3 quality (7.5 of its lines) tie on orders → the larger amount;
     * B: o3, o4 quality and o9 none → quality 2 of 3. p1 as A; p2 o4 quality, o9 none → 1 of 2.
     */
    const tops = (rows: Array<Record<string, unknown>>, key: string) => rows.map((x) => [x[key], x.top_reason, x.top_reason_share]);
    expect(tops(r.byChannel, 'channel')).toEqual([
      ['ads', 'changed_mind', 0.5],
      ['live_stream', 'quality', 1],
      ['search', 'quality', 1],
    ]);
    expect(tops(r.byCategory, 'category')).toEqual([
      ['A', 'changed_mind', 0.5],
      ['B', 'quality', 0.666667],
    ]);
    expect(tops(r.byProduct, 'product_id')).toEqual([
      ['p1', 'changed_mind', 0.5],
      ['p2', 'quality', 0.5],
      ['p3', 'quality', 1],
    ]);
    // The channels' orders and amounts add up to the totals: each order has one channel.
    const sum = (k: string) => r.byChannel.reduce((a: number, x: Record<string, number>) => a + (x[k] ?? 0), 0);
    expect([sum('paid_orders'), sum('gmv'), sum('refund_amount')]).toEqual([6, 320, 105]);
    // A limit keeps the products with the most back.
    expect((await get(`${RANGE}&limit=1`)).json().byProduct.map((p: { product_id: string }) => p.product_id)).toEqual(['p1']);
  });

  it('groups the refunded orders by the reason recorded, trimmed and in lower case, with each reason’s median days', async () => {
    const r = (await get(RANGE)).json();
    /*
     * Refunded in the range: o2 changed_mind (50, in full, 0 days), o3 quality (20, 3 days), o4
     * quality (30, in full, 8 days), o9 without a reason (5, no time). 4 orders, 105 back.
     *   quality: 2 orders (1 in full), 50 → 2/4 = 0.5, 50/105 = 0.476190; days 3 and 8 → median 5.5
     *   changed_mind: 1 (in full), 50 → 0.25, 0.476190; 0 days
     *   "" (not given): 1, 5 → 0.25, 5/105 = 0.047619; no time, no median
     * o1's "quality" has no refund and o5's is outside the range: neither counts.
     */
    expect(r.byReason).toEqual([
      {
        reason: 'quality',
        refunded_orders: 2,
        full_refunds: 1,
        refund_amount: 50,
        refunded_order_share: 0.5,
        refund_amount_share: 0.47619,
        median_days_to_refund: 5.5,
      },
      {
        reason: 'changed_mind',
        refunded_orders: 1,
        full_refunds: 1,
        refund_amount: 50,
        refunded_order_share: 0.25,
        refund_amount_share: 0.47619,
        median_days_to_refund: 0,
      },
      {
        reason: '',
        refunded_orders: 1,
        full_refunds: 0,
        refund_amount: 5,
        refunded_order_share: 0.25,
        refund_amount_share: 0.047619,
        median_days_to_refund: null,
      },
    ]);
    // By paying day: o2 on 03-10; o3 and o9 on 03-11; o4 on 03-12 (23:30 in Shanghai).
    expect(r.reasonsDaily).toEqual([
      { day: '2026-03-10', reason: 'changed_mind', refunded_orders: 1, refund_amount: 50 },
      { day: '2026-03-11', reason: '', refunded_orders: 1, refund_amount: 5 },
      { day: '2026-03-11', reason: 'quality', refunded_orders: 1, refund_amount: 20 },
      { day: '2026-03-12', reason: 'quality', refunded_orders: 1, refund_amount: 30 },
    ]);
    expect(r.definitions.refund_reason.definition).toContain('lower case');
    // With only the ads channel: o2 and o9.
    expect((await get(`${RANGE}&channel=ads`)).json().byReason.map((x: { reason: string }) => x.reason)).toEqual(['changed_mind', '']);
  });

  it('counts a refund recorded before its payment as the same day', async () => {
    const r = (await get('from=2026-04-01&to=2026-04-01')).json();
    expect(r.totals).toMatchObject({ paid_orders: 1, refunded_orders: 1, full_refunds: 1, refund_amount: 25, median_days_to_refund: 0 });
    expect(r.daysToRefund.histogram[0]).toEqual({ bucket: 'same day', orders: 1, refund_amount: 25 });
  });

  it('compares the top products with the same products in the period before, not with that period’s own top', async () => {
    /*
     * 03-11..03-12: o3 (p1 30, p3 50; 20 back → 7.5 and 12.5), o9 (p2 40; 5 back), o4 (p2 30; 30 back)
     * → p2 35 back, p3 12.5, p1 7.5: the top two are p2 and p3.
     * 03-09..03-10: o5 (p1 70; 10 back), o1 (p1 60, p2 40), o2 (p1 50; 50 back), o7 (p3 20): p1 leads
     * that period with 60 back, but the comparison holds p2 (1 order, 40, nothing back) and p3 (1, 20).
     */
    const r = (await get('from=2026-03-11&to=2026-03-12&limit=2&compare=previous')).json();
    expect(r.byProduct.map((p: { product_id: string; refund_amount: number }) => [p.product_id, p.refund_amount])).toEqual([
      ['p2', 35],
      ['p3', 12.5],
    ]);
    expect(r.comparison).toMatchObject({ from: '2026-03-09', to: '2026-03-10' });
    expect(
      r.comparison.result.byProduct.map((p: { product_id: string; paid_orders: number; gmv: number; refunded_orders: number }) => [
        p.product_id,
        p.paid_orders,
        p.gmv,
        p.refunded_orders,
      ]),
    ).toEqual([
      ['p2', 1, 40, 0],
      ['p3', 1, 20, 0],
    ]);
    // Its channels are whole, as ever: ads (o2 50 back), search (o1, o5, o7; 10 back).
    expect(r.comparison.result.byChannel.map((c: { channel: string; refund_amount: number }) => [c.channel, c.refund_amount])).toEqual([
      ['ads', 50],
      ['search', 10],
    ]);
  });

  it('applies the filters: one channel is that channel’s sales alone', async () => {
    const r = (await get(`${RANGE}&channel=search`)).json();
    expect(r.totals).toMatchObject({
      paid_orders: 3,
      gmv: 200,
      refunded_orders: 1,
      full_refunds: 0,
      refund_amount: 20,
      median_days_to_refund: 3,
    });
    expect(r.filters).toEqual({ channels: ['search'] });
  });

  it('lists who asked for refunds, most refunded first, each with their segment now', async () => {
    const list = (query: string) =>
      app.inject({
        method: 'GET',
        url: `/api/v1/shops/tea/analyses/refund-customers?${query}`,
        headers: { authorization: `Bearer ${key}` },
      });
    const res = await list(RANGE);
    expect(res.statusCode, res.body).toBe(200);
    /*
     * c2: o2 (50, all back on 03-10) and o9 (40, 5 back, no time) → 2 paid, 90, 2 refunded, 55, last 03-10;
     *   reasons: o2's changed_mind (o9 gave none).
     * c3: o3 (80, 20 back on 03-14; quality). The guest's o4 is counted apart.
     * RFM as of 03-12 among c1 (paid 03-09, 03-10), c2 (03-10, 03-11), c3 (03-11), c5 (03-10):
     * recency 2, 1, 1, 2 days → c2 and c3 have two customers worse: R = 1 + ⌊5 × 2/4⌋ = 3;
     * orders 2, 2, 1, 1 → c2 F = 3, c3 F = 1. (R3, F3) is loyal; (R3, F1) potential.
     */
    expect(res.json()).toMatchObject({ total: 2, guest_refunded_orders: 1, segment: null, offset: 0 });
    expect(res.json().customers).toEqual([
      {
        customer_id: 'c2',
        segment: 'loyal',
        paid_orders: 2,
        gmv: 90,
        refunded_orders: 2,
        refund_amount: 55,
        last_refund_day: '2026-03-10',
        refund_reasons: ['changed_mind'],
      },
      {
        customer_id: 'c3',
        segment: 'potential',
        paid_orders: 1,
        gmv: 80,
        refunded_orders: 1,
        refund_amount: 20,
        last_refund_day: '2026-03-14',
        refund_reasons: ['quality'],
      },
    ]);
    const second = (await list(`${RANGE}&limit=1&offset=1`)).json();
    expect([second.total, second.customers.map((c: { customer_id: string }) => c.customer_id)]).toEqual([2, ['c3']]);
    expect((await list(`${RANGE}&segment=loyal`)).json().customers.map((c: { customer_id: string }) => c.customer_id)).toEqual(['c2']);
    // Nobody in the segment: an empty page that still says how many and the guests.
    expect((await list(`${RANGE}&segment=champions`)).json()).toMatchObject({ total: 0, guest_refunded_orders: 1, customers: [] });
    expect((await list(`${RANGE}&channel=search`)).json().customers.map((c: { customer_id: string }) => c.customer_id)).toEqual(['c3']);
    const csv = (await list(`${RANGE}&format=csv`)).body.replace(/^\uFEFF/, '').split('\r\n');
    expect(csv[0]).toBe(
      'customer_id,segment,paid_orders (count),gmv (CNY),refunded_orders (count),refund_amount (CNY),last_refund_day (Asia/Shanghai),refund_reasons',
    );
    expect(csv[1]).toBe('c2,loyal,2,90,2,55,2026-03-10,"[""changed_mind""]"');
    expect((await list(`${RANGE}&segment=vip`)).statusCode).toBe(400);
  });

  it('splits the order measures of the dataset builder by refund reason, and refuses it with visitor measures', async () => {
    const post = (measures: string[]) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/shops/tea/datasets',
        headers: { authorization: `Bearer ${key}` },
        payload: { from: '2026-03-10', to: '2026-03-12', measures, dimensions: ['refund_reason'] },
      });
    const res = await post(['paid_orders', 'refunded_orders', 'sales_refund_amount']);
    expect(res.statusCode, res.body).toBe(200);
    // "": o1 and o7 (no refund; o1's written reason does not count) and o9 (5 back, no reason).
    expect(res.json().rows).toEqual([
      { refund_reason: '', paid_orders: 3, refunded_orders: 1, sales_refund_amount: 5 },
      { refund_reason: 'changed_mind', paid_orders: 1, refunded_orders: 1, sales_refund_amount: 50 },
      { refund_reason: 'quality', paid_orders: 2, refunded_orders: 2, sales_refund_amount: 50 },
    ]);
    const refused = await post(['uv', 'refunded_orders']);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toBe(
      'refund_reason splits order measures only; drop uv (or the measures made from them) or the dimension.',
    );
  });

  it('offers the same figures in the dataset builder, by channel', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/shops/tea/datasets',
      headers: { authorization: `Bearer ${key}` },
      payload: {
        from: '2026-03-10',
        to: '2026-03-12',
        measures: [
          'paid_orders',
          'refunded_orders',
          'full_refund_orders',
          'sales_refund_amount',
          'refunded_order_rate',
          'sales_refund_rate',
        ],
        dimensions: ['channel'],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    // The channels worked out above, in the builder's order (by the dimension).
    expect(res.json().rows).toEqual([
      {
        channel: 'ads',
        paid_orders: 2,
        refunded_orders: 2,
        full_refund_orders: 1,
        sales_refund_amount: 55,
        refunded_order_rate: 1,
        sales_refund_rate: 0.611111,
      },
      {
        channel: 'live_stream',
        paid_orders: 1,
        refunded_orders: 1,
        full_refund_orders: 1,
        sales_refund_amount: 30,
        refunded_order_rate: 1,
        sales_refund_rate: 1,
      },
      {
        channel: 'search',
        paid_orders: 3,
        refunded_orders: 1,
        full_refund_orders: 0,
        sales_refund_amount: 20,
        refunded_order_rate: 0.333333,
        sales_refund_rate: 0.1,
      },
    ]);
  });

  it('says which recent sales are still settling: the last 14 days in the shop’s time zone', async () => {
    const day = 86_400_000;
    const today = Date.parse(`${new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())}T00:00:00Z`);
    const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
    const r = (await get(`from=${iso(today - 30 * day)}&to=${iso(today - day)}`)).json();
    expect(r.provisionalFrom).toBe(iso(today - 14 * day));
    expect(r.daily).toHaveLength(30);
    expect(r.daily.filter((d: { provisional: boolean }) => d.provisional).map((d: { day: string }) => d.day)[0]).toBe(
      iso(today - 14 * day),
    );
    expect(r.daily.filter((d: { provisional: boolean }) => d.provisional)).toHaveLength(14);
  });

  it('downloads each section with its units, and refuses a bad limit', async () => {
    const csv = await get(`${RANGE}&format=csv&table=by_channel`);
    expect(csv.statusCode, csv.body).toBe(200);
    const [header, first] = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe(
      'channel,paid_orders (count),gmv (CNY),refunded_orders (count),full_refunds (count),refund_amount (CNY),refunded_order_rate (ratio),refund_amount_rate (ratio),top_reason,top_reason_share (ratio)',
    );
    expect(first).toBe('ads,2,90,2,1,55,1,0.611111,changed_mind,0.5');
    const daily = await get(`${RANGE}&format=csv&table=daily`);
    expect(daily.body.split('\r\n')[1]).toBe('2026-03-10,no,3,170,1,1,50,0.333333,0.294118');
    const reasons = (await get(`${RANGE}&format=csv&table=by_reason`)).body.replace(/^\uFEFF/, '').split('\r\n');
    expect(reasons.slice(0, 2)).toEqual([
      'reason,refunded_orders (count),full_refunds (count),refund_amount (CNY),refunded_order_share (ratio),refund_amount_share (ratio),median_days_to_refund (days)',
      'quality,2,1,50,0.5,0.47619,5.5',
    ]);
    expect((await get(`${RANGE}&limit=0`)).statusCode).toBe(400);
    const wrong = await get(`${RANGE}&format=csv&table=monthly`);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toContain('daily, by_channel, by_category, by_product, by_reason, by_reason_day, days_to_refund');
  });
});
