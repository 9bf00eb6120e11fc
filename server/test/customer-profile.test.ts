/**
 * One customer, whole, on a shop whose answers are worked out by hand below: RFM among three
 * customers, orders as they stand now (a refund, an unpaid order, one paid after the day scored),
 * lines and units, the record and first facts, and events across two devices, signed in or not —
 * with someone else's events and a shared-nothing customer beside them. Through the API, its
 * export and the CLI's code path alike (the route calls the analysis; the CLI test checks CLI = API).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { ApiKeysRepo, type Shop } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openHandWorkedShop } from './hand-worked-shop.js';

const at = (local: string) => `${local}+08:00`;

// order_id, customer, created, paid, status, paid_amount, refund, refunded_at, channel
const ORDERS: Array<[string, string, string, string, string, number, number, string, string]> = [
  ['a1', 'A', '2026-04-01T10:00:00', '2026-04-01T10:05:00', 'completed', 100, 0, '', 'search'],
  ['a2', 'A', '2026-04-20T09:00:00', '2026-04-20T09:01:00', 'partially_refunded', 80, 30, '2026-04-25T12:00:00', 'live_stream'],
  ['a3', 'A', '2026-04-29T08:00:00', '', 'created', 0, 0, '', 'direct'],
  ['a4', 'A', '2026-05-03T08:00:00', '2026-05-03T08:00:00', 'completed', 40, 0, '', 'direct'],
  ['b1', 'B', '2026-03-01T12:00:00', '2026-03-01T12:00:00', 'completed', 200, 0, '', 'ads'],
  ['c1', 'C', '2026-04-28T12:00:00', '2026-04-28T12:00:00', 'completed', 10, 0, '', 'search'],
  ['c2', 'C', '2026-04-29T12:00:00', '2026-04-29T12:00:00', 'completed', 10, 0, '', 'search'],
];
// order_id, line_no, product_id, quantity, created_at
const LINES: Array<[string, number, string, number, string]> = [
  ['a1', 1, 'p1', 1, '2026-04-01T10:00:00'],
  ['a1', 2, 'p2', 2, '2026-04-01T10:00:00'],
  ['a2', 1, 'p1', 1, '2026-04-20T09:00:00'],
  ['b1', 1, 'p3', 4, '2026-03-01T12:00:00'],
];
// event_id, ts, event, visitor, customer, channel, product, search term
const EVENTS: Array<[string, string, string, string, string, string, string, string]> = [
  ['e1', '2026-04-01T09:50:00', 'product_view', 'vA-phone', '', 'search', 'p1', ''],
  ['e2', '2026-04-01T10:00:00', 'add_to_cart', 'vA-phone', 'A', 'recommendation', 'p1', ''],
  ['e3', '2026-04-02T11:00:00', 'page_view', 'vA-phone', '', 'direct', '', ''],
  ['e4', '2026-04-19T20:00:00', 'search', 'vA-laptop', 'A', 'direct', '', 'tent'],
  ['e5', '2026-04-19T20:00:00', 'product_view', 'vX', '', 'search', 'p1', ''],
  ['e6', '2026-03-01T11:50:00', 'page_view', 'vB', 'B', 'ads', '', ''],
];

let stores: Stores;
let dispose: () => Promise<void>;
let shop: Shop;
let app: FastifyInstance;
let key = '';

beforeAll(async () => {
  // a2's refund gives its reason; a1 names one without a refund, which the profile does not show.
  const reasons: Record<string, string> = { a1: 'quality', a2: 'wrong_size' };
  // a2 was paid with a coupon of 5 off 85.
  // a2 and a4 had coupons; a4 is paid after the day scored, so only a2 counts among A's orders with one.
  const discounts: Record<string, number> = { a2: 5, a4: 2 };
  const orders = `order_id,customer_id,created_at,paid_at,status,items_amount,discount_amount,paid_amount,refund_amount,refunded_at,refund_reason,channel,updated_at\n${ORDERS.map(
    ([id, c, created, paid, status, amount, refund, refunded, channel]) =>
      [
        id,
        c,
        at(created),
        paid ? at(paid) : '',
        status,
        amount + (discounts[id] ?? 0),
        discounts[id] ?? 0,
        amount,
        refund,
        refunded ? at(refunded) : '',
        reasons[id] ?? '',
        channel,
        '2026-05-10T00:00:00Z',
      ].join(','),
  ).join('\n')}\n`;
  const lines = `order_id,line_no,product_id,product_name,quantity,unit_price,amount,created_at\n${LINES.map(([o, n, p, q, created]) =>
    [o, n, p, p === 'p1' ? 'Trail tent' : '', q, 10, 10 * q, at(created)].join(','),
  ).join('\n')}\n`;
  const events = `event_id,ts,event,visitor_id,customer_id,channel,product_id,search_term\n${EVENTS.map(([id, ts, ...rest]) =>
    [id, at(ts), ...rest].join(','),
  ).join('\n')}\n`;
  const customers = `customer_id,signed_up_at,region,member_level\nA,${at('2026-03-15T08:00:00')},Zhejiang,gold\nZ,,Jiangsu,\n`;
  const opened = await openHandWorkedShop('profile', [
    { kind: 'events', csv: events },
    { kind: 'orders', csv: orders },
    { kind: 'order_items', csv: lines },
    { kind: 'customers', csv: customers },
  ]);
  ({ stores, dispose, shop } = opened);
  expect(opened.imports.map((i) => i.rowsRejected)).toEqual([0, 0, 0, 0]);
  key = (await new ApiKeysRepo(stores.metadata).create({ shopId: shop.id, name: 'r', scopes: ['read'] })).key;
  app = await buildApp({ stores, serveDashboard: false });
});
afterAll(async () => {
  await app?.close();
  await dispose();
});

const get = (path: string) =>
  app.inject({ method: 'GET', url: `/api/v1/shops/profile/analyses/customers/${path}`, headers: { authorization: `Bearer ${key}` } });

describe('one customer, by hand', () => {
  it('scores them among everyone as of the day, and lists every order as it stands now', async () => {
    const res = await get('A?to=2026-04-30');
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    // As of 04-30: A last paid 04-20 (10 days), 2 orders, 180; B 60 days, 1, 200; C 1 day, 2, 20.
    // R (recency, fewer days better): B worst (1), A 1 + ⌊5·1/3⌋ = 2, C 1 + ⌊5·2/3⌋ = 4.
    // F: B 1 order (1); A and C tie at 2 orders: 1 + ⌊5·1/3⌋ = 2. So A is (2, 2): need attention.
    // M: C 20 (1), A 180: 1 + ⌊5·1/3⌋ = 2, B 200: 1 + ⌊5·2/3⌋ = 4.
    expect(p.rfm).toEqual({
      segment: 'need_attention',
      r: 2,
      f: 2,
      m: 2,
      recency_days: 10,
      orders: 2,
      discounted_orders: 1,
      spend: 180,
      first_paid_day: '2026-04-01',
      last_paid_day: '2026-04-20',
    });
    // All four orders, newest first; a4 (paid after the day scored) still counts in the totals.
    expect(p.orders.map((o: { order_id: string }) => o.order_id)).toEqual(['a4', 'a3', 'a2', 'a1']);
    expect(p.orders[2]).toEqual({
      order_id: 'a2',
      created_at: '2026-04-20 09:00:00',
      paid_at: '2026-04-20 09:01:00',
      status: 'partially_refunded',
      channel: 'live_stream',
      paid_amount: 80,
      discount_amount: 5,
      refund_amount: 30,
      refunded_at: '2026-04-25 12:00:00',
      refund_reason: 'wrong_size',
      lines: 1,
      units: 1,
      items: [{ product_id: 'p1', product_name: 'Trail tent', quantity: 1, amount: 10 }],
    });
    expect(p.orders[1]).toMatchObject({ order_id: 'a3', paid_at: null, lines: 0, units: 0 });
    expect(p.orders[3]).toMatchObject({ order_id: 'a1', lines: 2, units: 3, refund_reason: '', discount_amount: 0 });
    // Line by line, in line order; p2 has no name anywhere, so its id is all there is.
    expect(p.orders[3].items).toEqual([
      { product_id: 'p1', product_name: 'Trail tent', quantity: 1, amount: 10 },
      { product_id: 'p2', product_name: '', quantity: 2, amount: 20 },
    ]);
    expect(p.totals).toEqual({ orders: 4, paid_orders: 3, payment_amount: 220, refund_amount: 30 });
    expect(p.record).toEqual({ signed_up_at: '2026-03-15 08:00:00', region: 'Zhejiang', member_level: 'gold', attributes: {} });
    // First seen signed in: e2 (not e1, before signing in); first paid order a1, through search.
    expect(p.first).toEqual({
      seen_at: '2026-04-01 10:00:00',
      channel: 'recommendation',
      paid_at: '2026-04-01 10:05:00',
      order_id: 'a1',
      order_channel: 'search',
    });
  });

  it('follows them across their devices, before signing in too, and no one else', async () => {
    const { activity } = (await get('A?to=2026-04-30')).json();
    // e1–e4: the phone's (e1 and e3 without the id) and the laptop's; vX's view at the same instant is not theirs.
    expect(activity).toMatchObject({
      events: 4,
      visitor_ids: 2,
      // The phone: e1 and e2 ten minutes apart (one session), e3 the next day; the laptop: e4.
      sessions: 3,
      first_event_at: '2026-04-01 09:50:00',
      last_event_at: '2026-04-19 20:00:00',
      by_event: [
        { event: 'add_to_cart', events: 1 },
        { event: 'page_view', events: 1 },
        { event: 'product_view', events: 1 },
        { event: 'search', events: 1 },
      ],
    });
    expect(activity.latest.map((e: { event: string; signed_in: boolean }) => [e.event, e.signed_in])).toEqual([
      ['search', true],
      ['page_view', false],
      ['add_to_cart', true],
      ['product_view', false],
    ]);
    expect(activity.latest[0]).toMatchObject({ ts: '2026-04-19 20:00:00', search_term: 'tent', device: expect.any(String) });
    // Products named from their latest order line (no catalogue here).
    expect(activity.latest[2]).toMatchObject({ event: 'add_to_cart', product_id: 'p1', product_name: 'Trail tent' });
  });

  it('answers for a customer known only by a record, and 404s an id nothing carries', async () => {
    const z = await get('Z?to=2026-04-30');
    expect(z.statusCode, z.body).toBe(200);
    expect(z.json()).toMatchObject({ rfm: null, orders: [], totals: { orders: 0, paid_orders: 0 }, record: { region: 'Jiangsu' } });
    expect((await get('B?to=2026-04-30')).json().rfm).toMatchObject({ segment: 'lost', r: 1, f: 1, m: 4, recency_days: 60 });
    const nobody = await get('nobody');
    expect(nobody.statusCode).toBe(404);
    expect(nobody.json().error.message).toContain('No customer "nobody"');
    expect((await get('A?to=April')).statusCode).toBe(400);
    expect((await get('A?from=2026-04-01')).statusCode).toBe(400);
  });

  it('downloads their orders, what they bought line by line, and their latest events', async () => {
    const csv = await get('A?to=2026-04-30&format=csv');
    expect(csv.statusCode, csv.body).toBe(200);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]?.startsWith('customer_id,order_id,created_at,paid_at,status,channel,paid_amount (CNY)')).toBe(true);
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(['a4', 'a3', 'a2', 'a1']);
    const events = await get('A?to=2026-04-30&format=json&table=events');
    expect(events.json().rows).toHaveLength(4);
    const orderLines = await get('A?to=2026-04-30&format=csv&table=order_lines');
    expect(
      orderLines.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n'),
    ).toEqual([
      'customer_id,order_id,line_no,product_id,product_name,quantity (count),amount (CNY)',
      'A,a2,1,p1,Trail tent,1,10',
      'A,a1,1,p1,Trail tent,1,10',
      'A,a1,2,p2,,2,20',
    ]);
  });
});
