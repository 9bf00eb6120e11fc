/**
 * Traffic by channel on visits and orders crafted so that each figure has a case, answers worked
 * out by hand: a visitor seen before the range is not new; one first seen in it is new in every
 * channel they came through; a visitor seen only before, or only after, the range is not counted;
 * pass-through credits a buyer to every channel they came through, last-touch to the order's
 * channel, even when that channel had no visit in the range (an order placed before it). The
 * golden world checks visitors and last-touch buyers only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { traffic } from '../src/analyses/traffic.analysis.js';
import type { Shop } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openHandWorkedShop } from './hand-worked-shop.js';
import { trafficCounts as pick } from './traffic-counts.js';

// event_id, day (noon, shop time), visitor, channel, device (the device cases are in the last test)
const EVENTS: Array<[string, string, string, string, string]> = [
  ['a0', '2026-05-29', 'A', 'search', 'mobile_app'], // A was here before the range: not new
  ['a1', '2026-06-01', 'A', 'search', 'mobile_app'],
  ['a2', '2026-06-03', 'A', 'live_stream', 'desktop'],
  ['b1', '2026-06-02', 'B', 'search', 'mobile_app'], // B: new
  ['c1', '2026-06-02', 'C', 'ads', 'desktop'], // C: new, through ads and search
  ['c2', '2026-06-04', 'C', 'search', 'desktop'],
  ['d0', '2026-05-30', 'D', 'search', 'mobile_app'], // D: only before the range
  ['e1', '2026-06-05', 'E', 'live_stream', 'mobile_app'], // E: new; the later visit is after the range
  ['e2', '2026-06-07', 'E', 'search', 'desktop'],
  ['f1', '2026-06-08', 'F', 'ads', 'desktop'], // F: only after the range
];

// order_id, visitor, paid day, channel, device, paid amount, day placed (when not the paid day)
const ORDERS: Array<[string, string, string, string, string, number, string?]> = [
  ['oa', 'A', '2026-05-29', 'search', 'mobile_app', 70], // paid before the range: not counted
  ['ob', 'B', '2026-06-02', 'search', 'mobile_app', 50],
  ['oc', 'C', '2026-06-04', 'ads', 'desktop', 100],
  // G came through email before the range, ordered then, and paid in it: last-touch email_sms.
  ['og', 'G', '2026-06-03', 'email_sms', 'mobile_web', 40, '2026-05-25'],
];

const at = (day: string) => `${day}T12:00:00+08:00`;

let stores: Stores;
let dispose: () => Promise<void>;
let shop: Shop;

beforeAll(async () => {
  const events = `event_id,ts,event,visitor_id,channel,device\n${EVENTS.map(([id, day, v, ch, device]) => [id, at(day), 'page_view', v, ch, device].join(',')).join('\n')}\n`;
  const orders = `order_id,visitor_id,created_at,paid_at,status,items_amount,paid_amount,updated_at,channel,device\n${ORDERS.map(
    ([id, v, day, ch, device, amount, placed]) =>
      [id, v, at(placed ?? day), at(day), 'completed', amount, amount, '2026-06-10T00:00:00Z', ch, device].join(','),
  ).join('\n')}\n`;
  const opened = await openHandWorkedShop('traffic', [
    { kind: 'events', csv: events },
    { kind: 'orders', csv: orders },
  ]);
  ({ stores, dispose, shop } = opened);
  expect(opened.imports.map((r) => r.rowsLoaded)).toEqual([EVENTS.length, ORDERS.length]);
});
afterAll(async () => dispose());

describe('traffic by channel, by hand', () => {
  it('counts visitors, new visitors, pass-through and last-touch buyers per channel', async () => {
    const result = await traffic(stores.warehouse.forShop(shop.id), shop, { from: '2026-06-01', to: '2026-06-05' }, 'channel');
    expect(result.rows.map(pick)).toEqual([
      // A, B, C visited; B and C are new; B (50) and C (100) bought, B's order came through search.
      ['search', 3, 2, 2, 150, 1, 1, 50],
      // A and E; E is new; neither bought in the range.
      ['live_stream', 2, 1, 0, 0, 0, 0, 0],
      // C, new, bought through ads.
      ['ads', 1, 1, 1, 100, 1, 1, 100],
      // No visit in the range, G's order only: the row keeps its channel's name.
      ['email_sms', 0, 0, 0, 0, 1, 1, 40],
    ]);
    // Shares of the range's 4 visitors (A, B, C, E) and of its 190 of last-touch GMV.
    const byChannel = Object.fromEntries(result.rows.map((r) => [r.value, r]));
    expect(byChannel.search?.visitor_share).toBeCloseTo(0.75, 4);
    expect(byChannel.live_stream?.visitor_share).toBeCloseTo(0.5, 4);
    expect(byChannel.ads?.visitor_share).toBeCloseTo(0.25, 4);
    expect(byChannel.search?.last_touch_gmv_share).toBeCloseTo(50 / 190, 4);
    expect(byChannel.ads?.last_touch_gmv_share).toBeCloseTo(100 / 190, 4);
    expect(byChannel.email_sms?.last_touch_gmv_share).toBeCloseTo(40 / 190, 4);
    expect(byChannel.email_sms?.visitor_share).toBe(0);
    expect(byChannel.email_sms?.uv_value).toBeNull();
    expect(byChannel.search?.uv_value).toBeCloseTo(16.67, 2);
    expect(byChannel.search?.pass_through_conversion).toBeCloseTo(2 / 3, 4);
  });

  it('by device: a visitor on two devices counts on both; an order on the device it was placed on', async () => {
    const scope = stores.warehouse.forShop(shop.id);
    const range = { from: '2026-06-01', to: '2026-06-05' };
    const result = await traffic(scope, shop, range, 'device');
    expect(result.dimension).toBe('device');
    expect(result.rows.map(pick)).toEqual([
      // In the range: A on the app (a1) and the desktop (a2), not new; B on the app, new; E on the
      // app (e1; e2 is after the range), new. B bought for 50 on the app.
      ['mobile_app', 3, 2, 1, 50, 1, 1, 50],
      // A and C (new, both visits on the desktop), who bought for 100 there.
      ['desktop', 2, 1, 1, 100, 1, 1, 100],
      // G's order, placed on the mobile web with no visit in the range.
      ['mobile_web', 0, 0, 0, 0, 1, 1, 40],
    ]);
    const byDevice = Object.fromEntries(result.rows.map((r) => [r.value, r]));
    // Shares of the range's 4 visitors (A on two devices counts once in the whole) and 190 of last-touch payment.
    expect(byDevice.mobile_app?.visitor_share).toBeCloseTo(0.75, 4);
    expect(byDevice.desktop?.visitor_share).toBeCloseTo(0.5, 4);
    expect(byDevice.mobile_web?.last_touch_gmv_share).toBeCloseTo(40 / 190, 4);
    // The unfiltered read (visitor bitmaps) and the read over the raw events agree.
    expect((await traffic(scope, shop, range, 'device', {}, { rawTables: true })).rows.map(pick)).toEqual(result.rows.map(pick));
    // Within the search channel (visits and orders alike): A (a1) and B on the app, C (c2) on the
    // desktop; only B's order came through search, so C, whose order came through ads, is no buyer here.
    const search = await traffic(scope, shop, range, 'device', { channels: ['search'] });
    expect(search.rows.map(pick)).toEqual([
      ['mobile_app', 2, 1, 1, 50, 1, 1, 50],
      ['desktop', 1, 1, 0, 0, 0, 0, 0],
    ]);
  });
});
