/**
 * Product diagnosis (商品诊断) on a shop crafted by hand: the week of 8–14 October 2026 against the
 * week before (1–7 October), nine products, each made to meet one rule, miss one, or sit exactly
 * on an edge (visitors 10 → 7 and payment 100 → 70 are "down 30 %", 60 → 90 is "up 50 %"). The
 * minimums are lowered to 4 visitors and 3 cart-adding visitors so the shop stays small. Every
 * expected figure was worked out by hand from the tables below; the working is beside each.
 */

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productDiagnosis } from '../src/analyses/product-diagnosis.analysis.js';
import { baselineOf, DIAGNOSIS_RULES, diagnose, type ProductFigures } from '../src/analyses/product-diagnosis-rules.js';
import { buildApp } from '../src/app.js';
import { AnnotationsRepo, ApiKeysRepo, type Shop } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openHandWorkedShop } from './hand-worked-shop.js';

const WEEK = { from: '2026-10-08', to: '2026-10-14' };
const BEFORE = { from: '2026-10-01', to: '2026-10-07' };
const SMALL = { min_visitors: 4, min_cart_visitors: 3 };

// product → [visitors this week, cart-adding visitors this week, visitors the week before]
const VIEWS: Record<string, [number, number, number]> = {
  P1: [10, 4, 10], // steady
  P2: [5, 1, 10], // traffic 10 → 5
  P3: [6, 3, 0], // viewed, carted, never bought
  P4: [20, 3, 20], // 1 buyer of 20 visitors
  P5: [4, 4, 4],
  P6: [4, 2, 0], // new
  P7: [7, 1, 10], // exactly down 30 %
  P8: [8, 1, 6],
  P9: [0, 0, 3], // fewer than 4 visitors before: not judged on traffic
};
// Visitors this week: 10+5+6+20+4+4+7+8 = 64; cart-adding: 4+1+3+3+4+2+1+1 = 19.

// product → [orders this week (one buyer and one line each), amount each, of them refunded, orders the week before, amount each]
const SALES: Record<string, [number, number, number, number, number]> = {
  P1: [4, 100, 1, 4, 100],
  P2: [1, 100, 0, 3, 100], // payment 300 → 100
  P3: [0, 0, 0, 0, 0],
  P4: [1, 50, 0, 1, 50],
  P5: [4, 60, 3, 4, 60], // 3 of 4 refunded
  P6: [2, 100, 0, 0, 0], // 0 → 200
  P7: [1, 70, 1, 1, 100], // exactly down 30 %; refunded, but one order is under the minimum of 3
  P8: [1, 90, 0, 1, 60], // exactly up 50 %
  P9: [0, 0, 0, 1, 5], // 5 of 1,155 the week before: under 1 %, not judged on sales
};
// This week: buyers 4+1+0+1+4+2+1+1 = 14 (all viewed products), orders 14, refunded 1+3+1 = 5,
// payment 400+100+50+240+200+70+90 = 1,150. The week before: 400+300+50+240+100+60+5 = 1,155.

const at = (day: string, hour = 12) => `${day}T${String(hour).padStart(2, '0')}:00:00+08:00`;

function files() {
  const events: string[] = [];
  for (const [product, [now, carts, before]] of Object.entries(VIEWS)) {
    for (let i = 0; i < now; i++) {
      events.push([`${product}-v${i}`, at('2026-10-10'), 'product_view', `${product}-now-${i}`, product].join(','));
      if (i < carts) events.push([`${product}-c${i}`, at('2026-10-10', 13), 'add_to_cart', `${product}-now-${i}`, product].join(','));
    }
    for (let i = 0; i < before; i++)
      events.push([`${product}-b${i}`, at('2026-10-03'), 'product_view', `${product}-before-${i}`, product].join(','));
  }
  const orders: string[] = [];
  const lines: string[] = [];
  for (const [product, [now, amount, refunded, before, amountBefore]] of Object.entries(SALES)) {
    const add = (id: string, day: string, paid: number, refund: boolean) => {
      orders.push(
        [
          id,
          `cust-${id}`,
          at(day),
          at(day),
          refund ? 'refunded' : 'completed',
          paid,
          paid,
          refund ? paid : 0,
          refund ? at('2026-10-20') : '',
          '2026-11-01T00:00:00Z',
        ].join(','),
      );
      lines.push([id, 1, product, `Tea ${product}`, 'tea', 1, paid, paid, at(day)].join(','));
    };
    for (let i = 0; i < now; i++) add(`${product}-o${i}`, '2026-10-11', amount, i < refunded);
    for (let i = 0; i < before; i++) add(`${product}-p${i}`, '2026-10-04', amountBefore, false);
  }
  return [
    { kind: 'events' as const, csv: `event_id,ts,event,visitor_id,product_id\n${events.join('\n')}\n` },
    {
      kind: 'orders' as const,
      csv: `order_id,customer_id,created_at,paid_at,status,items_amount,paid_amount,refund_amount,refunded_at,updated_at\n${orders.join('\n')}\n`,
    },
    {
      kind: 'order_items' as const,
      csv: `order_id,line_no,product_id,product_name,category,quantity,unit_price,amount,created_at\n${lines.join('\n')}\n`,
    },
  ];
}

const FIXED_NOW = new Date('2026-11-24T04:00:00Z');
let stores: Stores;
let dispose: () => Promise<void>;
let shop: Shop;

beforeAll(async () => {
  const opened = await openHandWorkedShop('product-diagnosis', files());
  ({ stores, dispose, shop } = opened);
  // 64 + 19 views and carts this week, 63 views the week before; 14 + 15 orders and lines.
  expect(opened.imports.map((r) => r.rowsLoaded)).toEqual([146, 29, 29]);
});
afterAll(async () => dispose());

const diagnosis = (compared = BEFORE, thresholds: { min_visitors?: number; min_cart_visitors?: number } = SMALL) =>
  productDiagnosis(stores.warehouse.forShop(shop.id), shop, WEEK, compared, { ...thresholds, now: FIXED_NOW });

describe('a product diagnosis, by hand', () => {
  it('holds each product to all products’ rates, from their parts', async () => {
    const r = await diagnosis();
    expect(r.productsJudged).toBe(9);
    expect(r.baseline).toEqual({
      view_to_pay_conversion: 0.21875, // 14 / 64
      cart_to_pay_rate: 0.736842, // 14 / 19 = 0.7368421…
      gmv: 1150,
      compared_gmv: 1155,
      refunded_order_rate: 0.357143, // 5 / 14 = 0.3571428…
      parts: { viewed_buyers: 14, viewed_visitors: 64, carted_buyers: 14, cart_visitors: 19, sales_orders: 14, refunded_orders: 5 },
    });
    expect(r.rules).toEqual({ ...DIAGNOSIS_RULES, min_visitors: 4, min_cart_visitors: 3 });
  });

  it('finds what each product was made for, most pressing first', async () => {
    const r = await diagnosis();
    expect(r.products.map((p) => [p.product_id, p.findings])).toEqual([
      // Payment 300 → 100: 100 ≤ 0.7 × 300, short 200; visitors 10 → 5 ≤ 7, short 5.
      [
        'P2',
        [
          { kind: 'sales_falling', size: 200 },
          { kind: 'traffic_falling', size: 5 },
        ],
      ],
      // 100 → 70 and 10 → 7: exactly 70 %, which counts; short 30 and 3.
      [
        'P7',
        [
          { kind: 'sales_falling', size: 30 },
          { kind: 'traffic_falling', size: 3 },
        ],
      ],
      // 6 visitors, no buyer; 3 carted: 0 × 19 < ½ × 14 × 3, short 14 × 3 / 19 = 2.2105… → 2.21.
      [
        'P3',
        [
          { kind: 'no_sales', size: 6 },
          { kind: 'cart_no_pay', size: 2.21 },
        ],
      ],
      // 1 of 20: 1 × 64 = 64 < ½ × 14 × 20 = 140, short 14 × 20 / 64 − 1 = 3.375 → 3.38;
      // 3 carted: 1 × 19 = 19 < ½ × 14 × 3 = 21, short 42 / 19 − 1 = 1.2105… → 1.21.
      [
        'P4',
        [
          { kind: 'low_conversion', size: 3.38 },
          { kind: 'cart_no_pay', size: 1.21 },
        ],
      ],
      // 3 of 4 refunded: 3 × 14 = 42 ≥ 2 × 5 × 4 = 40; refunded 3 × 60.
      ['P5', [{ kind: 'high_refunds', size: 180 }]],
      // 0 → 200 (200 ≥ 1 % of 1,150): gained 200; 60 → 90 is exactly 150 %: gained 30.
      ['P6', [{ kind: 'rising', size: 200 }]],
      ['P8', [{ kind: 'rising', size: 30 }]],
    ]);
    // Not found: P1 (steady; 1 refund of 4 — rate 0.25 < 2 × 5/14), P9 (3 visitors before
    // is under 4; payment 5 of 1,155 before is under 1 %), P7's refund (1 order, under 3),
    // P2's 1 of 5 (64 ≥ 35), P8's 1 of 8 (64 ≥ 56), P5's and P1's 4 carts (buyers 4 × 19 ≥ 28).
  });

  it('sums each finding in reading order', async () => {
    const r = await diagnosis();
    expect(r.summary).toEqual([
      { kind: 'sales_falling', products: 2, size: 230 },
      { kind: 'no_sales', products: 1, size: 6 },
      { kind: 'low_conversion', products: 1, size: 3.38 },
      { kind: 'cart_no_pay', products: 2, size: 3.42 },
      { kind: 'traffic_falling', products: 2, size: 8 },
      { kind: 'high_refunds', products: 1, size: 180 },
      { kind: 'rising', products: 2, size: 230 },
    ]);
  });

  it('sets each flagged product’s figures beside what was expected', async () => {
    const r = await diagnosis();
    const p2 = r.products.find((p) => p.product_id === 'P2');
    expect(p2).toMatchObject({
      name: 'Tea P2',
      category: 'tea',
      visitors: 5,
      compared_visitors: 10,
      expected_visitors: 10,
      visitors_change: -0.5,
      cart_visitors: 1,
      buyers: 1,
      gmv: 100,
      compared_gmv: 300,
      expected_gmv: 300,
      gmv_change: -0.666667, // 100 / 300 − 1
      view_to_pay_conversion: 0.2,
      cart_to_pay_rate: 1,
      sales_orders: 1,
      refunded_orders: 0,
    });
    const p5 = r.products.find((p) => p.product_id === 'P5');
    expect(p5).toMatchObject({ sales_orders: 4, refunded_orders: 3, refunded_order_rate: 0.75, refund_amount: 180 });
    // New: nothing expected, no change to show.
    expect(r.products.find((p) => p.product_id === 'P6')).toMatchObject({ expected_gmv: 0, gmv_change: null, visitors_change: null });
  });

  it('compares per day with a comparison period of another length', async () => {
    // 14 days (24 Sept – 7 Oct) with the same rows: each expected figure is half the week before's.
    const r = await diagnosis({ from: '2026-09-24', to: '2026-10-07' });
    expect(r.compared).toEqual({ from: '2026-09-24', to: '2026-10-07', days: 14 });
    const of = (id: string) => r.products.find((p) => p.product_id === id)?.findings;
    // P2: expected 150, paid 100 ≤ 105: short 50; visitors expected 5, had 5: not falling.
    expect(of('P2')).toEqual([{ kind: 'sales_falling', size: 50 }]);
    // P1: expected 200, paid 400 ≥ 300: gained 200. P5: 120 → 240, gained 120. P4: 25 → 50, gained 25.
    expect(of('P1')).toEqual([{ kind: 'rising', size: 200 }]);
    expect(of('P5')).toEqual([
      { kind: 'high_refunds', size: 180 },
      { kind: 'rising', size: 120 },
    ]);
    // P7: expected 50 and 5 visitors: 70 and 7 are neither down 30 % nor up 50 % (70 < 75).
    expect(of('P7')).toBeUndefined();
    expect(r.products.find((p) => p.product_id === 'P1')).toMatchObject({ expected_visitors: 5, visitors_change: 1 });
  });

  it('judges no product on traffic or conversion under the default minimums', async () => {
    const r = await diagnosis(BEFORE, {});
    // 20 visitors: only P4 has as many (1 of 20, still low); 10 cart-adding visitors: none.
    const kinds = new Set(r.products.flatMap((p) => p.findings.map((f) => f.kind)));
    expect([...kinds].sort()).toEqual(['high_refunds', 'low_conversion', 'rising', 'sales_falling']);
    expect(r.products.find((p) => p.product_id === 'P4')?.findings).toEqual([{ kind: 'low_conversion', size: 3.38 }]);
  });
});

describe('the rules on their own', () => {
  const product = (over: Partial<ProductFigures>): ProductFigures => ({
    product_id: 'X',
    name: '',
    category: '',
    visitors: 0,
    cart_visitors: 0,
    buyers: 0,
    gmv: 0,
    compared_visitors: 0,
    compared_gmv: 0,
    sales_orders: 0,
    refunded_orders: 0,
    refund_amount: 0,
    ...over,
  });

  it('counts a fall of exactly 30 % at any scale, not one a cent short of it', () => {
    // 6 over 14 days, this period 7: expected 3, and 0.7 × 3 is 2.0999999999999996 in binary;
    // 40 visitors over 14 days: expected 20 (the minimum), 14 of them is exactly 70 %.
    const edge = product({ gmv: 2.1, compared_gmv: 6, visitors: 14, compared_visitors: 40, buyers: 1 });
    const base = baselineOf([edge], { sales_orders: 0, refunded_orders: 0 });
    expect(diagnose(edge, base, 0.5).findings.map((f) => f.kind)).toEqual(['sales_falling', 'traffic_falling']);
    const justAbove = product({ gmv: 2.11, compared_gmv: 6 });
    expect(diagnose(justAbove, baselineOf([justAbove], { sales_orders: 0, refunded_orders: 0 }), 0.5).findings).toEqual([]);
  });
  it('judges sales only of a product with 1 % of all products’ payment amount, then and now', () => {
    const none = { sales_orders: 0, refunded_orders: 0 };
    // 1 of 100 before (exactly 1 %), nothing now: falling, short 1. 0.99 of 99.99: under 1 %, not judged.
    const big = product({ product_id: 'big', compared_gmv: 99, gmv: 99 });
    const small = product({ product_id: 'small', compared_gmv: 1 });
    expect(diagnose(small, baselineOf([big, small], none), 1).findings).toEqual([{ kind: 'sales_falling', size: 1 }]);
    const tiny = product({ product_id: 'tiny', compared_gmv: 0.99 });
    expect(diagnose(tiny, baselineOf([big, tiny], none), 1).findings).toEqual([]);
    // Rising: 1 of 100 now, from nothing: gained 1; 0.99 of 99.99 now: not judged.
    const fresh = product({ product_id: 'fresh', gmv: 1 });
    expect(diagnose(fresh, baselineOf([big, fresh], none), 1).findings).toEqual([{ kind: 'rising', size: 1 }]);
    const faint = product({ product_id: 'faint', gmv: 0.99 });
    expect(diagnose(faint, baselineOf([big, faint], none), 1).findings).toEqual([]);
  });
  it('calls a conversion low only under half of all products’, not at half', () => {
    const rules = { ...DIAGNOSIS_RULES, min_visitors: 10 };
    const none = { sales_orders: 0, refunded_orders: 0 };
    // All: 4 buyers of 20 visitors (20 %); B: 1 of 10 (10 %), exactly half: not low. C: 1 of 11: low.
    const a = product({ product_id: 'A', visitors: 10, buyers: 3 });
    const b = product({ product_id: 'B', visitors: 10, buyers: 1 });
    expect(diagnose(b, baselineOf([a, b], none), 1, rules).findings).toEqual([]);
    const c = product({ product_id: 'C', visitors: 11, buyers: 1 });
    const base = baselineOf([product({ product_id: 'A', visitors: 9, buyers: 3 }), c], none);
    // With A at 3 of 9: 4 of 20 is 20 %, half 10 %; 1 of 11 is 9.09 %: short 11 × 4 / 20 − 1 = 1.2.
    expect(diagnose(c, base, 1, rules).findings).toEqual([{ kind: 'low_conversion', size: 1.2 }]);
  });
});

describe('product diagnosis over HTTP', () => {
  let app: FastifyInstance;
  let token: string;
  beforeAll(async () => {
    app = await buildApp({ stores, serveDashboard: false });
    token = (await new ApiKeysRepo(stores.metadata).create({ shopId: shop.id, name: 'r', scopes: ['read'] })).key;
  });
  afterAll(async () => app.close());
  const get = (query: string) =>
    app.inject({
      method: 'GET',
      url: `/api/v1/shops/${shop.slug}/analyses/product-diagnosis?${query}`,
      headers: { authorization: `Bearer ${token}` },
    });

  it('answers as the analysis does, with the week before by default', async () => {
    const res = await get('from=2026-10-08&to=2026-10-14&min_visitors=4&min_cart_visitors=3');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.compared).toEqual({ ...BEFORE, days: 7 });
    expect(body.products.map((p: { product_id: string }) => p.product_id)).toEqual(['P2', 'P7', 'P3', 'P4', 'P5', 'P6', 'P8']);
    expect(body.definitions.finding_no_sales.labelZh).toBe('有访客无支付');
  });

  it('names the marked days of either week: a promotion in the week before explains a fall', async () => {
    const repo = new AnnotationsRepo(stores.metadata);
    const before = await repo.create(shop.id, { from: '2026-10-03', to: '2026-10-05', title: 'Golden week sale', kind: 'promotion' });
    const spanning = await repo.create(shop.id, { from: '2026-10-07', to: '2026-10-08', title: 'Checkout outage', kind: 'incident' });
    await repo.create(shop.id, { from: '2026-10-15', to: '2026-10-16', title: 'Later', kind: 'promotion' });
    const body = (await get('from=2026-10-08&to=2026-10-14')).json();
    // A mark touching this week counts as this week's, even when it starts the week before.
    expect(body.marked_days.period.map((m: { id: number }) => m.id)).toEqual([spanning.id]);
    expect(body.marked_days.compared.map((m: { id: number }) => m.id)).toEqual([before.id]);
  });

  it('exports one row per finding', async () => {
    const res = await get('from=2026-10-08&to=2026-10-14&min_visitors=4&min_cart_visitors=3&format=csv');
    expect(res.statusCode).toBe(200);
    const [header, ...rows] = res.body.trim().split('\n');
    expect(header?.split(',').slice(0, 3)).toEqual(['finding', 'size', 'product_id']);
    // 2 + 2 + 2 + 2 + 1 + 1 + 1 findings.
    expect(rows).toHaveLength(11);
    expect(rows[0]?.startsWith('sales_falling,200,P2,')).toBe(true);
  });

  it('refuses what it cannot answer, saying why', async () => {
    const none = await get('from=2026-10-08&to=2026-10-14&compare=none');
    expect(none.statusCode).toBe(400);
    expect(none.json().error.message).toMatch(/comparison period/);
    expect((await get('from=2026-10-08&to=2026-10-14&min_visitors=0')).statusCode).toBe(400);
    expect((await get('from=2026-10-14&to=2026-10-08')).statusCode).toBe(400);
  });
});
