/**
 * The overview's buyer figures on orders crafted so that every rule has a case, with the answers
 * worked out by hand (below, per day): new against returning at the 360-day edge on both sides,
 * for a day and for the whole range; repeat buyers on one day and across the range; a guest;
 * an order placed but not paid; refunds of an order placed before the range, and of one placed a
 * year before it; a payment 16 months after the order. The golden world has none of these edges.
 * Both ways of computing them must give these answers: from buyer_days (unfiltered overviews)
 * and from the orders themselves (filtered ones).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overview } from '../src/analyses/overview.analysis.js';
import type { Shop } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openHandWorkedShop } from './hand-worked-shop.js';

// order_id, customer_id, created_at, paid_at, status, paid_amount, refund_amount, refunded_at
const ORDERS: Array<[string, string, string, string, string, number, number, string]> = [
  // H paid 361 days before the range, and again on its first day: new (361 > 360).
  ['h-old', 'H', '2025-06-05', '2025-06-05', 'completed', 11, 0, ''],
  ['h-new', 'H', '2026-06-01', '2026-06-01', 'completed', 15, 0, ''],
  // A paid in January, and on 06-02: returning.
  ['a-old', 'A', '2026-01-10', '2026-01-10', 'completed', 100, 0, ''],
  ['a-new', 'A', '2026-06-02', '2026-06-02', 'completed', 50, 0, ''],
  // B paid 2025-06-10: 356 days before the range, exactly 360 before 06-05 — returning both ways.
  ['b-old', 'B', '2025-06-10', '2025-06-10', 'completed', 20, 0, ''],
  ['b-new', 'B', '2026-06-05', '2026-06-05', 'completed', 40, 0, ''],
  // C pays twice on 06-03: a repeat buyer that day and in the range; new.
  ['c-1', 'C', '2026-06-03', '2026-06-03', 'completed', 30, 0, ''],
  ['c-2', 'C', '2026-06-03', '2026-06-03', 'completed', 30, 0, ''],
  // D pays on 06-02 (new) and 06-04 (returning that day): a repeat buyer of the range only.
  ['d-1', 'D', '2026-06-02', '2026-06-02', 'completed', 10, 0, ''],
  ['d-2', 'D', '2026-06-04', '2026-06-04', 'completed', 10, 0, ''],
  // A guest checkout: a buyer of its own, always new.
  ['g-1', '', '2026-06-03', '2026-06-03', 'completed', 25, 0, ''],
  // E places an order on 06-04 and never pays: an ordering buyer only.
  ['e-1', 'E', '2026-06-04', '', 'created', 0, 0, ''],
  // F's order of 05-20 is partly refunded on 06-03: 30 of refunds that day.
  ['f-1', 'F', '2026-05-20', '2026-05-20', 'partially_refunded', 60, 30, '2026-06-03'],
  // G's order was placed 367 days before the range: its refund on 06-04 counts all the same.
  ['g-old', 'G', '2025-05-30', '2025-05-30', 'refunded', 70, 70, '2026-06-04'],
  // J placed an order in January 2025 and paid for it on 06-05: a payment of that day, J new.
  ['j-late', 'J', '2025-01-15', '2026-06-05', 'completed', 5, 0, ''],
];

// Order-level discounts (coupons); the goods amount is the paid amount plus the discount. They
// count on the paying day: C's first order and the guest's on 06-03, J's late payment on 06-05;
// E's order is never paid and F's was paid before the range (only refunded in it), so neither counts.
const DISCOUNTS: Record<string, number> = { 'c-1': 5, 'g-1': 2.5, 'j-late': 1, 'e-1': 3, 'f-1': 10 };

const at = (day: string) => (day ? `${day}T12:00:00+08:00` : '');

let stores: Stores;
let dispose: () => Promise<void>;
let shop: Shop;

beforeAll(async () => {
  const lines = ORDERS.map(([id, customer, created, paid, status, amount, refund, refunded]) => {
    const discount = DISCOUNTS[id] ?? 0;
    return [
      id,
      customer,
      at(created),
      at(paid),
      status,
      amount + discount,
      discount,
      amount,
      refund,
      at(refunded),
      '2026-06-10T00:00:00Z',
    ].join(',');
  });
  const csv = `order_id,customer_id,created_at,paid_at,status,items_amount,discount_amount,paid_amount,refund_amount,refunded_at,updated_at\n${lines.join('\n')}\n`;
  const opened = await openHandWorkedShop('buyers', [{ kind: 'orders', csv }]);
  ({ stores, dispose, shop } = opened);
  expect(opened.imports[0]?.rowsLoaded).toBe(ORDERS.length);
});
afterAll(async () => dispose());

describe('overview buyers, by hand', () => {
  it('splits new from returning, counts repeat and ordering buyers and refunds, per day and for the range', async () => {
    const range = { from: '2026-06-01', to: '2026-06-05' };
    const scope = stores.warehouse.forShop(shop.id);
    const result = await overview(scope, shop, range);
    const pick = (f: Record<string, unknown>) => ({
      paid_orders: f.paid_orders,
      paying_buyers: f.paying_buyers,
      gmv: f.gmv,
      new_buyers: f.new_buyers,
      returning_buyers: f.returning_buyers,
      repeat_buyers: f.repeat_buyers,
      ordering_buyers: f.ordering_buyers,
      refund_amount: f.refund_amount,
    });
    const day = (paid_orders: number, paying: number, gmv: number, fresh: number, repeat: number, ordering: number, refunds: number) => ({
      paid_orders,
      paying_buyers: paying,
      gmv,
      new_buyers: fresh,
      returning_buyers: paying - fresh,
      repeat_buyers: repeat,
      ordering_buyers: ordering,
      refund_amount: refunds,
    });
    expect(result.daily.map((d) => [d.day, pick(d)])).toEqual([
      ['2026-06-01', day(1, 1, 15, 1, 0, 1, 0)], // H, new
      ['2026-06-02', day(2, 2, 60, 1, 0, 2, 0)], // A returning, D new
      ['2026-06-03', day(3, 2, 85, 2, 1, 2, 30)], // C twice (repeat), guest; F's refund
      ['2026-06-04', day(1, 1, 10, 0, 0, 2, 70)], // D returning; E places; G's refund
      ['2026-06-05', day(2, 2, 45, 1, 0, 1, 0)], // B returning at exactly 360 days; J new
    ]);
    // Range: H, D, C, the guest and J are new (A and B paid within 360 days before 06-01); C and
    // D paid twice in the range; seven buyers placed orders (H, A, D, C, guest, E, B).
    expect(pick(result.totals)).toEqual(day(9, 7, 215, 5, 2, 7, 100));
    // From the orders themselves: the same overview.
    expect(await overview(scope, shop, range, {}, { rawTables: true })).toEqual(result);
  });

  it('counts the discounts of the orders paid, on the paying day', async () => {
    const range = { from: '2026-06-01', to: '2026-06-05' };
    const scope = stores.warehouse.forShop(shop.id);
    const result = await overview(scope, shop, range);
    const pick = (f: Record<string, unknown>) => [
      f.items_amount,
      f.discounted_orders,
      f.discount_amount,
      f.discounted_order_rate,
      f.discount_rate,
    ];
    expect(result.daily.map((d) => [d.day, ...pick(d)])).toEqual([
      ['2026-06-01', 15, 0, 0, 0, 0], // H's 15
      ['2026-06-02', 60, 0, 0, 0, 0], // A's 50 and D's 10
      ['2026-06-03', 92.5, 2, 7.5, 0.666667, 0.081081], // C's 35 (5 off) and 30, the guest's 27.5 (2.5 off): 7.5 / 92.5
      ['2026-06-04', 10, 0, 0, 0, 0], // D's 10; E's discounted order is not paid
      ['2026-06-05', 46, 1, 1, 0.5, 0.021739], // B's 40, J's 6 (1 off): 1 / 46
    ]);
    // 3 of the 9 paid orders; 8.5 of 223.5. F's discount (paid 05-20) is outside the range.
    expect(pick(result.totals)).toEqual([223.5, 3, 8.5, 0.333333, 0.038031]);
    expect(await overview(scope, shop, range, {}, { rawTables: true })).toEqual(result);
  });
});
