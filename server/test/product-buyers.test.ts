/**
 * Who bought one product, on orders worked out by hand: two orders of one customer, a refunded one
 * (still paid), an unpaid one, a guest's, orders paid just before and after the range, an order of
 * another product only, a tie on amount, a channel filter, pages, the download and a 404.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { ApiKeysRepo } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openHandWorkedShop } from './hand-worked-shop.js';

const at = (day: string) => (day ? `${day}T12:00:00+08:00` : '');

// order, customer, paid day ('' unpaid), status, channel, lines: [product, quantity, amount]
const ORDERS: Array<[string, string, string, string, string, Array<[string, number, number]>]> = [
  [
    'o1',
    'A',
    '2026-04-10',
    'completed',
    'search',
    [
      ['tent', 1, 100],
      ['bag', 1, 50],
    ],
  ],
  ['o2', 'A', '2026-04-12', 'completed', 'live_stream', [['tent', 2, 180]]], // 2 × 100 − 20 discount
  ['o3', 'B', '2026-04-11', 'refunded', 'search', [['tent', 1, 100]]], // refunded, but it was paid
  ['o4', 'C', '', 'created', 'search', [['tent', 1, 100]]], // never paid
  ['o5', '', '2026-04-11', 'completed', 'search', [['tent', 1, 100]]], // a guest
  ['o6', 'D', '2026-03-31', 'completed', 'search', [['tent', 1, 100]]], // the day before the range
  ['o7', 'E', '2026-04-13', 'completed', 'search', [['bag', 1, 50]]], // another product only
  ['o8', 'F', '2026-04-15', 'completed', 'search', [['tent', 1, 100]]], // the day after the range
  ['o9', 'G', '2026-04-13', 'completed', 'search', [['tent', 1, 100]]], // ties B on amount
];
const RANGE = 'from=2026-04-01&to=2026-04-14';

let stores: Stores;
let dispose: () => Promise<void>;
let app: FastifyInstance;
let key = '';

beforeAll(async () => {
  const orders = `order_id,customer_id,created_at,paid_at,status,items_amount,paid_amount,refund_amount,channel,updated_at\n${ORDERS.map(
    ([id, c, paid, status, channel, lines]) => {
      const total = lines.reduce((s, [, , amount]) => s + amount, 0);
      const created = paid || '2026-04-11';
      return [
        id,
        c,
        at(created),
        at(paid),
        status,
        total,
        paid ? total : 0,
        status === 'refunded' ? total : 0,
        channel,
        '2026-05-01T00:00:00Z',
      ].join(',');
    },
  ).join('\n')}\n`;
  const items = `order_id,line_no,product_id,quantity,unit_price,discount,amount,created_at\n${ORDERS.flatMap(([id, , paid, , , lines]) =>
    lines.map(([product, quantity, amount], i) =>
      [
        id,
        i + 1,
        product,
        quantity,
        100,
        quantity * 100 - amount, // the discount, at a unit price of 100
        amount,
        at(paid || '2026-04-11'),
      ].join(','),
    ),
  ).join('\n')}\n`;
  const opened = await openHandWorkedShop('buyers-of', [
    { kind: 'orders', csv: orders },
    { kind: 'order_items', csv: items },
  ]);
  ({ stores, dispose } = opened);
  expect(opened.imports.map((i) => i.rowsRejected)).toEqual([0, 0]);
  key = (await new ApiKeysRepo(stores.metadata).create({ shopId: opened.shop.id, name: 'r', scopes: ['read'] })).key;
  app = await buildApp({ stores, serveDashboard: false });
});
afterAll(async () => {
  await app?.close();
  await dispose();
});

const get = (path: string) =>
  app.inject({ method: 'GET', url: `/api/v1/shops/buyers-of/analyses/products/${path}`, headers: { authorization: `Bearer ${key}` } });

describe('who bought a product, by hand', () => {
  it('lists the known customers who paid for it in the range, largest amount first, and counts the guests', async () => {
    const res = await get(`tent/buyers?${RANGE}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    // A: o1 (1 unit, 100) and o2 (2 units, 180); B: o3, refunded but paid; G: o9. Not C (unpaid), D, F (outside), E (bags only).
    // Segments as of 04-14 among everyone who paid by then — A, B, D, E and G (F pays on the 15th,
    // C never): recency A 2, B 3, D 14, E 1, G 1 days → R: D 1, B 1 + ⌊5·1/5⌋ = 2, A 3, E and G 4;
    // orders: A 2, the rest 1 → F: A 1 + ⌊5·4/5⌋ = 5, the rest 1. A (3, 5) loyal, B (2, 1)
    // hibernating, G (4, 1) potential.
    expect(r.buyers).toEqual([
      {
        customer_id: 'A',
        segment: 'loyal',
        orders: 2,
        units: 3,
        amount: 280,
        first_bought_day: '2026-04-10',
        last_bought_day: '2026-04-12',
      },
      {
        customer_id: 'B',
        segment: 'hibernating',
        orders: 1,
        units: 1,
        amount: 100,
        first_bought_day: '2026-04-11',
        last_bought_day: '2026-04-11',
      },
      {
        customer_id: 'G',
        segment: 'potential',
        orders: 1,
        units: 1,
        amount: 100,
        first_bought_day: '2026-04-13',
        last_bought_day: '2026-04-13',
      },
    ]);
    expect(r).toMatchObject({ product_id: 'tent', total: 3, guest_orders: 1, offset: 0, segment: null });
    expect(Object.keys(r.definitions).sort()).toEqual(
      ['product_buyer_amount', 'product_buyer_orders', 'product_buyer_units', 'product_guest_orders', 'rfm_segment'].sort(),
    );
  });

  it('keeps the buyers in one RFM segment now: who bought it and is, say, hibernating', async () => {
    const hibernating = (await get(`tent/buyers?${RANGE}&segment=hibernating`)).json();
    expect(hibernating.buyers.map((b: { customer_id: string }) => b.customer_id)).toEqual(['B']);
    expect(hibernating).toMatchObject({ total: 1, guest_orders: 1, segment: 'hibernating' });
    expect((await get(`tent/buyers?${RANGE}&segment=champions`)).json()).toMatchObject({ buyers: [], total: 0 });
    expect((await get(`tent/buyers?${RANGE}&segment=sleepy`)).statusCode).toBe(400);
  });

  it('pages, filters by the order’s channel, and downloads every buyer', async () => {
    const second = (await get(`tent/buyers?${RANGE}&limit=1&offset=1`)).json();
    expect(second.buyers.map((b: { customer_id: string }) => b.customer_id)).toEqual(['B']);
    expect(second.total).toBe(3);
    const past = (await get(`tent/buyers?${RANGE}&limit=10&offset=10`)).json();
    expect(past).toMatchObject({ buyers: [], total: 3, guest_orders: 1 });
    // Only o2 came through a live stream.
    const live = (await get(`tent/buyers?${RANGE}&channel=live_stream`)).json();
    // The filter narrows the scoring too, as on the customer lists: A, with one order through a live
    // stream, is its only scored customer — nobody scores worse, so R = F = 1: lost.
    expect(live.buyers).toEqual([
      {
        customer_id: 'A',
        segment: 'lost',
        orders: 1,
        units: 2,
        amount: 180,
        first_bought_day: '2026-04-12',
        last_bought_day: '2026-04-12',
      },
    ]);
    expect(live).toMatchObject({ total: 1, guest_orders: 0 });
    const csv = await get(`tent/buyers?${RANGE}&limit=1&format=csv`);
    expect(csv.statusCode, csv.body).toBe(200);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    // The whole list, not the page of one.
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['tent,A', 'tent,B', 'tent,G']);
    expect(lines[0]).toContain('amount (CNY)');
  });

  it('404s a product nothing names, and 400s what it does not take', async () => {
    const none = await get(`zzz/buyers?${RANGE}`);
    expect(none.statusCode).toBe(404);
    expect(none.json().error.message).toContain('No product "zzz"');
    expect((await get(`tent/buyers?${RANGE}&category=tents`)).statusCode).toBe(400);
    expect((await get(`tent/buyers?${RANGE}&compare=previous`)).statusCode).toBe(400);
    expect((await get(`tent/buyers?${RANGE}&limit=0`)).statusCode).toBe(400);
  });
});
