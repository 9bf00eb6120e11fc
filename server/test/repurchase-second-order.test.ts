/**
 * Second-order conversion by the first order's channel, categories and products, on orders
 * crafted so that each rule has a case, answers worked out by hand: a first order holding the
 * same product on two lines and two products of one category counts its customer once under
 * each; a customer whose first order is before the range is not a first buyer of the range even
 * if they buy again in it; a guest checkout cannot be followed; the first order decides, not a
 * later one (its channel and live room, whether it was refunded or discounted, its value band). The golden world has no repeated product or category within a first order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productLabels } from '../src/analyses/product-labels.js';
import { repurchase } from '../src/analyses/repurchase.analysis.js';
import type { Shop } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openHandWorkedShop } from './hand-worked-shop.js';

// order_id, customer, paid day (noon, shop time), channel, lines as [product, category, amount, name on the line]
const ORDERS: Array<[string, string, string, string, Array<[string, string, number, string?]>]> = [
  // A: first order with P1 twice and P2 (both tea), then a second order: a second buyer.
  [
    'a1',
    'A',
    '2026-06-02',
    'search',
    [
      ['P1', 'tea', 10, 'Longjing (line)'],
      ['P1', 'tea', 10],
      ['P2', 'tea', 20, 'Tieguanyin 100g'],
    ],
  ],
  ['a2', 'A', '2026-06-10', 'ads', [['P3', 'teaware', 50]]],
  // B: first order with P2 (tea) and P3 (teaware); no second order.
  [
    'b1',
    'B',
    '2026-06-03',
    'ads',
    [
      ['P2', 'tea', 20, 'Tieguanyin 250g'],
      ['P3', 'teaware', 50],
    ],
  ],
  // C: first order before the range, again inside it: not a first buyer of the range.
  ['c1', 'C', '2026-05-20', 'search', [['P1', 'tea', 10]]],
  ['c2', 'C', '2026-06-05', 'search', [['P4', 'snacks', 5]]],
  // A guest: cannot be followed, not counted.
  ['g1', '', '2026-06-04', 'search', [['P4', 'snacks', 5]]],
];

// Refunded in full on the day given: B's first order, and A's second (not their first).
const REFUNDED: Record<string, string> = { b1: '2026-06-05', a2: '2026-06-12' };
// An order-level discount (coupon): B's first order, A's second (not their first), and C's first,
// which is before the range.
const DISCOUNT: Record<string, number> = { b1: 7, a2: 5, c1: 2 };
// The live room an order came from: A's first and second (another room), C's first (before the range).
const LIVE: Record<string, string> = { a1: 'R1', a2: 'R2', c1: 'R1' };

const at = (day: string) => `${day}T12:00:00+08:00`;

let stores: Stores;
let dispose: () => Promise<void>;
let shop: Shop;

beforeAll(async () => {
  const orders = ORDERS.map(([id, customer, day, channel, lines]) => {
    const amount = lines.reduce((a, [, , x]) => a + x, 0);
    const back = REFUNDED[id];
    const discount = DISCOUNT[id] ?? 0;
    const paid = amount - discount;
    return [id, customer, at(day), at(day), back ? 'refunded' : 'completed', amount, discount, paid, back ? paid : 0, back ? at(back) : '']
      .concat(['2026-06-30T00:00:00Z', channel, LIVE[id] ?? ''])
      .join(',');
  });
  const items = ORDERS.flatMap(([id, , day, , lines]) =>
    lines.map(([product, category, amount, name], i) => [id, i + 1, product, name ?? '', category, 1, amount, amount, at(day)].join(',')),
  );
  const opened = await openHandWorkedShop('second', [
    {
      kind: 'orders',
      csv: `order_id,customer_id,created_at,paid_at,status,items_amount,discount_amount,paid_amount,refund_amount,refunded_at,updated_at,channel,live_room_id\n${orders.join('\n')}\n`,
    },
    {
      kind: 'order_items',
      csv: `order_id,line_no,product_id,product_name,category,quantity,unit_price,amount,created_at\n${items.join('\n')}\n`,
    },
    // Only P1 is in the catalogue.
    { kind: 'products', csv: 'product_id,name,category,price\nP1,Longjing 50g,green tea,10\n' },
  ]);
  ({ stores, dispose, shop } = opened);
  expect(opened.imports.map((r) => r.rowsLoaded)).toEqual([ORDERS.length, items.length, 1]);
});
afterAll(async () => dispose());

describe('second-order conversion, by hand', () => {
  it('counts each first buyer once per channel, category and product of their first order', async () => {
    const result = await repurchase(stores.warehouse.forShop(shop.id), shop, { from: '2026-06-01', to: '2026-06-30' });
    const rows = (xs: typeof result.secondOrder.channel) => xs.map((r) => [r.value, r.first_buyers, r.second_buyers]);
    // First buyers of the range: A (search; tea; P1, P2) and B (ads; tea, teaware; P2, P3). A bought again.
    expect(rows(result.secondOrder.channel)).toEqual([
      ['ads', 1, 0],
      ['search', 1, 1],
    ]);
    expect(rows(result.secondOrder.category)).toEqual([
      ['tea', 2, 1],
      ['teaware', 1, 0],
    ]);
    expect(rows(result.secondOrder.product)).toEqual([
      ['P2', 2, 1],
      ['P1', 1, 1],
      ['P3', 1, 0],
    ]);
    expect(result.secondOrder.category[0]?.second_order_rate).toBeCloseTo(0.5, 4);
    // By the first order's live room: A's came from R1 (their second, from R2, does not decide), B's
    // from none ('').
    expect(rows(result.secondOrder.live_room)).toEqual([
      ['', 1, 0],
      ['R1', 1, 1],
    ]);
    // By whether the first order came back: A's first was kept (their second, refunded, does not
    // decide), B's first was refunded — and B did not buy again.
    expect(rows(result.secondOrder.refund)).toEqual([
      ['kept', 1, 1],
      ['refunded', 1, 0],
    ]);
    // By whether the first order was discounted: B's was (and B did not come back), A's was not
    // (their discounted second order does not decide); C's discounted first is before the range.
    expect(rows(result.secondOrder.discount)).toEqual([
      ['discounted', 1, 0],
      ['full_price', 1, 1],
    ]);
    // By the band of the first order's amount paid, every band of the ladder listed cheapest first:
    // A's first paid 40 (<50; their second, 45, does not decide), B's 70 less a 7 coupon = 63 (50-100).
    expect(rows(result.secondOrder.value)).toEqual([
      ['<50', 1, 1],
      ['50-100', 1, 0],
      ['100-150', 0, 0],
      ['150-200', 0, 0],
      ['200-300', 0, 0],
      ['300-500', 0, 0],
      ['500-1000', 0, 0],
      ['1000+', 0, 0],
    ]);
    expect(result.secondOrder.value[2]?.second_order_rate).toBeNull();
    // Each figure of a row has its written definition served with the result.
    for (const k of ['first_buyers', 'second_buyers', 'second_order_rate']) expect(result.definitions[k]?.definition, k).toMatch(/\S/);
  });

  it('names each product: the catalogue first, else its latest named order line, else nothing', async () => {
    const result = await repurchase(stores.warehouse.forShop(shop.id), shop, { from: '2026-06-01', to: '2026-06-30' });
    // P1: catalogue "Longjing 50g" over its line's "Longjing (line)". P2: no catalogue entry; named
    // "Tieguanyin 100g" on a1 (June 2) and "Tieguanyin 250g" on b1 (June 3): the later line.
    // P3: neither.
    expect(result.secondOrder.product.map((r) => [r.value, r.name])).toEqual([
      ['P2', 'Tieguanyin 250g'],
      ['P1', 'Longjing 50g'],
      ['P3', ''],
    ]);
    expect(result.secondOrder.channel.every((r) => r.name === undefined)).toBe(true);
  });

  it('labels products field by field: the catalogue first, then the latest line with a value', async () => {
    const labels = await productLabels(stores.warehouse.forShop(shop.id), ['P1', 'P2', 'P3', 'P9']);
    expect([...labels]).toEqual([
      ['P1', { name: 'Longjing 50g', category: 'green tea' }],
      ['P2', { name: 'Tieguanyin 250g', category: 'tea' }],
      ['P3', { name: '', category: 'teaware' }],
      ['P9', { name: '', category: '' }],
    ]);
  });
});
