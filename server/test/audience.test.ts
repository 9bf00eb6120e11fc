/**
 * Audiences (人群圈选) on a shop worked out by hand: lapsed big spenders, carts not paid (one filled
 * before signing in, one on a visitor who signed in as two customers), what was bought by the
 * catalogue's category or the line's own, who never paid, first channels from an event or the first
 * order, amounts compared as decimals, customers known only by an imported record (and one signed
 * up after the range), unknown ones (paid only after the range, an unpaid order, a guest), pages,
 * the download and the mistakes a caller can make.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { ApiKeysRepo } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openHandWorkedShop } from './hand-worked-shop.js';

const at = (day: string) => (day ? `${day}T12:00:00+08:00` : '');

// order, customer, created day, paid day ('' unpaid), status, channel, lines: [product, line category, amount]
const ORDERS: Array<[string, string, string, string, string, string, Array<[string, string, number]>]> = [
  ['o1', 'A', '2026-03-01', '2026-03-01', 'completed', 'search', [['stove', '', 500]]],
  ['o2', 'A', '2026-04-10', '2026-04-10', 'completed', 'search', [['tent', 'outdoor', 200]]], // the catalogue says camping
  ['o3', 'B', '2026-02-01', '2026-02-01', 'completed', 'ads', [['tent', '', 800]]],
  ['o4', 'B', '2026-02-10', '2026-02-10', 'completed', 'search', [['stove', '', 300]]],
  ['o5', 'G', '2026-04-13', '2026-04-13', 'refunded', 'search', [['mug', 'kitchen', 100]]], // refunded, but paid; mug not catalogued
  ['o6', 'F', '2026-04-15', '2026-04-15', 'completed', 'search', [['tent', '', 200]]], // paid after the range
  ['o7', 'H', '2026-04-12', '', 'created', 'search', [['tent', '', 200]]], // never paid
  ['o8', '', '2026-04-11', '2026-04-11', 'completed', 'search', [['tent', '', 200]]], // a guest
];

// day, event, visitor, customer ('' not signed in), channel, product
const EVENTS: Array<[string, string, string, string, string, string]> = [
  ['2026-03-01', 'page_view', 'va', 'A', 'live_stream', ''],
  ['2026-04-11', 'add_to_cart', 'vc', '', 'search', 'tent'], // before C signs in on this visitor
  ['2026-04-12', 'product_view', 'vc', 'C', 'search', 'tent'],
  ['2026-04-13', 'add_to_cart', 'vg', 'G', 'recommendation', 'stove'],
  ['2026-04-05', 'page_view', 'vx', 'I', 'social_share', ''], // vx signs in as I first …
  ['2026-04-06', 'add_to_cart', 'vx', 'J', 'social_share', 'stove'], // … then as J: the cart counts for I
];

const RANGE = { from: '2026-04-01', to: '2026-04-14' };

let stores: Stores;
let dispose: () => Promise<void>;
let app: FastifyInstance;
let key = '';

beforeAll(async () => {
  const orders = `order_id,customer_id,created_at,paid_at,status,items_amount,paid_amount,refund_amount,channel,updated_at\n${ORDERS.map(
    ([id, c, created, paid, status, channel, lines]) => {
      const total = lines.reduce((s, [, , amount]) => s + amount, 0);
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
  const items = `order_id,line_no,product_id,category,quantity,unit_price,amount,created_at\n${ORDERS.flatMap(
    ([id, , created, , , , lines]) =>
      lines.map(([product, category, amount], i) => [id, i + 1, product, category, 1, amount, amount, at(created)].join(',')),
  ).join('\n')}\n`;
  const events = `ts,event,visitor_id,customer_id,channel,product_id\n${EVENTS.map(([day, event, visitor, customer, channel, product]) =>
    [at(day), event, visitor, customer, channel, product].join(','),
  ).join('\n')}\n`;
  const products = 'product_id,name,category,price\ntent,Tent,camping,200\nstove,Stove,cooking,300\n';
  const customers =
    'customer_id,signed_up_at,region,member_level\nA,,Shanghai,silver\nD,2026-03-20T10:00:00+08:00,Zhejiang,gold\nE,2026-04-20T10:00:00+08:00,Zhejiang,gold\n';
  const opened = await openHandWorkedShop('audience', [
    { kind: 'products', csv: products },
    { kind: 'orders', csv: orders },
    { kind: 'order_items', csv: items },
    { kind: 'events', csv: events },
    { kind: 'customers', csv: customers },
  ]);
  ({ stores, dispose } = opened);
  expect(opened.imports.map((i) => i.rowsRejected)).toEqual([0, 0, 0, 0, 0]);
  key = (await new ApiKeysRepo(stores.metadata).create({ shopId: opened.shop.id, name: 'r', scopes: ['read'] })).key;
  app = await buildApp({ stores, serveDashboard: false, logger: { level: 'error' } });
});
afterAll(async () => {
  await app?.close();
  await dispose();
});

type Condition = { field: string; operator: string; value: unknown };
const post = (conditions: Condition[], extra: Record<string, unknown> = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/shops/audience/analyses/audience',
    headers: { authorization: `Bearer ${key}` },
    payload: { ...RANGE, conditions, ...extra },
  });
const ids = async (conditions: Condition[]) => {
  const res = await post(conditions);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().list.map((c: { customer_id: string }) => c.customer_id);
};

// Known on 04-14: A, B, G (paid by then), C, I, J (signed in by then), D (record signed up 03-20) —
// not E (signed up 04-20), F (paid 04-15 only), H (an unpaid order only) or the guest.
// RFM as of 04-14 among A, B, G: recency A 4, B 63, G 1 days → R (rank by recency, longest first):
// B 1, A 1 + ⌊5·1/3⌋ = 2, G 1 + ⌊5·2/3⌋ = 4; orders G 1, A 2, B 2 → F: G 1, A and B 1 + ⌊5·1/3⌋ = 2.
// A (2, 2) need_attention, B (1, 2) lost, G (4, 1) potential.
describe('an audience, by hand', () => {
  it('finds the lapsed big spenders, with their facts and the audience’s totals', async () => {
    const res = await post([
      { field: 'spend_ever', operator: 'gte', value: 500 },
      { field: 'days_since_order', operator: 'gte', value: 60 },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    // A spent 700 but paid 4 days before; B spent 1,100 and last paid on 02-10, 63 days before.
    expect(r.list).toEqual([
      {
        customer_id: 'B',
        segment: 'lost',
        orders: 0,
        spend: 0,
        orders_ever: 2,
        spend_ever: 1100,
        days_since_order: 63,
        last_paid_day: '2026-02-10',
        first_channel: 'ads', // no signed-in event: the first paid order's channel
        orders_after: null, // not followed
        spend_after: null,
      },
    ]);
    expect(r).toMatchObject({ customers: 1, known_customers: 7, buyers: 0, spend: 0, spend_ever: 1100, offset: 0 });
    expect(r.share).toBeCloseTo(1 / 7, 12);
    expect(r.by_segment).toEqual([{ segment: 'lost', customers: 1, spend: 0, spend_ever: 1100 }]);
    expect(Object.keys(r.definitions)).toContain('audience_customers');
  });

  it('counts everyone who ever paid by segment, largest spend to date first, and pages them', async () => {
    const r = (await post([{ field: 'orders_ever', operator: 'gte', value: 1 }])).json();
    expect(r.list.map((c: { customer_id: string }) => c.customer_id)).toEqual(['B', 'A', 'G']);
    expect(r.list[1]).toEqual({
      customer_id: 'A',
      segment: 'need_attention',
      orders: 1,
      spend: 200,
      orders_ever: 2,
      spend_ever: 700,
      days_since_order: 4,
      last_paid_day: '2026-04-10',
      first_channel: 'live_stream', // the first signed-in event's, not the first order's (search)
      orders_after: null,
      spend_after: null,
    });
    // In the range: A paid 200, G 100 (refunded, still paid); to date 1,100 + 700 + 100.
    expect(r).toMatchObject({ customers: 3, buyers: 2, spend: 300, spend_ever: 1900 });
    expect(r.by_segment).toEqual([
      { segment: 'lost', customers: 1, spend: 0, spend_ever: 1100 },
      { segment: 'need_attention', customers: 1, spend: 200, spend_ever: 700 },
      { segment: 'potential', customers: 1, spend: 100, spend_ever: 100 },
    ]);
    const page = (await post([{ field: 'orders_ever', operator: 'gte', value: 1 }], { limit: 1, offset: 1 })).json();
    expect(page.list.map((c: { customer_id: string }) => c.customer_id)).toEqual(['A']);
    expect(page).toMatchObject({ customers: 3, offset: 1 });
    const past = (await post([{ field: 'orders_ever', operator: 'gte', value: 1 }], { offset: 10 })).json();
    expect(past).toMatchObject({ customers: 3, list: [] });
  });

  it('finds carts not paid, counting a visitor’s events for the customer it first signed in as', async () => {
    // C's cart add came before C signed in on that visitor; vx signed in as I, then J: its cart is I's.
    // G added to the cart and paid; A, B paid nothing in the range but added nothing either.
    expect(
      await ids([
        { field: 'cart_adds', operator: 'gte', value: 1 },
        { field: 'orders', operator: 'eq', value: 0 },
      ]),
    ).toEqual(['C', 'I']);
    expect(await ids([{ field: 'carted_product', operator: 'in', value: ['stove'] }])).toEqual(['G', 'I']);
    expect(
      await ids([
        { field: 'viewed_product', operator: 'in', value: 'tent' },
        { field: 'bought_product', operator: 'not_in', value: ['tent'] },
      ]),
    ).toEqual(['C']);
  });

  it('reads a category bought as the catalogue’s, else the line’s', async () => {
    // A's tent line says outdoor, the catalogue camping; G's mug is not catalogued: its line says kitchen.
    expect(await ids([{ field: 'bought_category', operator: 'in', value: ['camping'] }])).toEqual(['A']);
    expect(await ids([{ field: 'bought_category', operator: 'in', value: ['outdoor'] }])).toEqual([]);
    expect(await ids([{ field: 'bought_category', operator: 'in', value: ['kitchen', 'cooking'] }])).toEqual(['G']);
    expect(
      await ids([
        { field: 'orders', operator: 'gte', value: 1 },
        { field: 'bought_category', operator: 'not_in', value: ['camping'] },
      ]),
    ).toEqual(['G']);
  });

  it('holds the known customers who never paid as segment "none", and first channels from either source', async () => {
    const r = (await post([{ field: 'segment', operator: 'in', value: ['none'] }])).json();
    // Sorted by spend to date (all 0), then id.
    expect(r.list.map((c: { customer_id: string }) => c.customer_id)).toEqual(['C', 'D', 'I', 'J']);
    expect(r.list[1]).toEqual({
      customer_id: 'D',
      segment: 'none',
      orders: 0,
      spend: 0,
      orders_ever: 0,
      spend_ever: 0,
      days_since_order: null,
      last_paid_day: null,
      first_channel: '',
      orders_after: null,
      spend_after: null,
    });
    expect(r).toMatchObject({ customers: 4, known_customers: 7, by_segment: [{ segment: 'none', customers: 4, spend: 0, spend_ever: 0 }] });
    expect(await ids([{ field: 'segment', operator: 'in', value: ['lost', 'potential'] }])).toEqual(['B', 'G']);
    expect(await ids([{ field: 'segment', operator: 'not_in', value: ['none', 'lost'] }])).toEqual(['A', 'G']);
    expect(await ids([{ field: 'first_channel', operator: 'in', value: ['social_share'] }])).toEqual(['I', 'J']);
    expect(await ids([{ field: 'first_channel', operator: 'not_in', value: ['social_share', 'search', ''] }])).toEqual(['B', 'A', 'G']);
    // Nobody who never paid matches a condition on days since the last order.
    expect(await ids([{ field: 'days_since_order', operator: 'lte', value: 1000 }])).toEqual(['B', 'A', 'G']);
  });

  it('reads member level and region from the imported records, and days since the first order', async () => {
    // E is gold in Zhejiang too, but signed up after the range: not known yet.
    expect(await ids([{ field: 'member_level', operator: 'in', value: ['gold'] }])).toEqual(['D']);
    expect(await ids([{ field: 'region', operator: 'in', value: ['Zhejiang', 'Shanghai'] }])).toEqual(['A', 'D']);
    // Without a record the value is "": B, C, G, I and J.
    expect(await ids([{ field: 'member_level', operator: 'in', value: [''] }])).toEqual(['B', 'G', 'C', 'I', 'J']);
    // First paid: A 03-01 (44 days before 04-14), B 02-01 (72), G 04-13 (1); those who never paid match nothing.
    expect(await ids([{ field: 'days_since_first_order', operator: 'lte', value: 30 }])).toEqual(['G']);
    expect(await ids([{ field: 'days_since_first_order', operator: 'gte', value: 44 }])).toEqual(['B', 'A']);
    expect(await ids([{ field: 'days_since_first_order', operator: 'eq', value: 1 }])).toEqual(['G']);
  });

  it('follows an audience for the days after the range: who bought, their orders and spend, to the edge day', async () => {
    // As of 03-31 the buyers are A (paid 03-01) and B (02-01, 02-10); A pays again on 04-10, B not.
    const followed = async (days: number) => {
      const res = await post([{ field: 'orders_ever', operator: 'gte', value: 1 }], {
        from: '2026-03-01',
        to: '2026-03-31',
        follow_days: days,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const ten = await followed(10);
    // Long over (the test runs after April 2026): every day has passed.
    expect(ten.followed).toEqual({
      days: 10,
      from: '2026-04-01',
      to: '2026-04-10',
      days_passed: 10,
      buyers: 1,
      rate: 0.5,
      orders: 1,
      spend: 200,
    });
    expect(
      ten.list.map((c: { customer_id: string; orders_after: number; spend_after: number }) => [
        c.customer_id,
        c.orders_after,
        c.spend_after,
      ]),
    ).toEqual([
      ['B', 0, 0],
      ['A', 1, 200],
    ]);
    expect(Object.keys(ten.definitions)).toContain('audience_after_rate');
    // Nine days end on 04-09, the day before A's order.
    expect((await followed(9)).followed).toMatchObject({ to: '2026-04-09', buyers: 0, rate: 0, orders: 0, spend: 0 });
    // The follow-up downloads as a table of its own, one row.
    const file = await post([{ field: 'orders_ever', operator: 'gte', value: 1 }], {
      from: '2026-03-01',
      to: '2026-03-31',
      follow_days: 10,
      format: 'csv',
      table: 'follow_up',
    });
    expect(file.statusCode, file.body).toBe(200);
    const [header, row, ...rest] = file.body.trim().split('\n');
    expect(rest).toEqual([]);
    const cell = (name: string) => row?.split(',')[(header ?? '').split(',').findIndex((h) => h.startsWith(name))];
    expect([cell('customers'), cell('buyers'), cell('rate'), cell('spend')]).toEqual(['2', '1', '0.5', '200']);
    // A follow-up still running: a range ending yesterday has none of its days over yet.
    const yesterday = new Date(Date.now() - 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    const running = (
      await post([{ field: 'orders_ever', operator: 'gte', value: 1 }], { from: '2026-04-01', to: yesterday, follow_days: 7 })
    ).json();
    expect(running.followed).toMatchObject({ days: 7, days_passed: 0 });
    for (const days of [0, 91, 1.5])
      expect((await post([{ field: 'orders', operator: 'gte', value: 0 }], { follow_days: days })).statusCode).toBe(400);
  });

  it('compares amounts as decimals', async () => {
    expect(await ids([{ field: 'spend', operator: 'gte', value: 200 }])).toEqual(['A']);
    expect(await ids([{ field: 'spend', operator: 'gte', value: 200.01 }])).toEqual([]);
    expect(
      await ids([
        { field: 'spend', operator: 'lte', value: 100 },
        { field: 'orders', operator: 'gte', value: 1 },
      ]),
    ).toEqual(['G']);
  });

  it('downloads every customer of the audience', async () => {
    const res = await post([{ field: 'orders_ever', operator: 'gte', value: 1 }], { limit: 1, format: 'csv' });
    expect(res.statusCode, res.body).toBe(200);
    const lines = res.body.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('spend_ever (CNY)');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['B', 'A', 'G']);
  });

  it('answers a caller’s mistakes with a 400 that says what to write', async () => {
    const cases: Array<[Condition[], RegExp]> = [
      [[{ field: 'segment', operator: 'gte', value: 1 }], /segment is a list of values: use in or not_in/],
      [[{ field: 'orders', operator: 'in', value: ['1'] }], /orders is a number: compare it with gte, lte, eq/],
      [[{ field: 'segment', operator: 'in', value: ['vip'] }], /"vip" is not a segment; use none, champions/],
      [[{ field: 'orders', operator: 'gte', value: -1 }], /orders needs a number of 0 or more/],
      [[{ field: 'days_since_order', operator: 'gte', value: 1.5 }], /days_since_order counts whole days; 1.5 is not one/],
      [[{ field: 'spend', operator: 'gte', value: 1.005 }], /spend is an amount in cents at most/],
      [[], /conditions/],
      [[{ field: 'height', operator: 'gte', value: 1 }], /field/],
    ];
    for (const [conditions, message] of cases) {
      const res = await post(conditions);
      expect(res.statusCode, JSON.stringify(conditions)).toBe(400);
      expect(res.json().error?.message ?? res.body).toMatch(message);
    }
  });
});
