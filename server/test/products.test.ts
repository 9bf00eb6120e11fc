/**
 * The product ranking on a world small enough to work out by hand: how a refund is shared among
 * an order's lines, guests as buyers, and late payments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers } from '../src/analyses/customers.analysis.js';
import { productDetail } from '../src/analyses/product-detail.analysis.js';
import { products } from '../src/analyses/products.analysis.js';
import type { Shop } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openHandWorkedShop } from './hand-worked-shop.js';

const ORDER_HEADER =
  'order_id,customer_id,visitor_id,created_at,paid_at,status,currency,items_amount,discount_amount,shipping_amount,paid_amount,refund_amount,refunded_at,updated_at,channel,utm_source,utm_medium,utm_campaign,live_room_id,sharer_id,device,region';
const order = (id: string, customer: string, created: string, paid: string, amount: string, refund = '0.00', refundedAt = '') =>
  `${id},${customer},v-${id},${created},${paid},${refund === '0.00' ? 'paid' : 'refunded'},CNY,${amount},0.00,0.00,${amount},${refund},${refundedAt},${refundedAt || paid},search,,,,,,pc,Zhejiang`;
const ITEM_HEADER = 'order_id,line_no,product_id,sku,product_name,category,quantity,unit_price,discount,amount,created_at';
const item = (o: string, line: number, product: string, qty: number, amount: string, created: string) =>
  `${o},${line},${product},${product}-STD,Tea ${product},tea,${qty},${amount},0.00,${amount},${created}`;

let stores: Stores;
let dispose: () => Promise<void>;
let shop: Shop;

beforeAll(async () => {
  // Shanghai is UTC+8: 2026-10-31T20:00Z is 1 November 04:00 local.
  const orders = [
    ORDER_HEADER,
    // A: two lines (100 + 300), paid 1 Nov, 80 refunded on 3 Nov → P1 gets 20, P2 gets 60.
    order('A', 'c1', '2026-10-31T20:00:00.000Z', '2026-10-31T20:05:00.000Z', '400.00', '80.00', '2026-11-03T02:00:00.000Z'),
    // B: a guest; placed 20 Oct, paid 2 Nov (late) → counts in November.
    order('B', '', '2026-10-20T02:00:00.000Z', '2026-11-02T02:00:00.000Z', '100.00'),
    // C: paid 31 Oct local (15:00Z is 23:00 local) → outside 1-5 Nov.
    order('C', 'c1', '2026-10-31T15:00:00.000Z', '2026-10-31T15:00:00.000Z', '300.00'),
    // D: c1 again on 4 Nov, three units of P2.
    order('D', 'c1', '2026-11-04T02:00:00.000Z', '2026-11-04T02:00:00.000Z', '90.00'),
    // E: c1's first order, in August; nothing in September (for the lifecycle).
    order('E', 'c1', '2026-08-10T02:00:00.000Z', '2026-08-10T02:00:00.000Z', '50.00'),
  ];
  const items = [
    ITEM_HEADER,
    item('A', 1, 'P1', 1, '100.00', '2026-10-31T20:00:00.000Z'),
    item('A', 2, 'P2', 2, '300.00', '2026-10-31T20:00:00.000Z'),
    item('B', 1, 'P1', 1, '100.00', '2026-10-20T02:00:00.000Z'),
    item('C', 1, 'P2', 2, '300.00', '2026-10-31T15:00:00.000Z'),
    item('D', 1, 'P2', 3, '90.00', '2026-11-04T02:00:00.000Z'),
  ];
  ({ stores, dispose, shop } = await openHandWorkedShop('hand', [
    { kind: 'orders', csv: `${orders.join('\n')}\n` },
    { kind: 'order_items', csv: `${items.join('\n')}\n` },
  ]));
});
afterAll(async () => {
  await dispose();
});

describe('products, worked by hand', () => {
  it('shares refunds by line amount, counts guests per order, and places late payments on the payment day', async () => {
    const result = await products(stores.warehouse.forShop(shop.id), shop, { from: '2026-11-01', to: '2026-11-05' }, { limit: 10 });
    const byId = Object.fromEntries(result.rows.map((r) => [r.product_id, r]));
    // P1: lines of A (c1) and B (guest) → 2 buyers, 2 orders, 2 units, 200.00; refund 80 × 100/400.
    expect(byId.P1).toMatchObject({ buyers: 2, paid_orders: 2, units: 2, gmv: 200, refund_amount: 20 });
    // P2: lines of A and D, both c1 → 1 buyer, 2 orders, 5 units, 390.00; refund 80 × 300/400. C is outside.
    expect(byId.P2).toMatchObject({ buyers: 1, paid_orders: 2, units: 5, gmv: 390, refund_amount: 60 });
    // Nobody viewed them (no events): conversion is empty, not zero or infinite.
    expect(byId.P1?.view_to_pay_conversion).toBeNull();
    expect(result.rows.map((r) => r.product_id)).toEqual(['P2', 'P1']);
  });

  it('keeps only the listed products when asked (a comparison period), still counting every product', async () => {
    const scope = stores.warehouse.forShop(shop.id);
    const range = { from: '2026-11-01', to: '2026-11-05' };
    const listed = await products(scope, shop, range, { products: ['P1', 'P404'] });
    expect(listed.rows.map((r) => [r.product_id, r.gmv])).toEqual([['P1', 200]]);
    expect(listed.productsTotal).toBe(2); // P1 and P2 had sales
    expect((await products(scope, shop, range, { products: [] })).rows).toEqual([]);
  });

  it('finds what is bought with P1: P2 in one of its two orders, and P2 is in two of the three paid orders', async () => {
    // November 1-5: paid orders A {P1, P2}, B {P1}, D {P2}. P1 is in A and B; P2 is with it in A.
    // Attach rate 1/2; P2 is in 2 of the 3 orders, so lift = (1/2) / (2/3) = 0.75. No catalogue:
    // P2's name and category come from its order lines.
    const result = await productDetail(stores.warehouse.forShop(shop.id), shop, 'P1', { from: '2026-11-01', to: '2026-11-05' });
    expect(result.anchorOrders).toBe(2);
    expect(result.boughtTogether).toEqual([
      { product_id: 'P2', name: 'Tea P2', category: 'tea', orders_together: 1, attach_rate: 0.5, lift: 0.75 },
    ]);
    // Trend: A paid 1 Nov, B paid 2 Nov (one unit, 100.00 each day).
    expect(result.trend.map((d) => [d.day, d.paid_orders, d.units, d.gmv])).toEqual([
      ['2026-11-01', 1, 1, 100],
      ['2026-11-02', 1, 1, 100],
      ['2026-11-03', 0, 0, 0],
      ['2026-11-04', 0, 0, 0],
      ['2026-11-05', 0, 0, 0],
    ]);
  });

  it('follows c1 through the lifecycle: new, dormant, resurrecting, returning (the guest is not followed)', async () => {
    // c1 pays in August (E), not in September, on 31 October local (C), in November (A, D).
    const result = await customers(stores.warehouse.forShop(shop.id), shop, { from: '2026-08-01', to: '2026-11-20' });
    expect(result.lifecycle).toEqual([
      { period: '2026-08-01', new: 1, returning: 0, resurrecting: 0, dormant: 0 },
      { period: '2026-09-01', new: 0, returning: 0, resurrecting: 0, dormant: 1 },
      { period: '2026-10-01', new: 0, returning: 0, resurrecting: 1, dormant: 0 },
      { period: '2026-11-01', new: 0, returning: 1, resurrecting: 0, dormant: 0 },
    ]);
    // One known customer: nobody is worse on anything, so R = F = M = 1 → lost.
    expect(result.customers).toBe(1);
    expect(result.segments.find((s) => s.segment === 'lost')).toMatchObject({ customers: 1, orders: 4, spend: 840 });
  });
});
