/**
 * Categories (类目分析) on the golden world's tea shop against figures counted here straight from
 * its files (golden-tea-files.ts): per category — the catalogue's, else the event's or line's —
 * the listed products, product views, viewers and cart-adding visitors, and of the orders paid in
 * the range their buyers, orders, units, line amounts and refunds shared among the lines by amount;
 * and the rollup's reading equal to the events'.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categories } from '../src/analyses/categories.analysis.js';
import type { Shop } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { goldenTeaCatalogueCategories, goldenTeaEvents, goldenTeaLines, goldenTeaPaidOrders, shanghai } from './golden-tea-files.js';
import { manifest, openGoldenTeaShop } from './golden-world.js';

const RANGE = { from: manifest.startDate, to: manifest.endDate };

let stores: Stores;
let dispose: () => Promise<void>;
let shop: Shop;

beforeAll(async () => {
  ({ stores, dispose, shop } = await openGoldenTeaShop());
});
afterAll(async () => dispose());

interface Group {
  products: number;
  views: number;
  viewers: Set<string>;
  carters: Set<string>;
  buyers: Set<string>;
  orders: Set<string>;
  units: number;
  sales: number;
  refunded: Set<string>;
  refunds: number;
}

/** Each category's figures, counted from the files by the written definitions. */
function counted(range: { from: string; to: string }): Map<string, Group> {
  const catalogue = goldenTeaCatalogueCategories();
  const groups = new Map<string, Group>();
  const group = (category: string) => {
    const g = groups.get(category) ?? {
      products: 0,
      views: 0,
      viewers: new Set<string>(),
      carters: new Set<string>(),
      buyers: new Set<string>(),
      orders: new Set<string>(),
      units: 0,
      sales: 0,
      refunded: new Set<string>(),
      refunds: 0,
    };
    groups.set(category, g);
    return g;
  };
  const categoryOf = (product: string, own: string) => catalogue.get(product) || own;
  const inRange = (ts: string) => shanghai(ts).day >= range.from && shanghai(ts).day <= range.to;
  for (const category of catalogue.values()) group(category).products += 1;
  for (const e of goldenTeaEvents()) {
    if (!e.product || !inRange(e.ts)) continue;
    if (e.name === 'product_view') {
      const g = group(categoryOf(e.product, e.category));
      g.views += 1;
      g.viewers.add(e.visitor);
    } else if (e.name === 'add_to_cart') group(categoryOf(e.product, e.category)).carters.add(e.visitor);
  }
  const paid = new Map(
    goldenTeaPaidOrders()
      .filter((o) => inRange(o.paidAt))
      .map((o) => [o.id, o]),
  );
  const lines = goldenTeaLines().filter((l) => paid.has(l.order));
  const orderLines = new Map<string, number>();
  for (const l of lines) orderLines.set(l.order, (orderLines.get(l.order) ?? 0) + l.amount);
  for (const l of lines) {
    const o = paid.get(l.order);
    if (!o) continue;
    const g = group(categoryOf(l.product, l.category));
    g.buyers.add(o.customer || `guest:${o.id}`);
    g.orders.add(o.id);
    g.units += l.quantity;
    g.sales += l.amount;
    if (o.refund > 0) g.refunded.add(o.id);
    g.refunds += o.refund * (l.amount / (orderLines.get(l.order) ?? 1));
  }
  return groups;
}

describe('categories on the golden tea shop', () => {
  it('equal the figures counted from the files, over the whole range and over one week', async () => {
    const cents = (x: number) => Math.round(x * 100) / 100;
    for (const range of [RANGE, { from: '2026-11-09', to: '2026-11-15' }]) {
      const r = await categories(stores.warehouse.forShop(shop.id), shop, range);
      const want = counted(range);
      expect(r.rows.map((c) => c.category).sort(), JSON.stringify(range)).toEqual([...want.keys()].sort());
      for (const c of r.rows) {
        const w = want.get(c.category) as Group;
        expect(
          [c.products, c.views, c.visitors, c.cart_visitors, c.buyers, c.paid_orders, c.units, c.gmv, c.refunded_orders],
          `${c.category} ${JSON.stringify(range)}`,
        ).toEqual([
          w.products,
          w.views,
          w.viewers.size,
          w.carters.size,
          w.buyers.size,
          w.orders.size,
          w.units,
          cents(w.sales),
          w.refunded.size,
        ]);
        expect(c.refund_amount, c.category).toBeCloseTo(w.refunds, 2);
      }
      // Largest payment amount first; the golden shop sells in several categories and has refunds.
      expect(r.rows.map((c) => c.gmv)).toEqual([...r.rows.map((c) => c.gmv)].sort((a, b) => b - a));
      expect(r.rows.filter((c) => c.gmv > 0).length).toBeGreaterThan(2);
    }
    const whole = counted(RANGE);
    // Unfiltered, views and visitors come from the daily product rollup (and the events of products
    // outside the catalogue); read over the events instead, every figure is the same.
    for (const range of [RANGE, { from: '2026-11-09', to: '2026-11-15' }, { from: '2026-11-11', to: '2026-11-11' }]) {
      const scope = stores.warehouse.forShop(shop.id);
      expect(await categories(scope, shop, range), JSON.stringify(range)).toEqual(await categories(scope, shop, range, {}, 'events'));
    }
    expect([...whole.values()].reduce((a, g) => a + g.refunded.size, 0)).toBeGreaterThan(0);
  });
});
