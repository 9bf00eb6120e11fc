/**
 * Refunds of the range's sales (GET .../analyses/refunds) on the hand-worked world of
 * refunds-world.ts, whose answers are worked out there and below; the dataset builder's refund
 * measures give the same figures.
 */

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_ROOM, openRefundsWorld, RANGE, type RefundsWorld } from './refunds-world.js';

let world: RefundsWorld;
let app: FastifyInstance;
let key = '';
beforeAll(async () => {
  world = await openRefundsWorld();
  ({ app, key } = world);
});
afterAll(async () => world?.close());

const get = (query: string) =>
  app.inject({ method: 'GET', url: `/api/v1/shops/tea/analyses/refunds?${query}`, headers: { authorization: `Bearer ${key}` } });

/** The dataset builder over the world's range (03-10 … 03-12). */
const postDataset = (measures: string[], dimensions: string[]) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/shops/tea/datasets',
    headers: { authorization: `Bearer ${key}` },
    payload: { from: '2026-03-10', to: '2026-03-12', measures, dimensions },
  });

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
    // By live room: o4 alone in evening-live (30, refunded in full, quality); the other five in
    // none — 290 paid, o2 (50, in full), o3 (20) and o9 (5) back: 3/5, 75/290 = 0.258621; o2
    // changed_mind and o3 quality tie on orders, changed_mind has more back → 1 of 3.
    expect(brief(r.byLiveRoom, 'live_room')).toEqual([
      ['', 5, 290, 3, 1, 75, 0.6, 0.258621],
      [LIVE_ROOM, 1, 30, 1, 1, 30, 1, 1],
    ]);
    expect(tops(r.byLiveRoom, 'live_room')).toEqual([
      ['', 'changed_mind', 0.333333],
      [LIVE_ROOM, 'quality', 1],
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
    // One live room: its orders alone — o4, 30 paid and all of it back 8 days later.
    const room = (await get(`${RANGE}&live_room=${LIVE_ROOM}`)).json();
    expect(room.totals).toMatchObject({
      paid_orders: 1,
      gmv: 30,
      refunded_orders: 1,
      full_refunds: 1,
      refund_amount: 30,
      median_days_to_refund: 8,
    });
    expect(room.byLiveRoom.map((x: { live_room: string }) => x.live_room)).toEqual([LIVE_ROOM]);
  });

  it('splits the order measures of the dataset builder by refund reason, and refuses it with visitor measures', async () => {
    const post = (measures: string[]) => postDataset(measures, ['refund_reason']);
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
    const res = await postDataset(
      ['paid_orders', 'refunded_orders', 'full_refund_orders', 'sales_refund_amount', 'refunded_order_rate', 'sales_refund_rate'],
      ['channel'],
    );
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

  it('offers the goods refunds in the dataset builder by category and product, shared among lines as above', async () => {
    const ask = async (dimension: string) => {
      const res = await postDataset(
        ['item_orders', 'item_sales', 'item_refunded_orders', 'item_refund_amount', 'item_refund_rate'],
        [dimension],
      );
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().rows as Array<Record<string, unknown>>).map((r) => Object.values(r));
    };
    // The categories' and products' figures worked out above: orders, line amounts, refunded
    // orders, the refunds shared by line amount, and their rate.
    expect(await ask('category')).toEqual([
      ['A', 3, 140, 2, 57.5, 0.410714],
      ['B', 5, 180, 3, 47.5, 0.263889],
    ]);
    expect(await ask('product')).toEqual([
      ['p1', 'Product p1', 3, 140, 2, 57.5, 0.410714],
      ['p2', 'Product p2', 3, 110, 2, 35, 0.318182],
      ['p3', 'Product p3', 2, 70, 1, 12.5, 0.178571],
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
    expect(wrong.json().error.message).toContain(
      'daily, by_channel, by_live_room, by_category, by_product, by_reason, by_reason_day, days_to_refund',
    );
  });
});
