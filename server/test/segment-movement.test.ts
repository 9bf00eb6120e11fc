/**
 * RFM segment movement on paid orders crafted so that every customer changes (or keeps) segment
 * for a reason, answers worked out by hand. Range 2026-06-10..2026-06-20: scored as of 06-09
 * (before) and 06-20 (after). A score is 1 + floor(5 × customers with a strictly worse value / n).
 *
 * Before (n = 5)     recency  R | orders  F | segment
 *   c1 last 06-05       4     4 |   3     5 | champions
 *   c2 last 06-08       1     5 |   1     1 | new
 *   c3 last 03-10      91     2 |   2     3 | at_risk
 *   c4 last 01-05     155     1 |   1     1 | lost
 *   c5 last 05-30      10     3 |   2     3 | loyal
 * After (n = 6; c6's first order on 06-19, c1 and c5 bought again)
 *   c1 last 06-15       5     3 |   4     5 | loyal        (champions → loyal)
 *   c2 last 06-08      12     2 |   1     1 | hibernating  (new → hibernating)
 *   c3 last 03-10     102     1 |   2     3 | at_risk      (stayed)
 *   c4 last 01-05     166     1 |   1     1 | lost         (stayed)
 *   c5 last 06-18       2     4 |   3     4 | champions    (loyal → champions)
 *   c6 last 06-19       1     5 |   1     1 | new          (none → new)
 * A guest's paid order and c6's unpaid one are not scored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerList } from '../src/analyses/customer-list.analysis.js';
import { customers } from '../src/analyses/customers.analysis.js';
import { segmentMovement } from '../src/analyses/segment-movement.analysis.js';
import type { Shop } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openHandWorkedShop } from './hand-worked-shop.js';

const PAID: Array<[string, string, string]> = [
  ['c1', 'o1', '2026-05-01'],
  ['c1', 'o2', '2026-05-20'],
  ['c1', 'o3', '2026-06-05'],
  ['c1', 'o4', '2026-06-15'],
  ['c2', 'o5', '2026-06-08'],
  ['c3', 'o6', '2026-03-01'],
  ['c3', 'o7', '2026-03-10'],
  ['c4', 'o8', '2026-01-05'],
  ['c5', 'o9', '2026-05-25'],
  ['c5', 'o10', '2026-05-30'],
  ['c5', 'o11', '2026-06-18'],
  ['c6', 'o12', '2026-06-19'],
  ['', 'o13', '2026-06-12'],
];
// Late evening Shanghai time: the local day is the one written (UTC would be the same day here).
const ORDERS = [
  'order_id,customer_id,created_at,paid_at,status,items_amount,paid_amount,updated_at',
  ...PAID.map(([c, o, d]) => `${o},${c},${d}T22:00:00+08:00,${d}T22:01:00+08:00,paid,50.00,50.00,${d}T22:01:00+08:00`),
  'o14,c6,2026-06-11T10:00:00+08:00,,created,80.00,0,2026-06-11T10:00:00+08:00',
].join('\n');

let stores: Stores;
let dispose: () => Promise<void>;
let shop: Shop;

beforeAll(async () => {
  ({ stores, dispose, shop } = await openHandWorkedShop('segment-movement', [{ kind: 'orders', csv: `${ORDERS}\n` }]));
});
afterAll(async () => dispose());

describe('RFM segment movement', () => {
  const range = { from: '2026-06-10', to: '2026-06-20' };

  it('moves each customer from their segment the day before the range to their segment on its last day', async () => {
    const r = await segmentMovement(stores.warehouse.forShop(shop.id), shop, range);
    expect(r.before).toBe('2026-06-09');
    expect(r.at).toBe('2026-06-20');
    expect([r.customers_before, r.customers_after, r.new_customers]).toEqual([5, 6, 1]);
    expect(r.moves).toEqual([
      { from_segment: 'none', to_segment: 'new', customers: 1 },
      { from_segment: 'champions', to_segment: 'loyal', customers: 1 },
      { from_segment: 'loyal', to_segment: 'champions', customers: 1 },
      { from_segment: 'new', to_segment: 'hibernating', customers: 1 },
      { from_segment: 'at_risk', to_segment: 'at_risk', customers: 1 },
      { from_segment: 'lost', to_segment: 'lost', customers: 1 },
    ]);
  });

  it('sums each segment’s before, after, stayed, moved in and out', async () => {
    const r = await segmentMovement(stores.warehouse.forShop(shop.id), shop, range);
    const flow = Object.fromEntries(r.segments.map(({ segment, ...f }) => [segment, f]));
    const f = (before: number, after: number, stayed: number) => ({
      before,
      after,
      stayed,
      moved_in: after - stayed,
      moved_out: before - stayed,
      net_change: after - before,
    });
    expect(flow).toEqual({
      champions: f(1, 1, 0),
      loyal: f(1, 1, 0),
      new: f(1, 1, 0),
      potential: f(0, 0, 0),
      cant_lose: f(0, 0, 0),
      at_risk: f(1, 1, 1),
      need_attention: f(0, 0, 0),
      hibernating: f(0, 1, 0),
      lost: f(1, 1, 1),
    });
    expect(r.definitions.segment_move?.definition).toContain('the day before the range');
  });

  it('ends where the customers analysis stands on the last day and starts where it stood the day before', async () => {
    const scope = stores.warehouse.forShop(shop.id);
    const r = await segmentMovement(scope, shop, range);
    const after = await customers(scope, shop, range);
    const before = await customers(scope, shop, { from: '2026-06-01', to: '2026-06-09' });
    for (const s of r.segments) {
      expect(s.after, s.segment).toBe(after.segments.find((x) => x.segment === s.segment)?.customers);
      expect(s.before, s.segment).toBe(before.segments.find((x) => x.segment === s.segment)?.customers);
    }
  });

  it('has no moves before the first paid order, and only arrivals when the range holds the first', async () => {
    const scope = stores.warehouse.forShop(shop.id);
    const empty = await segmentMovement(scope, shop, { from: '2025-12-01', to: '2025-12-31' });
    expect([empty.customers_before, empty.customers_after, empty.moves]).toEqual([0, 0, []]);
    // c4's order on 01-05 is the shop's first. Alone, no customer scores worse on anything, so
    // R1 F1 — lost: scores rank a customer against the others, and there are none.
    const first = await segmentMovement(scope, shop, { from: '2026-01-01', to: '2026-01-31' });
    expect(first.moves).toEqual([{ from_segment: 'none', to_segment: 'lost', customers: 1 }]);
  });

  it('lists the customers behind one move: where they are now and where they were the day before', async () => {
    const scope = stores.warehouse.forShop(shop.id);
    const ids = async (options: { segment?: string; fromSegment?: string }) =>
      (await customerList(scope, shop, range, { ...options, limit: 100 })).customers.map((c) => c.customer_id);
    expect(await ids({ segment: 'loyal', fromSegment: 'champions' })).toEqual(['c1']);
    expect(await ids({ segment: 'champions', fromSegment: 'loyal' })).toEqual(['c5']);
    expect(await ids({ segment: 'new', fromSegment: 'none' })).toEqual(['c6']);
    // Any segment now: every customer who was new the day before (c2, now hibernating), and
    // nobody moved from champions to at risk.
    expect(await ids({ fromSegment: 'new' })).toEqual(['c2']);
    expect(await ids({ segment: 'at_risk', fromSegment: 'champions' })).toEqual([]);
    const page = await customerList(scope, shop, range, { fromSegment: 'none', limit: 1, offset: 5 });
    expect([page.total, page.from_segment, page.before, page.customers]).toEqual([1, 'none', '2026-06-09', []]);
  });

  it('lists the customers behind a segment’s flows: moved in from anywhere, moved out to anywhere, stayed', async () => {
    const scope = stores.warehouse.forShop(shop.id);
    const listed = async (segment: string, move: 'in' | 'out' | 'stayed') => {
      const r = await customerList(scope, shop, range, { segment, move, limit: 100 });
      return { total: r.total, customers: r.customers.map((c) => `${c.customer_id}:${c.segment}`) };
    };
    // Into new: c6 from none (c2 was new and left). Out of new: c2, now hibernating.
    expect(await listed('new', 'in')).toEqual({ total: 1, customers: ['c6:new'] });
    expect(await listed('new', 'out')).toEqual({ total: 1, customers: ['c2:hibernating'] });
    expect(await listed('new', 'stayed')).toEqual({ total: 0, customers: [] });
    // Champions swapped: c5 in from loyal, c1 out to loyal; loyal the other way round.
    expect(await listed('champions', 'in')).toEqual({ total: 1, customers: ['c5:champions'] });
    expect(await listed('champions', 'out')).toEqual({ total: 1, customers: ['c1:loyal'] });
    expect(await listed('loyal', 'in')).toEqual({ total: 1, customers: ['c1:loyal'] });
    expect(await listed('at_risk', 'stayed')).toEqual({ total: 1, customers: ['c3:at_risk'] });
    expect(await listed('at_risk', 'in')).toEqual({ total: 0, customers: [] });
    // Hibernating was empty the day before: everyone in it moved in, nobody out.
    expect(await listed('hibernating', 'in')).toEqual({ total: 1, customers: ['c2:hibernating'] });
    expect(await listed('hibernating', 'out')).toEqual({ total: 0, customers: [] });
    const moved = await customerList(scope, shop, range, { segment: 'lost', move: 'stayed', limit: 100 });
    expect([moved.move, moved.before, moved.from_segment]).toEqual(['stayed', '2026-06-09', null]);
    // A page past the end counts the flow the same way.
    const past = await customerList(scope, shop, range, { segment: 'champions', move: 'out', limit: 1, offset: 3 });
    expect([past.total, past.customers]).toEqual([1, []]);
  });

  it('refuses a move without its segment, or with a from-segment too, saying what to give', async () => {
    const scope = stores.warehouse.forShop(shop.id);
    await expect(customerList(scope, shop, range, { move: 'out', limit: 10 })).rejects.toThrow(
      /Moved out of which segment\? .*name the segment too/,
    );
    await expect(customerList(scope, shop, range, { segment: 'new', fromSegment: 'none', move: 'in', limit: 10 })).rejects.toThrow(
      /give one/,
    );
  });
});
