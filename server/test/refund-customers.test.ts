/**
 * Who asked for refunds (GET .../analyses/refund-customers) on the hand-worked world of
 * refunds-world.ts: the known customers with a refunded order among those paid in the range, most
 * refunded first, each with their RFM segment now and the reasons their refunds gave.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRefundsWorld, RANGE, type RefundsWorld } from './refunds-world.js';

let world: RefundsWorld;
let app: FastifyInstance;
let key = '';
beforeAll(async () => {
  world = await openRefundsWorld();
  ({ app, key } = world);
});
afterAll(async () => world?.close());

describe('who asked for refunds', () => {
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
});
