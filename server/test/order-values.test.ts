/**
 * Order values (客单价分布) on orders crafted so that each rule has a case, answers worked out by
 * hand: a band holds its lower edge (150.00 and 100.00 sit on edges; 189.99 on a custom one); only
 * orders paid in the range count (an unpaid order, one paid the day before and one paid the
 * midnight after do not; one placed twelve days before and paid in the range does); a guest order is
 * its own buyer; units come from the order's lines (an order without lines is "none" and left out
 * of units per order); a threshold is compared with the goods amount (items before the order-level
 * discount), four fifths of it counting as "just short".
 *
 * Paid in the range (Shanghai, 2026-06-01..06-02), amount paid / goods amount / units:
 *   A c1 210.00 / 210.00 / 3      B c1 150.00 / 150.00 / 1     C guest 20.00 / 20.00 / 1
 *   F c2 189.99 / 199.99 / 3 (coupon 20, shipping 10, partly refunded)
 *   G c4 1000.00 / 1000.00 / no lines     H c5 49.99 / 49.99 / 1 (placed 05-20)
 *   J c1 100.00 / 100.00 / 4
 * Seven orders, 1,719.98 paid, five buyers (c1, c2, c4, c5 and C's guest). Channels: A, B, H search;
 * C, J live_stream; F ads; G direct.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataset } from '../src/analyses/datasets/dataset.analysis.js';
import { orderValues } from '../src/analyses/order-values.analysis.js';
import type { Shop } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openHandWorkedShop } from './hand-worked-shop.js';

const ORDERS = [
  'order_id,customer_id,created_at,paid_at,status,items_amount,discount_amount,shipping_amount,paid_amount,refund_amount,refunded_at,updated_at,channel',
  'A,c1,2026-06-01T10:05:00+08:00,2026-06-01T10:06:00+08:00,paid,210.00,0,0,210.00,0,,2026-06-01T10:06:00+08:00,search',
  'B,c1,2026-06-02T09:00:00+08:00,2026-06-02T09:01:00+08:00,paid,150.00,0,0,150.00,0,,2026-06-02T09:01:00+08:00,search',
  'C,,2026-06-02T12:05:00+08:00,2026-06-02T12:06:00+08:00,paid,20.00,0,0,20.00,0,,2026-06-02T12:06:00+08:00,live_stream',
  'D,c2,2026-06-02T13:00:00+08:00,,created,300.00,0,0,0,0,,2026-06-02T13:00:00+08:00,search',
  'E,c3,2026-05-31T20:00:00+08:00,2026-05-31T23:59:59+08:00,paid,30.00,0,0,30.00,0,,2026-05-31T23:59:59+08:00,search',
  'F,c2,2026-06-01T15:00:00+08:00,2026-06-01T15:01:00+08:00,refunded,199.99,20.00,10.00,189.99,50.00,2026-06-05T10:00:00+08:00,2026-06-05T10:00:00+08:00,ads',
  'G,c4,2026-06-02T23:00:00+08:00,2026-06-02T23:59:59+08:00,paid,1000.00,0,0,1000.00,0,,2026-06-02T23:59:59+08:00,direct',
  'H,c5,2026-05-20T08:00:00+08:00,2026-06-01T08:00:00+08:00,paid,49.99,0,0,49.99,0,,2026-06-01T08:00:00+08:00,search',
  'I,c5,2026-06-02T22:00:00+08:00,2026-06-03T00:00:00+08:00,paid,500.00,0,0,500.00,0,,2026-06-03T00:00:00+08:00,ads',
  'J,c1,2026-06-02T16:00:00+08:00,2026-06-02T16:01:00+08:00,paid,100.00,0,0,100.00,0,,2026-06-02T16:01:00+08:00,live_stream',
].join('\n');
const ITEMS = [
  'order_id,line_no,product_id,product_name,category,quantity,unit_price,amount,created_at',
  'A,1,P1,Sencha sample,tea,2,30.00,60.00,2026-06-01T10:05:00+08:00',
  'A,2,P2,Longjing,tea,1,150.00,150.00,2026-06-01T10:05:00+08:00',
  'B,1,P3,Gaiwan,teaware,1,150.00,150.00,2026-06-02T09:00:00+08:00',
  'C,1,P9,Loose leaf,tea,1,20.00,20.00,2026-06-02T12:05:00+08:00',
  'D,1,P4,Clay teapot,teaware,5,60.00,300.00,2026-06-02T13:00:00+08:00',
  'E,1,P1,Sencha sample,tea,1,30.00,30.00,2026-05-31T20:00:00+08:00',
  'F,1,P4,Clay teapot,teaware,1,120.00,120.00,2026-06-01T15:00:00+08:00',
  'F,2,P1,Sencha sample,tea,2,40.00,79.99,2026-06-01T15:00:00+08:00',
  'H,1,P1,Sencha sample,tea,1,49.99,49.99,2026-05-20T08:00:00+08:00',
  'I,1,P4,Clay teapot,teaware,9,55.56,500.00,2026-06-02T22:00:00+08:00',
  'J,1,P1,Sencha sample,tea,4,25.00,100.00,2026-06-02T16:00:00+08:00',
].join('\n');

let stores: Stores;
let dispose: () => Promise<void>;
let shop: Shop;
const range = { from: '2026-06-01', to: '2026-06-02' };
const run = (options: Parameters<typeof orderValues>[3] = {}, r = range) =>
  orderValues(stores.warehouse.forShop(shop.id), shop, r, options);

beforeAll(async () => {
  ({ stores, dispose, shop } = await openHandWorkedShop('order-values', [
    { kind: 'orders', csv: `${ORDERS}\n` },
    { kind: 'order_items', csv: `${ITEMS}\n` },
  ]));
});
afterAll(async () => dispose());

describe('order values', () => {
  it('puts each paid order in the band of its amount paid, every band listed cheapest first', async () => {
    const r = await run();
    expect(r.edges).toEqual([50, 100, 150, 200, 300, 500, 1000]);
    // band, min, max, orders, amount, buyers, amount per order, units per order
    expect(
      r.bands.map((b) => [b.band, b.min_amount, b.max_amount, b.orders, b.gmv, b.buyers, b.mean_order_value, b.units_per_order]),
    ).toEqual([
      ['<50', 0, 50, 2, 69.99, 2, 35, 1], // C and H (placed before the range, paid in it); 69.99 / 2 = 34.995, a half rounded up
      ['50-100', 50, 100, 0, 0, 0, null, null],
      ['100-150', 100, 150, 1, 100, 1, 100, 4], // J on the edge of 100
      ['150-200', 150, 200, 2, 339.99, 2, 170, 2], // B on the edge of 150, F: (1 + 3) units / 2
      ['200-300', 200, 300, 1, 210, 1, 210, 3], // A
      ['300-500', 300, 500, 0, 0, 0, null, null], // D was never paid
      ['500-1000', 500, 1000, 0, 0, 0, null, null], // I was paid at the midnight after the range
      ['1000+', 1000, null, 1, 1000, 1, 1000, null], // G, paid a second before midnight, has no lines
    ]);
  });

  it('gives each band its shares, coupon use and refunds', async () => {
    const r = await run();
    const by = Object.fromEntries(r.bands.map((b) => [b.band, b]));
    // 2/7, 1/7; 69.99, 339.99 and 1000 of 1,719.98
    expect([by['<50']?.order_share, by['100-150']?.order_share, by['50-100']?.order_share]).toEqual([0.285714, 0.142857, 0]);
    expect([by['<50']?.gmv_share, by['150-200']?.gmv_share, by['1000+']?.gmv_share]).toEqual([0.040692, 0.197671, 0.581402]);
    // F used a coupon and came back partly refunded: one of the band's two orders.
    expect(by['150-200']).toMatchObject({ discounted_share: 0.5, refunded_rate: 0.5 });
    expect(by['<50']).toMatchObject({ discounted_share: 0, refunded_rate: 0 });
    expect(by['50-100']).toMatchObject({ order_share: 0, gmv_share: 0, discounted_share: null, refunded_rate: null });
  });

  it('sums the period: amount per order, the median, units per order, orders of two or more units and spend per buyer in its parts', async () => {
    const { totals } = await run();
    expect(totals).toEqual({
      orders: 7,
      order_share: 1,
      gmv: 1719.98,
      gmv_share: 1,
      buyers: 5, // c1 (three orders), c2, c4, c5 and the guest
      mean_order_value: 245.71, // 1,719.98 / 7 = 245.7114…
      median_order_value: 150, // 20, 49.99, 100, [150], 189.99, 210, 1000
      units_per_order: 2.166667, // (3 + 1 + 1 + 3 + 1 + 4) / 6 orders with lines
      multi_unit_share: 0.5, // A, F and J of those six
      discounted_share: 0.142857, // F
      refunded_rate: 0.142857, // F
      spend_per_buyer: 344, // 1,719.98 / 5 = 343.996
      orders_per_buyer: 1.4, // 7 / 5: 1.4 × 245.7114… = 344
      amount_per_unit: 55.38, // the orders with lines (all but G) paid 719.98 for 13 units
    });
  });

  it('splits the orders by their channel, most orders first', async () => {
    const r = await run();
    // channel, orders, amount, buyers, amount per order, units per order, coupon share
    expect(
      r.byChannel.map((c) => [c.channel, c.orders, c.gmv, c.buyers, c.mean_order_value, c.units_per_order, c.discounted_share]),
    ).toEqual([
      ['search', 3, 409.99, 2, 136.66, 1.666667, 0], // A, B (c1) and H (c5): 5 units; 409.99 / 3 = 136.663…
      ['live_stream', 2, 120, 2, 60, 2.5, 0], // C (a guest) and J (c1): 5 units
      ['ads', 1, 189.99, 1, 189.99, 3, 1], // F, with its coupon
      ['direct', 1, 1000, 1, 1000, null, 0], // G, without lines
    ]);
  });

  it('groups orders by their units, orders without lines apart', async () => {
    const r = await run();
    expect(r.units.map((u) => [u.units, u.orders, u.gmv, u.order_share, u.gmv_share, u.mean_order_value])).toEqual([
      ['1', 3, 219.99, 0.428571, 0.127903, 73.33], // B, C, H: 219.99 / 3 = 73.33
      ['2', 0, 0, 0, 0, null],
      ['3', 2, 399.99, 0.285714, 0.232555, 200], // A, F: 199.995 rounded up
      ['4', 1, 100, 0.142857, 0.05814, 100], // J
      ['5+', 0, 0, 0, 0, null], // D's five units were never paid
      ['none', 1, 1000, 0.142857, 0.581402, 1000], // G
    ]);
  });

  it('takes the median of an even count as the mean of the middle two', async () => {
    // 06-02 alone: B, C, G, J → 20, [100, 150], 1000
    const r = await run({}, { from: '2026-06-02', to: '2026-06-02' });
    expect([r.totals.orders, r.totals.median_order_value]).toEqual([4, 125]);
  });

  it('bands by the edges asked for, to the cent', async () => {
    const r = await run({ edges: [100, 189.99] });
    expect(r.bands.map((b) => [b.band, b.orders, b.gmv])).toEqual([
      ['<100', 2, 69.99], // C, H
      ['100-189.99', 2, 250], // J, B
      ['189.99+', 3, 1399.99], // F exactly on the edge, A, G
    ]);
  });

  it('counts the orders that reach each threshold and those just short of it by their goods amount', async () => {
    // Goods amounts: A 210, B 150, C 20, F 199.99 (189.99 paid after its coupon and shipping), G 1000, H 49.99, J 100.
    // Two tiers of one promotion, weighed in one request, smallest first.
    const [at1875, at200] = (await run({ thresholds: [187.5, 200] })).thresholds;
    expect(at200).toEqual({
      amount: 200,
      reached_orders: 2, // A, G
      reached_share: 0.285714,
      reached_gmv: 1210,
      near_orders: 1, // F: 199.99 is at least 160 and short by a cent
      near_share: 0.142857,
      near_gmv: 189.99,
      gap: 0.01,
      gap_per_order: 0.01,
    });
    // At 187.5, four fifths is 150: B on that edge is just short; F's goods amount reaches it.
    expect(at1875).toMatchObject({
      amount: 187.5,
      reached_orders: 3,
      reached_gmv: 1399.99,
      near_orders: 1,
      near_gmv: 150,
      gap: 37.5,
      gap_per_order: 37.5,
    });
    expect((await run()).thresholds).toEqual([]);
    // A period without orders weighs each threshold asked at zero.
    const none = (await run({ thresholds: [199] }, { from: '2026-07-01', to: '2026-07-02' })).thresholds;
    expect(none).toEqual([
      {
        amount: 199,
        reached_orders: 0,
        reached_share: null,
        reached_gmv: 0,
        near_orders: 0,
        near_share: null,
        near_gmv: 0,
        gap: 0,
        gap_per_order: null,
      },
    ]);
  });

  it('refuses edges and thresholds out of order, too many or finer than a cent, saying how to ask', async () => {
    await expect(run({ edges: [200, 100] })).rejects.toThrow(/edges: list them from the smallest up, each once \(e\.g\. edges=99,199,299/);
    await expect(run({ edges: [100, 100] })).rejects.toThrow(/from the smallest up, each once/);
    await expect(run({ edges: Array.from({ length: 13 }, (_, i) => (i + 1) * 10) })).rejects.toThrow(/edges: give 1 to 12 amounts/);
    await expect(run({ edges: [99.999] })).rejects.toThrow(/to the cent at most/);
    await expect(run({ thresholds: [0.001] })).rejects.toThrow(/threshold: each an amount above 0, to the cent at most/);
    await expect(run({ thresholds: [299, 199] })).rejects.toThrow(
      /threshold: list them from the smallest up, each once \(e\.g\. threshold=199, or threshold=199,299,399/,
    );
    await expect(run({ thresholds: [1, 2, 3, 4, 5, 6] })).rejects.toThrow(/threshold: give 1 to 5 amounts/);
  });

  it('bands the orders alike in the dataset builder (its order_value dimension), the edges 100 and 150 included', async () => {
    const r = await dataset(stores.warehouse.forShop(shop.id), shop, range, {
      measures: ['paid_orders', 'gmv', 'amount_per_order', 'item_units'],
      dimensions: ['order_value'],
    });
    expect(r.rows).toEqual([
      { order_value: '<50', paid_orders: 2, gmv: 69.99, amount_per_order: 35, item_units: 2 },
      { order_value: '100-150', paid_orders: 1, gmv: 100, amount_per_order: 100, item_units: 4 },
      { order_value: '150-200', paid_orders: 2, gmv: 339.99, amount_per_order: 170, item_units: 4 },
      { order_value: '200-300', paid_orders: 1, gmv: 210, amount_per_order: 210, item_units: 3 },
      { order_value: '1000+', paid_orders: 1, gmv: 1000, amount_per_order: 1000, item_units: 0 },
    ]);
  });

  it('lists the empty ladder for a period without orders', async () => {
    const r = await run({}, { from: '2026-07-01', to: '2026-07-02' });
    expect(r.bands.map((b) => [b.band, b.orders, b.order_share])).toEqual([
      ['<50', 0, null],
      ['50-100', 0, null],
      ['100-150', 0, null],
      ['150-200', 0, null],
      ['200-300', 0, null],
      ['300-500', 0, null],
      ['500-1000', 0, null],
      ['1000+', 0, null],
    ]);
    expect(r.units.map((u) => u.units)).toEqual(['1', '2', '3', '4', '5+']);
    expect(r.totals).toMatchObject({ orders: 0, gmv: 0, mean_order_value: null, median_order_value: null, units_per_order: null });
  });
});
