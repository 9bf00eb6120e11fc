/**
 * Price bands on a catalogue and orders crafted so that each rule has a case, answers worked out
 * by hand: a band is the catalogue price's (lower edge included), every band of the currency is
 * listed, cheapest first, products outside the catalogue last; a visitor or buyer counts once per
 * band; only orders paid in the period count (a placed but unpaid order and one paid before the
 * period do not); shares are of every line's amount.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priceBands } from '../src/analyses/price-bands.analysis.js';
import type { Shop } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openHandWorkedShop } from './hand-worked-shop.js';

const PRODUCTS = [
  'product_id,name,category,price',
  'P1,Sencha sample,tea,30.00', // <50
  'P2,Longjing,tea,100.00', // 100-200: the lower edge belongs to the band
  'P3,Gaiwan,teaware,150.00', // 100-200
  'P4,Clay teapot,teaware,600.00', // 500-1000: listed, never viewed or sold
].join('\n');
// Shanghai time (+08:00); the range is 2026-06-01..2026-06-02.
const EVENTS = [
  'event_id,ts,event,visitor_id,product_id',
  'e1,2026-06-01T10:00:00+08:00,product_view,v1,P1',
  'e2,2026-06-01T10:01:00+08:00,product_view,v1,P2',
  'e3,2026-06-01T11:00:00+08:00,product_view,v2,P2',
  'e4,2026-06-02T11:00:00+08:00,product_view,v2,P3', // v2 viewed two products of 100-200: one visitor there
  'e5,2026-06-02T12:00:00+08:00,product_view,v3,P9', // not in the catalogue
  'e6,2026-06-02T12:01:00+08:00,add_to_cart,v3,P4', // a cart add is not a view: P4 stays inactive
].join('\n');
const ORDERS = [
  'order_id,customer_id,created_at,paid_at,status,items_amount,paid_amount,updated_at',
  'A,c1,2026-06-01T10:05:00+08:00,2026-06-01T10:06:00+08:00,paid,210.00,210.00,2026-06-01T10:06:00+08:00',
  'B,c1,2026-06-02T09:00:00+08:00,2026-06-02T09:01:00+08:00,paid,150.00,150.00,2026-06-02T09:01:00+08:00',
  'C,,2026-06-02T12:05:00+08:00,2026-06-02T12:06:00+08:00,paid,20.00,20.00,2026-06-02T12:06:00+08:00',
  'D,c2,2026-06-02T13:00:00+08:00,,created,100.00,0,2026-06-02T13:00:00+08:00',
  'E,c3,2026-05-31T20:00:00+08:00,2026-05-31T20:01:00+08:00,paid,30.00,30.00,2026-05-31T20:01:00+08:00',
].join('\n');
const ITEMS = [
  'order_id,line_no,product_id,product_name,category,quantity,unit_price,amount,created_at',
  'A,1,P1,Sencha sample,tea,2,30.00,60.00,2026-06-01T10:05:00+08:00',
  'A,2,P2,Longjing,tea,1,150.00,150.00,2026-06-01T10:05:00+08:00',
  'B,1,P3,Gaiwan,teaware,1,150.00,150.00,2026-06-02T09:00:00+08:00',
  'C,1,P9,Loose leaf,tea,1,20.00,20.00,2026-06-02T12:05:00+08:00',
  'D,1,P2,Longjing,tea,1,100.00,100.00,2026-06-02T13:00:00+08:00',
  'E,1,P1,Sencha sample,tea,1,30.00,30.00,2026-05-31T20:00:00+08:00',
].join('\n');

let stores: Stores;
let dispose: () => Promise<void>;
let shop: Shop;

beforeAll(async () => {
  ({ stores, dispose, shop } = await openHandWorkedShop('price-bands', [
    { kind: 'products', csv: `${PRODUCTS}\n` },
    { kind: 'events', csv: `${EVENTS}\n` },
    { kind: 'orders', csv: `${ORDERS}\n` },
    { kind: 'order_items', csv: `${ITEMS}\n` },
  ]));
});
afterAll(async () => dispose());

describe('price bands', () => {
  it('lists every band of the currency cheapest first, then products outside the catalogue', async () => {
    const r = await priceBands(stores.warehouse.forShop(shop.id), shop, { from: '2026-06-01', to: '2026-06-02' });
    // band, products, viewed or sold, visitors, buyers, paid orders, units, amount
    expect(r.rows.map((b) => [b.band, b.products, b.active_products, b.visitors, b.buyers, b.paid_orders, b.units, b.gmv])).toEqual([
      ['<50', 1, 1, 1, 1, 1, 2, 60], // P1: v1 viewed; A's two units
      ['50-100', 0, 0, 0, 0, 0, 0, 0],
      ['100-200', 2, 2, 2, 1, 2, 2, 300], // P2, P3: v1 and v2 once each; c1 bought both (A, B); D unpaid
      ['200-500', 0, 0, 0, 0, 0, 0, 0],
      ['500-1000', 1, 0, 0, 0, 0, 0, 0], // P4: only a cart add
      ['1000+', 0, 0, 0, 0, 0, 0, 0],
      ['', 0, 1, 1, 1, 1, 1, 20], // P9: v3; the guest order C is its own buyer
    ]);
  });

  it('shares every line’s amount and converts visitors to buyers per band', async () => {
    const r = await priceBands(stores.warehouse.forShop(shop.id), shop, { from: '2026-06-01', to: '2026-06-02' });
    const by = Object.fromEntries(r.rows.map((b) => [b.band, b]));
    // 60 + 300 + 20 = 380 paid in the period (E was paid the day before).
    expect([by['<50']?.gmv_share, by['100-200']?.gmv_share, by['']?.gmv_share]).toEqual([0.157895, 0.789474, 0.052632]);
    expect([by['<50']?.view_to_pay_conversion, by['100-200']?.view_to_pay_conversion]).toEqual([1, 0.5]);
    expect(by['500-1000']).toMatchObject({ gmv_share: 0, view_to_pay_conversion: null });
  });

  it('answers a period with nothing in it with the ladder of empty bands', async () => {
    const r = await priceBands(stores.warehouse.forShop(shop.id), shop, { from: '2026-07-01', to: '2026-07-02' });
    expect(r.rows.map((b) => [b.band, b.products, b.gmv, b.gmv_share])).toEqual([
      ['<50', 1, 0, null],
      ['50-100', 0, 0, null],
      ['100-200', 2, 0, null],
      ['200-500', 0, 0, null],
      ['500-1000', 1, 0, null],
      ['1000+', 0, 0, null],
    ]);
  });
});
