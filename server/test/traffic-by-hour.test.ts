/**
 * Traffic by hour of the day (时段分析) and day of the week on visits and orders placed at chosen times, answers worked
 * out by hand: hours are the shop's (Asia/Shanghai, UTC+8), so a visit at 16:30 UTC is at 00:30 the
 * next day; a visitor counts in every hour they were seen in; a buyer counts (pass-through) in
 * every hour they visited, and an order (last touch) in the hour it was placed in, even one with no
 * visit; a visit before the range counts nowhere but makes its visitor not new.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { traffic } from '../src/analyses/traffic.analysis.js';
import type { Shop } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openHandWorkedShop } from './hand-worked-shop.js';
import { trafficCounts as pick } from './traffic-counts.js';

// event_id, time stamp, visitor
const EVENTS: Array<[string, string, string]> = [
  ['v1a', '2026-06-01T09:15:00+08:00', 'V1'], // V1: 09 and 21, new
  ['v1b', '2026-06-01T21:05:00+08:00', 'V1'],
  ['v2a', '2026-06-02T09:50:00+08:00', 'V2'], // V2: 09, new
  ['v3a', '2026-06-02T23:59:59+08:00', 'V3'], // V3: 23, then 00 by the shop's clock (16:30 UTC)
  ['v3b', '2026-06-02T16:30:00Z', 'V3'],
  ['v4a', '2026-05-31T09:00:00+08:00', 'V4'], // V4: before the range, then 09 in it: not new
  ['v4b', '2026-06-03T09:40:00+08:00', 'V4'],
  ['v5a', '2026-06-04T09:00:00+08:00', 'V5'], // V5: after the range
];

// order_id, visitor, placed, paid, amount
const ORDERS: Array<[string, string, string, string, number]> = [
  // Placed at 21:10, paid at 22:02: it counts at 21, the hour of the visit it was placed in.
  ['o1', 'V1', '2026-06-01T21:10:00+08:00', '2026-06-01T22:02:00+08:00', 80],
  // Placed at 10:30 (paid a minute later), when V2 had no visit: its hour has an order and no visitor.
  ['o2', 'V2', '2026-06-02T10:30:00+08:00', '2026-06-02T10:31:00+08:00', 30],
  // Paid after the range: counted nowhere.
  ['o5', 'V5', '2026-06-04T09:05:00+08:00', '2026-06-04T09:06:00+08:00', 99],
];

let stores: Stores;
let dispose: () => Promise<void>;
let shop: Shop;

beforeAll(async () => {
  const events = `event_id,ts,event,visitor_id\n${EVENTS.map(([id, ts, v]) => [id, ts, 'page_view', v].join(',')).join('\n')}\n`;
  const orders = `order_id,visitor_id,created_at,paid_at,status,items_amount,paid_amount,updated_at\n${ORDERS.map(
    ([id, v, placed, paid, amount]) => [id, v, placed, paid, 'completed', amount, amount, '2026-06-10T00:00:00Z'].join(','),
  ).join('\n')}\n`;
  const opened = await openHandWorkedShop('traffic-hours', [
    { kind: 'events', csv: events },
    { kind: 'orders', csv: orders },
  ]);
  ({ stores, dispose, shop } = opened);
  expect(opened.imports.map((r) => r.rowsLoaded)).toEqual([EVENTS.length, ORDERS.length]);
});
afterAll(async () => dispose());

describe('traffic by hour of the day, by hand', () => {
  it('counts each hour’s visitors and buyers in the shop’s time zone, in the order of the day', async () => {
    const scope = stores.warehouse.forShop(shop.id);
    const range = { from: '2026-06-01', to: '2026-06-03' };
    const result = await traffic(scope, shop, range, 'hour');
    expect(result.rows.map(pick)).toEqual([
      // V3 at 00:30 on the 3rd (16:30 UTC on the 2nd).
      ['00', 1, 1, 0, 0, 0, 0, 0],
      // V1, V2 (new) and V4 (seen before the range); V1 (80 in all) and V2 (30) bought.
      ['09', 3, 2, 2, 110, 0, 0, 0],
      // No visit at 10, but V2's order was placed then.
      ['10', 0, 0, 0, 0, 1, 1, 30],
      // V1 visited and ordered at 21.
      ['21', 1, 1, 1, 80, 1, 1, 80],
      // V3's first visit.
      ['23', 1, 1, 0, 0, 0, 0, 0],
    ]);
    // Shares of the range's 4 visitors (V1–V4) and of its 110 paid.
    const byHour = Object.fromEntries(result.rows.map((r) => [r.value, r]));
    expect(byHour['09']?.visitor_share).toBeCloseTo(0.75, 4);
    expect(byHour['21']?.last_touch_gmv_share).toBeCloseTo(80 / 110, 4);
    expect(byHour['10']?.uv_value).toBeNull();
    // The read over the raw events agrees with the unfiltered one (visitor bitmaps).
    expect((await traffic(scope, shop, range, 'hour', {}, { rawTables: true })).rows.map(pick)).toEqual(result.rows.map(pick));
  });

  it('by day of the week: 1 June 2026 is a Monday; 16:30 UTC on Tuesday the 2nd is Wednesday in Shanghai', async () => {
    const scope = stores.warehouse.forShop(shop.id);
    const range = { from: '2026-06-01', to: '2026-06-03' };
    const result = await traffic(scope, shop, range, 'weekday');
    expect(result.rows.map(pick)).toEqual([
      // Monday: V1 (new), who ordered that evening (80).
      ['1', 1, 1, 1, 80, 1, 1, 80],
      // Tuesday: V2 and V3 (both new); V2's order (30) was placed on Tuesday.
      ['2', 2, 2, 1, 30, 1, 1, 30],
      // Wednesday: V3 (new in the range) and V4 (seen before it); neither bought.
      ['3', 2, 1, 0, 0, 0, 0, 0],
    ]);
    expect(result.rows.map((r) => r.visitor_share)).toEqual([0.25, 0.5, 0.5]);
    expect((await traffic(scope, shop, range, 'weekday', {}, { rawTables: true })).rows.map(pick)).toEqual(result.rows.map(pick));
  });
});
