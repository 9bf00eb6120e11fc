/**
 * Categories (类目分析) on a catalogue, events and orders crafted so that each rule has a case,
 * answers worked out by hand: a product's category is the catalogue's, else its event's or order
 * line's; a visitor or buyer counts once per category; only product views and cart adds of the
 * range count; only orders paid in the range count (an unpaid order and one paid the day before
 * do not); a refund is shared among the order's lines by amount; largest payment amount first.
 *
 * Range 2026-06-01..06-02 (Shanghai). Catalogue: P1, P2 tea; P3, P4 teaware.
 *   tea      views e1 e2 e3 (v1 twice, v2) and e13 (v1 again, on P8, which only its event puts in tea);
 *            cart v2; orders A (P1 2×30, P2 150) and F (P2 80)
 *   teaware  views e5 (v2), e9 (v5, whose event says "wrong": the catalogue wins); cart v3 (P4, never
 *            viewed: P4 is listed but not active); orders B (P3 150, refunded in full) and F (P3 40,
 *            its line says "cups": the catalogue wins)
 *   snacks   P9, not in the catalogue: view e6 (v3), the guest order C (20)
 *   gifts    P5, not in the catalogue either: its event and line say "gifts" — view e10 (v6), order G (50)
 *   ''       P7, not in the catalogue, its event carrying no category: view e12 (v8)
 * F (c2, 120 paid) was refunded 30: 80/120 of it (20) on tea, 40/120 (10) on teaware.
 * Not counted: e8 (the evening before), e11 (a page view), D (unpaid), E (paid 05-31).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categories } from '../src/analyses/categories.analysis.js';
import type { Shop } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openHandWorkedShop } from './hand-worked-shop.js';

const PRODUCTS = [
  'product_id,name,category,price',
  'P1,Sencha sample,tea,30.00',
  'P2,Longjing,tea,150.00',
  'P3,Gaiwan,teaware,150.00',
  'P4,Clay teapot,teaware,600.00',
].join('\n');
const EVENTS = [
  'event_id,ts,event,visitor_id,product_id,category',
  'e1,2026-06-01T10:00:00+08:00,product_view,v1,P1,tea',
  'e2,2026-06-01T10:01:00+08:00,product_view,v1,P2,tea',
  'e3,2026-06-01T11:00:00+08:00,product_view,v2,P2,tea',
  'e4,2026-06-01T11:05:00+08:00,add_to_cart,v2,P2,tea',
  'e5,2026-06-02T11:00:00+08:00,product_view,v2,P3,teaware',
  'e6,2026-06-02T12:00:00+08:00,product_view,v3,P9,snacks',
  'e7,2026-06-02T12:01:00+08:00,add_to_cart,v3,P4,teaware',
  'e8,2026-05-31T23:59:00+08:00,product_view,v4,P1,tea',
  'e9,2026-06-02T13:00:00+08:00,product_view,v5,P3,wrong',
  'e10,2026-06-02T14:00:00+08:00,product_view,v6,P5,gifts',
  'e11,2026-06-02T15:00:00+08:00,page_view,v7,,',
  'e12,2026-06-02T15:30:00+08:00,product_view,v8,P7,',
  'e13,2026-06-02T16:00:00+08:00,product_view,v1,P8,tea',
].join('\n');
const ORDERS = [
  'order_id,customer_id,created_at,paid_at,status,items_amount,paid_amount,refund_amount,refunded_at,updated_at',
  'A,c1,2026-06-01T10:05:00+08:00,2026-06-01T10:06:00+08:00,paid,210.00,210.00,0,,2026-06-01T10:06:00+08:00',
  'B,c1,2026-06-02T09:00:00+08:00,2026-06-02T09:01:00+08:00,refunded,150.00,150.00,150.00,2026-06-05T10:00:00+08:00,2026-06-05T10:00:00+08:00',
  'C,,2026-06-02T12:05:00+08:00,2026-06-02T12:06:00+08:00,paid,20.00,20.00,0,,2026-06-02T12:06:00+08:00',
  'D,c2,2026-06-02T13:00:00+08:00,,created,100.00,0,0,,2026-06-02T13:00:00+08:00',
  'E,c3,2026-05-31T20:00:00+08:00,2026-05-31T20:01:00+08:00,paid,30.00,30.00,0,,2026-05-31T20:01:00+08:00',
  'F,c2,2026-06-02T16:00:00+08:00,2026-06-02T16:01:00+08:00,refunded,120.00,120.00,30.00,2026-06-04T10:00:00+08:00,2026-06-04T10:00:00+08:00',
  'G,c4,2026-06-01T18:00:00+08:00,2026-06-01T18:01:00+08:00,paid,50.00,50.00,0,,2026-06-01T18:01:00+08:00',
].join('\n');
const ITEMS = [
  'order_id,line_no,product_id,product_name,category,quantity,unit_price,amount,created_at',
  'A,1,P1,Sencha sample,tea,2,30.00,60.00,2026-06-01T10:05:00+08:00',
  'A,2,P2,Longjing,tea,1,150.00,150.00,2026-06-01T10:05:00+08:00',
  'B,1,P3,Gaiwan,teaware,1,150.00,150.00,2026-06-02T09:00:00+08:00',
  'C,1,P9,Rice crackers,snacks,1,20.00,20.00,2026-06-02T12:05:00+08:00',
  'D,1,P2,Longjing,tea,1,100.00,100.00,2026-06-02T13:00:00+08:00',
  'E,1,P1,Sencha sample,tea,1,30.00,30.00,2026-05-31T20:00:00+08:00',
  'F,1,P2,Longjing,tea,1,80.00,80.00,2026-06-02T16:00:00+08:00',
  'F,2,P3,Gaiwan,cups,1,40.00,40.00,2026-06-02T16:00:00+08:00',
  'G,1,P5,Gift box,gifts,1,50.00,50.00,2026-06-01T18:00:00+08:00',
].join('\n');

let stores: Stores;
let dispose: () => Promise<void>;
let shop: Shop;
const range = { from: '2026-06-01', to: '2026-06-02' };
const run = () => categories(stores.warehouse.forShop(shop.id), shop, range);

beforeAll(async () => {
  ({ stores, dispose, shop } = await openHandWorkedShop('categories', [
    { kind: 'products', csv: `${PRODUCTS}\n` },
    { kind: 'events', csv: `${EVENTS}\n` },
    { kind: 'orders', csv: `${ORDERS}\n` },
    { kind: 'order_items', csv: `${ITEMS}\n` },
  ]));
});
afterAll(async () => dispose());

describe('categories', () => {
  it('counts each category’s products, views, visitors, carts and sales, largest payment amount first', async () => {
    const r = await run();
    // category, listed, viewed or sold, views, visitors, cart visitors, buyers, paid orders, units, amount
    expect(
      r.rows.map((c) => [
        c.category,
        c.products,
        c.active_products,
        c.views,
        c.visitors,
        c.cart_visitors,
        c.buyers,
        c.paid_orders,
        c.units,
        c.gmv,
      ]),
    ).toEqual([
      ['tea', 2, 3, 4, 2, 1, 2, 2, 4, 290],
      ['teaware', 2, 1, 2, 2, 1, 2, 2, 2, 190],
      ['gifts', 0, 1, 1, 1, 0, 1, 1, 1, 50],
      ['snacks', 0, 1, 1, 1, 0, 1, 1, 1, 20],
      ['', 0, 1, 1, 1, 0, 0, 0, 0, 0],
    ]);
    expect(r.total_gmv).toBe(550);
    // Unfiltered, views come from the daily product rollup and the events of products outside the
    // catalogue (P8 beside P1 and P2 in tea: v1 once); over the events alone, the same.
    expect(await categories(stores.warehouse.forShop(shop.id), shop, range, {}, 'events')).toEqual(r);
  });

  it('gives each category its share, cart rate, conversion and the refunds of its sales', async () => {
    const r = await run();
    const by = Object.fromEntries(r.rows.map((c) => [c.category, c]));
    // share, cart rate, conversion, refunded orders, refunds, refund rate
    const figures = (c: string) => {
      const x = by[c];
      return [x?.gmv_share, x?.cart_rate, x?.view_to_pay_conversion, x?.refunded_orders, x?.refund_amount, x?.refund_rate];
    };
    expect(figures('tea')).toEqual([0.527273, 0.5, 1, 1, 20, 0.068966]); // 290/550; 1/2; 2/2; F's 20 of 290
    expect(figures('teaware')).toEqual([0.345455, 0.5, 1, 2, 160, 0.842105]); // B's 150 and F's 10 of 190
    expect(figures('gifts')).toEqual([0.090909, 0, 1, 0, 0, 0]);
    expect(figures('snacks')).toEqual([0.036364, 0, 1, 0, 0, 0]);
    // Visitors but no sales: a conversion of 0; no sales, no refund rate (empty, not zero).
    expect(figures('')).toEqual([0, 0, 0, 0, 0, null]);
    expect(r.definitions.cat_conversion?.definition).toContain('paying buyers / its product visitors');
  });

  it('with a category filter, counts that category alone, as if the shop had only its rows', async () => {
    const r = await categories(stores.warehouse.forShop(shop.id), shop, range, { categories: ['tea'] });
    // Its listings only; F keeps only its tea line, so its whole refund of 30 falls on it (the filters'
    // definition: a cut shop's F would have that one line).
    expect(r.rows.map((c) => [c.category, c.products, c.views, c.visitors, c.buyers, c.units, c.gmv, c.refund_amount])).toEqual([
      ['tea', 2, 4, 2, 2, 4, 290, 30],
    ]);
    expect(r.rows[0]?.gmv_share).toBe(1);
  });

  it('lists the catalogue’s categories for a period without activity', async () => {
    const r = await categories(stores.warehouse.forShop(shop.id), shop, { from: '2026-07-01', to: '2026-07-07' });
    expect(r.rows.map((c) => [c.category, c.products, c.views, c.gmv, c.gmv_share])).toEqual([
      ['tea', 2, 0, 0, null],
      ['teaware', 2, 0, 0, null],
    ]);
    expect(r.total_gmv).toBe(0);
  });
});
