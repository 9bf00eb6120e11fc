/**
 * In-store paths on sessions crafted so that each rule has a case, answers worked out by hand:
 * repeats in a row are one step; a page view is named by its page; events at one instant go in
 * name order; a session ends at midnight; steps outside the top N become (other); the sessions
 * counted are the overview's (its sessions and bounces, tested on their own, must agree).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overview } from '../src/analyses/overview.analysis.js';
import { type PathGroup, paths, pathTables } from '../src/analyses/paths.analysis.js';
import type { Shop } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openHandWorkedShop } from './hand-worked-shop.js';

// session, visitor, shop-local time, event, page
const EVENTS: Array<[string, string, string, string, string?]> = [
  // S1: home → product ×2 → cart → paid: path home, product_view, add_to_cart, order_paid.
  ['s1', 'A', '2026-06-01 10:00', 'page_view', 'home'],
  ['s1', 'A', '2026-06-01 10:01', 'product_view'],
  ['s1', 'A', '2026-06-01 10:02', 'product_view'],
  ['s1', 'A', '2026-06-01 10:03', 'add_to_cart'],
  ['s1', 'A', '2026-06-01 10:05', 'order_paid'],
  // The same session id after midnight: a session of its own (a one-event bounce on product_view).
  ['s1', 'A', '2026-06-02 00:05', 'product_view'],
  ['s2', 'B', '2026-06-01 11:00', 'page_view', 'home'], // bounce on home
  ['s3', 'C', '2026-06-01 12:00', 'product_view'], // product → home → product: no repeat in a row
  ['s3', 'C', '2026-06-01 12:01', 'page_view', 'home'],
  ['s3', 'C', '2026-06-01 12:02', 'product_view'],
  ['s4', 'D', '2026-06-01 13:00', 'page_view', 'campaign'],
  ['s4', 'D', '2026-06-01 13:01', 'product_view'],
  ['s5', 'E', '2026-06-01 14:00', 'search'], // bounce on search
  // S6: a page view without a page, and a product view at the same instant (name order: page_view first).
  ['s6', 'F', '2026-06-01 15:00', 'product_view'],
  ['s6', 'F', '2026-06-01 15:00', 'page_view'],
  ['s6', 'F', '2026-06-01 15:01', 'add_to_cart'],
  ['s8', 'G', '2026-06-03 09:00', 'page_view', 'home'], // after the range
];

let stores: Stores;
let dispose: () => Promise<void>;
let shop: Shop;
const range = { from: '2026-06-01', to: '2026-06-02' };

beforeAll(async () => {
  const csv = `event_id,ts,event,visitor_id,session_id,properties\n${EVENTS.map(([s, v, t, e, page], i) =>
    [`e${i}`, `${t.replace(' ', 'T')}:00+08:00`, e, v, s, page ? `"{""page"":""${page}""}"` : ''].join(','),
  ).join('\n')}\n`;
  ({ stores, dispose, shop } = await openHandWorkedShop('paths', [{ kind: 'events', csv }]));
});
afterAll(async () => dispose());

const run = (options: { depth?: number; top?: number; start?: string } = {}) =>
  paths(stores.warehouse.forShop(shop.id), shop, range, options);

describe('in-store paths', () => {
  it('count where sessions enter: sessions, bounces and paying sessions per first step', async () => {
    const r = await run();
    expect(r.sessions).toBe(7);
    // Named steps by events (ties by name): product_view 7, page_view:home 3, add_to_cart 2, the rest 1.
    expect(r.named_steps).toEqual([
      'product_view',
      'page_view:home',
      'add_to_cart',
      'order_paid',
      'page_view',
      'page_view:campaign',
      'search',
    ]);
    expect(r.entries.map((e) => [e.step, e.sessions, e.bounce_sessions, e.paid_sessions])).toEqual([
      ['page_view:home', 2, 1, 1], // S1 (paid), S2 (bounce)
      ['product_view', 2, 1, 0], // S3, S1 after midnight (bounce)
      ['page_view', 1, 0, 0], // S6
      ['page_view:campaign', 1, 0, 0], // S4
      ['search', 1, 1, 0], // S5
    ]);
    expect(r.entries[0]).toMatchObject({ session_share: 0.285714, bounce_rate: 0.5, session_conversion: 0.5 }); // 2 / 7 to 6 decimals
  });

  it('count where sessions leave, against the sessions that passed through each step', async () => {
    const r = await run();
    expect(r.exits.map((e) => [e.step, e.sessions_through, e.exits])).toEqual([
      ['product_view', 5, 3], // through S1, S3, S4, S6, S1'; S3, S4 and S1' end on it
      ['page_view:home', 3, 1], // S1, S2, S3; S2 ends
      ['add_to_cart', 2, 1], // S1, S6; S6 ends
      ['order_paid', 1, 1],
      ['page_view', 1, 0],
      ['page_view:campaign', 1, 0],
      ['search', 1, 1],
    ]);
    expect(r.exits[0]?.exit_rate).toBe(0.6);
  });

  it('follow the first steps: each position’s steps, who ended there, and the flows to the next', async () => {
    const r = await run({ depth: 2 });
    expect(r.nodes.filter((n) => n.position === 2).map((n) => [n.step, n.sessions, n.exits])).toEqual([
      ['product_view', 3, 1], // S1, S4, S6; only S4 ends at its second step
      ['page_view:home', 1, 0], // S3 goes on
    ]);
    expect(r.nodes.filter((n) => n.position === 1).map((n) => [n.step, n.sessions, n.exits])).toEqual([
      ['page_view:home', 2, 1],
      ['product_view', 2, 1],
      ['page_view', 1, 0],
      ['page_view:campaign', 1, 0],
      ['search', 1, 1],
    ]);
    expect(r.flows.map((f) => [f.position, f.from_step, f.to_step, f.sessions])).toEqual([
      [1, 'page_view', 'product_view', 1],
      [1, 'page_view:campaign', 'product_view', 1],
      [1, 'page_view:home', 'product_view', 1],
      [1, 'product_view', 'page_view:home', 1],
    ]);
    // Deeper: S1 and S6 go on to the cart, S3 back to a product; only S1 on to payment.
    const deep = await run({ depth: 4 });
    expect(deep.flows.filter((f) => f.position === 2).map((f) => [f.from_step, f.to_step, f.sessions])).toEqual([
      ['product_view', 'add_to_cart', 2],
      ['page_view:home', 'product_view', 1],
    ]);
    expect(deep.flows.filter((f) => f.position === 3).map((f) => [f.from_step, f.to_step, f.sessions])).toEqual([
      ['add_to_cart', 'order_paid', 1],
    ]);
  });

  it('fold steps outside the top N into (other)', async () => {
    // By events: product_view 7, page_view:home 3, add_to_cart 2, the rest 1 each.
    const r = await run({ top: 3 });
    expect(r.entries.find((e) => e.step === '(other)')).toMatchObject({ sessions: 3, bounce_sessions: 1 }); // S4, S5, S6
    expect(r.exits.find((e) => e.step === '(other)')).toMatchObject({ sessions_through: 4, exits: 2 }); // S1 (paid), S4, S5, S6; S1, S5 end on it
    expect(r.exits.map((e) => e.step).sort()).toEqual(['(other)', 'add_to_cart', 'page_view:home', 'product_view']);
  });

  it('begin at a chosen step: what sessions did after it, paying counted only from there', async () => {
    // Sessions with an add_to_cart: S1 (then pays) and S6 (leaves at the cart).
    const cart = await run({ start: 'add_to_cart' });
    expect(cart.start).toBe('add_to_cart');
    expect(cart.sessions).toBe(2);
    expect(cart.entries.map((e) => [e.step, e.sessions, e.paid_sessions])).toEqual([['add_to_cart', 2, 1]]);
    expect(cart.exits.map((e) => [e.step, e.sessions_through, e.exits])).toEqual([
      ['add_to_cart', 2, 1],
      ['order_paid', 1, 1],
    ]);
    expect(cart.flows.map((f) => [f.position, f.from_step, f.to_step, f.sessions])).toEqual([[1, 'add_to_cart', 'order_paid', 1]]);
    // From the first product view: S1, S1', S3, S4 and S6.
    const product = await run({ start: 'product_view' });
    expect(product.sessions).toBe(5);
    expect(product.exits.find((e) => e.step === 'page_view:campaign')).toBeUndefined(); // S4's campaign page came before
    expect(product.exits.find((e) => e.step === 'page_view:home')).toMatchObject({ sessions_through: 1 }); // only S3's, after its product
    // A step outside the top N is named when it is the start: search, with the top 2 only.
    const search = await run({ start: 'search', top: 2 });
    expect(search.entries.map((e) => [e.step, e.sessions, e.bounce_sessions])).toEqual([['search', 1, 1]]);
  });

  it('count the overview’s sessions and bounces', async () => {
    const [r, o] = await Promise.all([run(), overview(stores.warehouse.forShop(shop.id), shop, range)]);
    expect(r.sessions).toBe(o.totals.sessions);
    expect(r.entries.reduce((a, e) => a + e.bounce_sessions, 0)).toBe(o.totals.bounce_sessions);
  });
});

describe('pathTables', () => {
  it('derives every table from path groups', () => {
    const groups: PathGroup[] = [
      { head: ['a', 'b'], continues: true, last_step: 'c', visited: ['a', 'b', 'c'], bounce: false, paid: true, sessions: 4 },
      { head: ['a'], continues: false, last_step: 'a', visited: ['a'], bounce: true, paid: false, sessions: 6 },
    ];
    const t = pathTables(groups);
    expect(t.sessions).toBe(10);
    expect(t.entries).toEqual([
      { step: 'a', sessions: 10, session_share: 1, bounce_sessions: 6, bounce_rate: 0.6, paid_sessions: 4, session_conversion: 0.4 },
    ]);
    expect(t.exits).toEqual([
      { step: 'a', sessions_through: 10, exits: 6, exit_rate: 0.6 },
      { step: 'b', sessions_through: 4, exits: 0, exit_rate: 0 },
      { step: 'c', sessions_through: 4, exits: 4, exit_rate: 1 },
    ]);
    expect(t.nodes).toEqual([
      { position: 1, step: 'a', sessions: 10, exits: 6 },
      { position: 2, step: 'b', sessions: 4, exits: 0 },
    ]);
    expect(t.flows).toEqual([{ position: 1, from_step: 'a', to_step: 'b', sessions: 4 }]);
  });
});
