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

/**
 * Visitors, paid orders and payment amount by hour of the day and by day of the week (1 = Monday),
 * counted straight from the golden files: the shop is in Asia/Shanghai, UTC+8 all year; an event
 * by its time, an order (its latest version, as compute_expected.py takes it) by its payment.
 */
function whenInTheWeek() {
  const lines = (kind: string) =>
    readFileSync(join(golden, 'tiny-tea', `${kind}-00000.csv`), 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(','));
  const local = (ts: string) => {
    const t = new Date(Date.parse(ts) + 8 * 3_600_000);
    const day = t.toISOString().slice(0, 10);
    return { day, hour: String(t.getUTCHours()).padStart(2, '0'), weekday: String(t.getUTCDay() || 7) };
  };
  type Group = { visitors: Set<string>; orders: number; amount: number };
  const out = { hour: new Map<string, Group>(), weekday: new Map<string, Group>() };
  const group = (dimension: 'hour' | 'weekday', key: string) => {
    const g = out[dimension].get(key) ?? { visitors: new Set<string>(), orders: 0, amount: 0 };
    out[dimension].set(key, g);
    return g;
  };
  const inRange = (day: string) => day >= RANGE.from && day <= RANGE.to;
  // events: event_id, ts, event, visitor_id, … (the quoted properties come later in the line)
  const seen = new Set<string>();
  for (const [id, ts, , visitor] of lines('events').slice(1)) {
    if (!id || !ts || !visitor || seen.has(id)) continue;
    seen.add(id);
    const t = local(ts);
    if (!inRange(t.day)) continue;
    group('hour', t.hour).visitors.add(visitor);
    group('weekday', t.weekday).visitors.add(visitor);
  }
  const [header, ...rows] = lines('orders');
  const col = (name: string) => (header ?? []).indexOf(name);
  const latest = new Map<string, string[]>();
  for (const r of rows) {
    const id = r[col('order_id')] ?? '';
    const before = latest.get(id);
    if (!before || (r[col('updated_at')] ?? '') >= (before[col('updated_at')] ?? '')) latest.set(id, r);
  }
  for (const r of latest.values()) {
    const paid = r[col('paid_at')];
    if (!paid) continue;
    const t = local(paid);
    if (!inRange(t.day)) continue;
    for (const [dimension, key] of [
      ['hour', t.hour],
      ['weekday', t.weekday],
    ] as const) {
      const g = group(dimension, key);
      g.orders += 1;
      g.amount += Number(r[col('paid_amount')]);
    }
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

  it('over HTTP: the catalogue, a CSV, and only catalogue names', async () => {
    const auth = { authorization: `Bearer ${key}` };
    const cat = await app.inject({ method: 'GET', url: '/api/v1/shops/tiny-tea/datasets/catalogue', headers: auth });
    expect(Object.keys(cat.json().measures)).toContain('gmv');
    expect(cat.json().measures.gmv.definition).toBeTruthy();
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
