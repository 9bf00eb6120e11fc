/**
 * The dataset builder against the independent computation of the golden world: totals, the daily
 * series and channel figures built from catalogue measures equal fixtures/golden/expected.json;
 * only catalogue names are accepted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMPORT_KINDS, runImport } from '@storelens/etl';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataset } from '../src/analyses/datasets/dataset.analysis.js';
import { buildApp } from '../src/app.js';
import { ApiKeysRepo, type Shop, ShopsRepo } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { goldenTeaEvents, goldenTeaLines, goldenTeaPaidOrders, goldenTeaProductNames, shanghai } from './golden-tea-files.js';
import { openTempStores } from './temp-stores.js';

const golden = join(import.meta.dirname, '..', '..', 'fixtures', 'golden', 'tiny');
const manifest = JSON.parse(readFileSync(join(golden, 'manifest.json'), 'utf8')) as { startDate: string; endDate: string };
const expected = JSON.parse(readFileSync(join(golden, 'expected.json'), 'utf8')) as {
  shops: Array<{
    slug: string;
    totals: Record<string, number>;
    daily: Array<Record<string, number | string>>;
    channels: Record<string, { uv: number; paying_buyers: number }>;
  }>;
};
const want = expected.shops.find((s) => s.slug === 'tiny-tea') as (typeof expected.shops)[number];
const RANGE = { from: manifest.startDate, to: manifest.endDate };

let stores: Stores;
let dispose: () => Promise<void>;
let app: FastifyInstance;
let shop: Shop;
let key = '';

beforeAll(async () => {
  ({ stores, dispose } = await openTempStores());
  const repo = new ShopsRepo(stores.metadata);
  const org = await repo.createOrganization('Datasets');
  shop = await repo.create({ organizationId: org.id, slug: 'tiny-tea', name: 'Tea', currency: 'CNY', timeZone: 'Asia/Shanghai' });
  for (const kind of IMPORT_KINDS) {
    await runImport(stores.warehouse, {
      shop: { id: shop.id, timeZone: shop.time_zone, currency: shop.currency },
      kind,
      path: join(golden, 'tiny-tea', `${kind}-00000.csv`),
    });
  }
  key = (await new ApiKeysRepo(stores.metadata).create({ shopId: shop.id, name: 'r', scopes: ['read'] })).key;
  app = await buildApp({ stores, serveDashboard: false });
});
afterAll(async () => {
  await app.close();
  await dispose();
});

/** Visitors, paid orders and payment amount by hour of the day and by day of the week, counted from the files. */
function whenInTheWeek() {
  type Group = { visitors: Set<string>; orders: number; amount: number };
  const out = { hour: new Map<string, Group>(), weekday: new Map<string, Group>() };
  const groups = (ts: string) => {
    const t = shanghai(ts);
    if (t.day < RANGE.from || t.day > RANGE.to) return [];
    return (['hour', 'weekday'] as const).map((dimension) => {
      const g = out[dimension].get(t[dimension]) ?? { visitors: new Set<string>(), orders: 0, amount: 0 };
      out[dimension].set(t[dimension], g);
      return g;
    });
  };
  for (const e of goldenTeaEvents()) for (const g of groups(e.ts)) g.visitors.add(e.visitor);
  for (const o of goldenTeaPaidOrders())
    for (const g of groups(o.paidAt)) {
      g.orders += 1;
      g.amount += o.paid;
    }
  return out;
}

describe('datasets', () => {
  it('totals over the whole range equal the independent totals', async () => {
    const r = await dataset(stores.warehouse.forShop(shop.id), shop, RANGE, {
      measures: ['uv', 'pv', 'paid_orders', 'paying_buyers', 'gmv', 'conversion_rate'],
      dimensions: [],
    });
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({
      uv: want.totals.uv,
      pv: want.totals.pv,
      paid_orders: want.totals.paid_orders,
      paying_buyers: want.totals.paying_buyers,
      gmv: want.totals.gmv,
    });
    expect(r.rows[0]?.conversion_rate).toBeCloseTo((want.totals.paying_buyers ?? 0) / (want.totals.uv ?? 1), 6);
  });

  it('by day, events and orders joined, equals the independent daily rows', async () => {
    const r = await dataset(stores.warehouse.forShop(shop.id), shop, RANGE, {
      measures: ['uv', 'pv', 'cart_visitors', 'paid_orders', 'gmv'],
      dimensions: ['day'],
      limit: 1000,
    });
    const got = Object.fromEntries(r.rows.map((x) => [x.day, x]));
    for (const d of want.daily) {
      const g = got[d.day as string] ?? { uv: 0, pv: 0, cart_visitors: 0, paid_orders: 0, gmv: 0 };
      expect({ uv: g.uv, pv: g.pv, cart_visitors: g.cart_visitors, paid_orders: g.paid_orders, gmv: g.gmv }, String(d.day)).toEqual({
        uv: d.uv,
        pv: d.pv,
        cart_visitors: d.cart_visitors,
        paid_orders: d.paid_orders,
        gmv: d.gmv,
      });
    }
  });

  it('by channel: visitors and buyers equal the independent channel figures', async () => {
    const r = await dataset(stores.warehouse.forShop(shop.id), shop, RANGE, { measures: ['uv', 'paying_buyers'], dimensions: ['channel'] });
    const got = Object.fromEntries(r.rows.map((x) => [x.channel, { uv: x.uv, paying_buyers: x.paying_buyers }]));
    for (const [channel, figures] of Object.entries(want.channels)) expect(got[channel], channel).toEqual(figures);
  });

  it('by hour of the day and by day of the week: equal to the same figures counted here from the files', async () => {
    const independent = whenInTheWeek();
    for (const dimension of ['hour', 'weekday'] as const) {
      const r = await dataset(stores.warehouse.forShop(shop.id), shop, RANGE, {
        measures: ['uv', 'paid_orders', 'gmv'],
        dimensions: [dimension],
        limit: 100,
      });
      const want = independent[dimension];
      expect(
        r.rows.map((x) => x[dimension]),
        dimension,
      ).toEqual([...want.keys()].sort());
      for (const x of r.rows) {
        const w = want.get(String(x[dimension]));
        expect({ uv: x.uv, paid_orders: x.paid_orders, gmv: x.gmv }, `${dimension} ${x[dimension]}`).toEqual({
          uv: w?.visitors.size,
          paid_orders: w?.orders,
          gmv: Math.round((w?.amount ?? 0) * 100) / 100,
        });
      }
    }
    // Several hours and every day of the week: the comparison above covers more than one group.
    expect(independent.hour.size).toBeGreaterThan(12);
    expect(independent.weekday.size).toBe(7);
  });

  it('by live room: visitors through each room and the orders paid that were placed in it, equal to the files’ own', async () => {
    const want = new Map<string, { visitors: Set<string>; orders: number; amount: number }>();
    const group = (room: string) => want.get(room) ?? want.set(room, { visitors: new Set(), orders: 0, amount: 0 }).get(room);
    const inRange = (ts: string) => shanghai(ts).day >= RANGE.from && shanghai(ts).day <= RANGE.to;
    for (const e of goldenTeaEvents()) if (inRange(e.ts)) group(e.liveRoom)?.visitors.add(e.visitor);
    for (const o of goldenTeaPaidOrders()) {
      if (!inRange(o.paidAt)) continue;
      const g = group(o.liveRoom);
      if (g) {
        g.orders += 1;
        g.amount += o.paid;
      }
    }
    const r = await dataset(stores.warehouse.forShop(shop.id), shop, RANGE, {
      measures: ['uv', 'paid_orders', 'gmv'],
      dimensions: ['live_room'],
    });
    const got = Object.fromEntries(r.rows.map((x) => [x.live_room, { uv: x.uv, paid_orders: x.paid_orders, gmv: x.gmv }]));
    expect(got).toEqual(
      Object.fromEntries(
        [...want].map(([room, g]) => [room, { uv: g.visitors.size, paid_orders: g.orders, gmv: Math.round(g.amount * 100) / 100 }]),
      ),
    );
    // The room and the rest: both groups have visitors and orders.
    expect([...want.keys()].sort()).toEqual(['', 'tiny-tea-live-1']);
    expect(want.get('tiny-tea-live-1')?.orders).toBeGreaterThan(0);
  });

  it('discounts of the paid orders, in all and by month: equal to the files’ own amounts', async () => {
    const r = await dataset(stores.warehouse.forShop(shop.id), shop, RANGE, {
      measures: ['paid_orders', 'discounted_orders', 'discounted_order_rate', 'items_amount', 'discount_amount', 'discount_rate'],
      dimensions: ['month'],
    });
    const byMonth = new Map<string, { paid: number; discounted: number; items: number; discount: number }>();
    for (const o of goldenTeaPaidOrders()) {
      const { day } = shanghai(o.paidAt);
      if (day < RANGE.from || day > RANGE.to) continue;
      const m = byMonth.get(`${day.slice(0, 7)}-01`) ?? { paid: 0, discounted: 0, items: 0, discount: 0 };
      byMonth.set(`${day.slice(0, 7)}-01`, m);
      m.paid += 1;
      m.discounted += o.discount > 0 ? 1 : 0;
      m.items += o.items;
      m.discount += o.discount;
    }
    const cents = (x: number) => Math.round(x * 100) / 100;
    expect(r.rows.map((x) => x.month)).toEqual([...byMonth.keys()].sort());
    for (const x of r.rows) {
      const w = byMonth.get(String(x.month));
      expect([x.paid_orders, x.discounted_orders, x.items_amount, x.discount_amount], String(x.month)).toEqual([
        w?.paid,
        w?.discounted,
        cents(w?.items ?? 0),
        cents(w?.discount ?? 0),
      ]);
      expect(x.discounted_order_rate).toBeCloseTo((w?.discounted ?? 0) / (w?.paid ?? 1), 6);
      expect(x.discount_rate).toBeCloseTo((w?.discount ?? 0) / (w?.items ?? 1), 6);
    }
    // The golden world has discounted orders, in the 11.11 month above all.
    expect([...byMonth.values()].reduce((a, m) => a + m.discounted, 0)).toBeGreaterThan(5);
  });

  it('by category and by product: visitors from the events, goods from the paid orders’ lines — equal to the files’ own', async () => {
    // Counted from the files: visitors with an event about a product of the category (or the
    // product); the lines of the orders paid in the range — orders, buyers (a guest order on its
    // own), units and line amounts.
    type Group = { visitors: Set<string>; orders: Set<string>; buyers: Set<string>; units: number; sales: number };
    const tally = (by: 'category' | 'product') => {
      const groups = new Map<string, Group>();
      const group = (key: string) => {
        const g = groups.get(key) ?? { visitors: new Set(), orders: new Set(), buyers: new Set(), units: 0, sales: 0 };
        groups.set(key, g);
        return g;
      };
      for (const e of goldenTeaEvents()) {
        const { day } = shanghai(e.ts);
        if (day >= RANGE.from && day <= RANGE.to) group(e[by]).visitors.add(e.visitor);
      }
      const paid = new Map(
        goldenTeaPaidOrders()
          .filter((o) => shanghai(o.paidAt).day >= RANGE.from && shanghai(o.paidAt).day <= RANGE.to)
          .map((o) => [o.id, o]),
      );
      for (const l of goldenTeaLines()) {
        const o = paid.get(l.order);
        if (!o) continue;
        const g = group(l[by]);
        g.orders.add(o.id);
        g.buyers.add(o.customer || `guest:${o.id}`);
        g.units += l.quantity;
        g.sales += l.amount;
      }
      return groups;
    };
    const measures = ['uv', 'item_orders', 'item_buyers', 'item_units', 'item_sales', 'item_units_per_order'];
    const cents = (x: number) => Math.round(x * 100) / 100;
    const names = goldenTeaProductNames();
    for (const by of ['category', 'product'] as const) {
      const r = await dataset(stores.warehouse.forShop(shop.id), shop, RANGE, { measures, dimensions: [by] });
      const want = tally(by);
      expect(r.rows.map((x) => x[by]).sort(), by).toEqual([...want.keys()].sort());
      for (const x of r.rows) {
        const w = want.get(String(x[by])) as Group;
        expect([x.uv, x.item_orders, x.item_buyers, x.item_units, x.item_sales], `${by} ${x[by]}`).toEqual([
          w.visitors.size,
          w.orders.size,
          w.buyers.size,
          w.units,
          cents(w.sales),
        ]);
        expect(x.item_units_per_order).toBe(w.orders.size ? Math.round((w.units / w.orders.size) * 1e6) / 1e6 : null);
        if (by === 'product') expect(x.product_name, String(x.product)).toBe(names.get(String(x.product)) ?? '');
      }
      // More than one group sold, and an order with lines in two groups counts under each.
      expect([...want.values()].filter((g) => g.orders.size > 0).length, by).toBeGreaterThan(2);
    }
    expect(
      Object.keys(
        (await dataset(stores.warehouse.forShop(shop.id), shop, RANGE, { measures: ['item_units'], dimensions: ['product'] })).rows[0] ??
          {},
      ),
    ).toEqual(['product', 'product_name', 'item_units']);
  });

  it('by order value band (客单价区间), alone and by day: the files’ paid orders on the CNY ladder, cheapest band first', async () => {
    // The order values' default CNY ladder, written out here: a band holds its lower edge.
    const edges = [50, 100, 150, 200, 300, 500, 1000];
    const labels = ['<50', '50-100', '100-150', '150-200', '200-300', '300-500', '500-1000', '1000+'];
    const bandOf = (paid: number) => labels[edges.filter((e) => Math.round(paid * 100) >= e * 100).length] as string;
    type Group = { orders: number; amount: number; buyers: Set<string>; units: number };
    const byBand = new Map<string, Group>();
    const byDayBand = new Map<string, number>();
    const paid = goldenTeaPaidOrders().filter((o) => shanghai(o.paidAt).day >= RANGE.from && shanghai(o.paidAt).day <= RANGE.to);
    const bandOfOrder = new Map(paid.map((o) => [o.id, bandOf(o.paid)]));
    for (const o of paid) {
      const band = bandOf(o.paid);
      const g = byBand.get(band) ?? { orders: 0, amount: 0, buyers: new Set<string>(), units: 0 };
      byBand.set(band, g);
      g.orders += 1;
      g.amount += o.paid;
      g.buyers.add(o.customer || `guest:${o.id}`);
      const dayBand = `${shanghai(o.paidAt).day}|${band}`;
      byDayBand.set(dayBand, (byDayBand.get(dayBand) ?? 0) + 1);
    }
    for (const l of goldenTeaLines()) {
      const band = bandOfOrder.get(l.order);
      if (band) (byBand.get(band) as Group).units += l.quantity;
    }
    const cents = (x: number) => Math.round(x * 100) / 100;
    const r = await dataset(stores.warehouse.forShop(shop.id), shop, RANGE, {
      measures: ['paid_orders', 'gmv', 'paying_buyers', 'amount_per_order', 'item_units'],
      dimensions: ['order_value'],
    });
    // Cheapest first, as the ladder reads (here it is also how the labels sort; "<50" and "1000+",
    // which are not, are ordered in order-values.test.ts).
    expect(r.rows.map((x) => x.order_value)).toEqual(labels.filter((b) => byBand.has(b)));
    for (const x of r.rows) {
      const w = byBand.get(String(x.order_value)) as Group;
      expect([x.paid_orders, x.gmv, x.paying_buyers, x.item_units], String(x.order_value)).toEqual([
        w.orders,
        cents(w.amount),
        w.buyers.size,
        w.units,
      ]);
      expect(x.amount_per_order).toBeCloseTo(w.amount / w.orders, 2);
    }
    // The golden world's orders fall in several bands (orders on the edges: order-values.test.ts).
    expect(byBand.size).toBeGreaterThan(3);

    const daily = await dataset(stores.warehouse.forShop(shop.id), shop, RANGE, {
      measures: ['paid_orders'],
      dimensions: ['day', 'order_value'],
    });
    expect(new Map(daily.rows.map((x) => [`${x.day}|${x.order_value}`, x.paid_orders]))).toEqual(byDayBand);
    const order = daily.rows.map((x) => `${x.day}|${labels.indexOf(String(x.order_value)).toString().padStart(2, '0')}`);
    expect(order).toEqual([...order].sort());
    // Visitors have no order amount: the builder says so instead of guessing.
    await expect(
      dataset(stores.warehouse.forShop(shop.id), shop, RANGE, { measures: ['uv'], dimensions: ['order_value'] }),
    ).rejects.toThrow(/order_value .*drop uv/);
  });

  it('refuses to split an order’s payment by category, naming the goods measures that can be', async () => {
    await expect(
      dataset(stores.warehouse.forShop(shop.id), shop, RANGE, { measures: ['gmv', 'item_sales'], dimensions: ['category'] }),
    ).rejects.toThrow(
      'category splits events and goods (order-line) measures only: an order holds several, and its payment is one; drop gmv (or the measures made from them) or the dimension.',
    );
    // Not split, the goods add up to the goods amount of the orders (no line discounts in this world).
    const whole = await dataset(stores.warehouse.forShop(shop.id), shop, RANGE, {
      measures: ['items_amount', 'item_sales', 'paid_orders', 'item_orders'],
      dimensions: [],
    });
    expect(whole.rows).toHaveLength(1);
    expect(whole.rows[0]?.item_sales).toBe(whole.rows[0]?.items_amount);
    expect(whole.rows[0]?.item_orders).toBe(whole.rows[0]?.paid_orders);
  });

  it('over HTTP: the catalogue, a CSV, and only catalogue names', async () => {
    const auth = { authorization: `Bearer ${key}` };
    const cat = await app.inject({ method: 'GET', url: '/api/v1/shops/tiny-tea/datasets/catalogue', headers: auth });
    expect(Object.keys(cat.json().measures)).toContain('gmv');
    expect(cat.json().measures.gmv.definition).toBeTruthy();
    // Which dimension splits which measure: a payment is per order, goods per line, a ratio needs both parts split.
    expect(cat.json().sides.measures).toMatchObject({ gmv: ['orders'], item_sales: ['lines'], conversion_rate: ['orders', 'events'] });
    expect(cat.json().sides.dimensions).toMatchObject({
      category: ['events', 'lines'],
      refund_reason: ['orders', 'lines'],
      month: ['events', 'orders', 'lines'],
    });
    const csv = await app.inject({
      method: 'POST',
      url: '/api/v1/shops/tiny-tea/datasets',
      headers: auth,
      payload: { measures: ['gmv'], dimensions: ['month', 'device'], ...RANGE, format: 'csv' },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body.split('\n')[0]).toContain('gmv (CNY)');
    for (const bad of [
      { measures: ['sum(amount)'], dimensions: [] },
      { measures: ['gmv'], dimensions: ['visitor_id'] },
      { measures: ['gmv'], dimensions: [], sql: 'SELECT 1' },
    ]) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/shops/tiny-tea/datasets', headers: auth, payload: bad });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
  });
});
