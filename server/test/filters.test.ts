/**
 * Filters mean "as if the shop had only the matching rows". Shop A holds the golden tiny-tea
 * world; each other shop holds the same files cut down by plain CSV filtering in this test
 * (search-channel rows; mobile_app rows; a live room's visits, orders and their lines; green_tea
 * events, orders with a green_tea line and those lines). Every analysis on A with the filter must equal the same analysis on the cut
 * shop, unfiltered. New vs returning is checked against the CSV directly and as a partition.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMPORT_KINDS, runImport } from '@storelens/etl';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categories } from '../src/analyses/categories.analysis.js';
import { customers } from '../src/analyses/customers.analysis.js';
import type { AnalysisFilters } from '../src/analyses/filters.js';
import { funnel } from '../src/analyses/funnel/funnel.analysis.js';
import { orderValues } from '../src/analyses/order-values.analysis.js';
import { overview } from '../src/analyses/overview.analysis.js';
import { priceBands } from '../src/analyses/price-bands.analysis.js';
import { productDetail } from '../src/analyses/product-detail.analysis.js';
import { products } from '../src/analyses/products.analysis.js';
import { realtime } from '../src/analyses/realtime.analysis.js';
import { repurchase } from '../src/analyses/repurchase.analysis.js';
import { retention } from '../src/analyses/retention.analysis.js';
import { traffic } from '../src/analyses/traffic.analysis.js';
import { buildApp } from '../src/app.js';
import { ApiKeysRepo, type Shop, ShopsRepo } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openTempStores, tempDir } from './temp-stores.js';

const golden = join(import.meta.dirname, '..', '..', 'fixtures', 'golden', 'tiny', 'tiny-tea');
const RANGE = { from: '2026-09-22', to: '2026-11-20' };

/** One CSV line's fields (quotes with commas and doubled quotes, as the generator writes them). */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

interface Table {
  header: string;
  cols: string[];
  rows: Array<{ line: string; get: (column: string) => string }>;
}
function table(kind: string): Table {
  const [header = '', ...lines] = readFileSync(join(golden, `${kind}-00000.csv`), 'utf8')
    .trimEnd()
    .split('\n');
  const cols = header.split(',');
  return {
    header,
    cols,
    rows: lines.map((line) => {
      const f = fields(line);
      return { line, get: (c: string) => f[cols.indexOf(c)] ?? '' };
    }),
  };
}

type Cut = (t: Record<string, Table>) => Record<string, string[]>;
const CUTS: Array<{ name: string; filters: AnalysisFilters; cut: Cut }> = [
  {
    name: 'channel search',
    filters: { channels: ['search'] },
    cut: (t) => {
      const orders = new Set(t.orders?.rows.filter((r) => r.get('channel') === 'search').map((r) => r.get('order_id')));
      return {
        events: t.events?.rows.filter((r) => r.get('channel') === 'search').map((r) => r.line) ?? [],
        orders: t.orders?.rows.filter((r) => orders.has(r.get('order_id'))).map((r) => r.line) ?? [],
        order_items: t.order_items?.rows.filter((r) => orders.has(r.get('order_id'))).map((r) => r.line) ?? [],
      };
    },
  },
  {
    name: 'device mobile_app',
    filters: { devices: ['mobile_app'] },
    cut: (t) => {
      const orders = new Set(t.orders?.rows.filter((r) => r.get('device') === 'mobile_app').map((r) => r.get('order_id')));
      return {
        events: t.events?.rows.filter((r) => r.get('device') === 'mobile_app').map((r) => r.line) ?? [],
        orders: t.orders?.rows.filter((r) => orders.has(r.get('order_id'))).map((r) => r.line) ?? [],
        order_items: t.order_items?.rows.filter((r) => orders.has(r.get('order_id'))).map((r) => r.line) ?? [],
      };
    },
  },
  {
    // A live room's rows: the visits through it, the orders placed in it and their lines.
    name: 'live room tiny-tea-live-1',
    filters: { liveRooms: ['tiny-tea-live-1'] },
    cut: (t) => {
      const orders = new Set(t.orders?.rows.filter((r) => r.get('live_room_id') === 'tiny-tea-live-1').map((r) => r.get('order_id')));
      return {
        events: t.events?.rows.filter((r) => r.get('live_room_id') === 'tiny-tea-live-1').map((r) => r.line) ?? [],
        orders: t.orders?.rows.filter((r) => orders.has(r.get('order_id'))).map((r) => r.line) ?? [],
        order_items: t.order_items?.rows.filter((r) => orders.has(r.get('order_id'))).map((r) => r.line) ?? [],
      };
    },
  },
  {
    name: 'category green_tea',
    filters: { categories: ['green_tea'] },
    cut: (t) => {
      const orders = new Set(t.order_items?.rows.filter((r) => r.get('category') === 'green_tea').map((r) => r.get('order_id')));
      return {
        events: t.events?.rows.filter((r) => r.get('category') === 'green_tea').map((r) => r.line) ?? [],
        orders: t.orders?.rows.filter((r) => orders.has(r.get('order_id'))).map((r) => r.line) ?? [],
        order_items: t.order_items?.rows.filter((r) => r.get('category') === 'green_tea').map((r) => r.line) ?? [],
        // The catalogue too: the categories analysis lists only the filtered categories' products.
        products: t.products?.rows.filter((r) => r.get('category') === 'green_tea').map((r) => r.line) ?? [],
      };
    },
  },
];

let stores: Stores;
let dispose: () => Promise<void>;
let full: Shop;
const cutShops = new Map<string, Shop>();
let app: FastifyInstance;
let key = '';

async function load(repo: ShopsRepo, orgId: number, slug: string, files: Record<string, string>): Promise<Shop> {
  const shop = await repo.create({ organizationId: orgId, slug, name: slug, currency: 'CNY', timeZone: 'Asia/Shanghai' });
  for (const kind of IMPORT_KINDS) {
    const path = files[kind];
    if (!path) continue;
    const r = await runImport(stores.warehouse, { shop: { id: shop.id, timeZone: shop.time_zone, currency: shop.currency }, kind, path });
    if (r.rowsRejected > 0) throw new Error(`${slug} ${kind}: ${r.rowsRejected} rejected`);
  }
  return shop;
}

beforeAll(async () => {
  ({ stores, dispose } = await openTempStores());
  const repo = new ShopsRepo(stores.metadata);
  const org = await repo.createOrganization('Filters');
  const all = Object.fromEntries(IMPORT_KINDS.map((k) => [k, join(golden, `${k}-00000.csv`)]));
  full = await load(repo, org.id, 'full', all);
  const tables = Object.fromEntries(['events', 'orders', 'order_items', 'products'].map((k) => [k, table(k)]));
  for (const c of CUTS) {
    const dir = tempDir('cut-');
    const files: Record<string, string> = { products: all.products as string, customers: all.customers as string };
    for (const [kind, lines] of Object.entries(c.cut(tables))) {
      files[kind] = join(dir, `${kind}.csv`);
      writeFileSync(files[kind], `${[tables[kind]?.header, ...lines].join('\n')}\n`);
    }
    cutShops.set(c.name, await load(repo, org.id, c.name.replace(/[^a-z0-9]+/g, '-'), files));
  }
  key = (await new ApiKeysRepo(stores.metadata).create({ shopId: full.id, name: 'r', scopes: ['read'] })).key;
  app = await buildApp({ stores, serveDashboard: false });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await dispose();
});

/** The result without the fields that name the shop or echo the filters. */
function comparable(result: object): unknown {
  const { shop: _s, filters: _f, ...rest } = result as Record<string, unknown>;
  return rest;
}

const ANALYSES: Array<[string, (shop: Shop, f: AnalysisFilters) => Promise<object>]> = [
  ['overview', (s, f) => overview(stores.warehouse.forShop(s.id), s, RANGE, f)],
  ['traffic by channel', (s, f) => traffic(stores.warehouse.forShop(s.id), s, RANGE, 'channel', f)],
  ['traffic by source', (s, f) => traffic(stores.warehouse.forShop(s.id), s, RANGE, 'source', f)],
  ['real time', (s, f) => realtime(stores.warehouse.forShop(s.id), s, new Date('2026-11-20T07:00:00Z'), f)],
  ['products', (s, f) => products(stores.warehouse.forShop(s.id), s, RANGE, { limit: 1000 }, f)],
  // P00001: a green-tea product viewed from search on mobile_app, so it exists in every cut shop.
  ['one product', (s, f) => productDetail(stores.warehouse.forShop(s.id), s, 'P00001', RANGE, 50, f)],
  ['repurchase', (s, f) => repurchase(stores.warehouse.forShop(s.id), s, RANGE, 1000, f)],
  ['categories', (s, f) => categories(stores.warehouse.forShop(s.id), s, RANGE, f)],
  ['price bands', (s, f) => priceBands(stores.warehouse.forShop(s.id), s, RANGE, f)],
  ['order values', (s, f) => orderValues(stores.warehouse.forShop(s.id), s, RANGE, { thresholds: [159, 199] }, f)],
  ['customers', (s, f) => customers(stores.warehouse.forShop(s.id), s, RANGE, f)],
  ['retention by week', (s, f) => retention(stores.warehouse.forShop(s.id), s, RANGE, { period: 'week', segmentBy: 'first_category' }, f)],
  [
    'retention of visits',
    (s, f) => retention(stores.warehouse.forShop(s.id), s, RANGE, { cohort: 'first_visit', returnEvent: 'visit', period: 'week' }, f),
  ],
  [
    'funnel',
    (s, f) =>
      funnel(
        stores.warehouse.forShop(s.id),
        s,
        RANGE,
        { steps: [{ event: 'product_view' }, { event: 'add_to_cart' }, { event: 'order_paid' }], breakdown: { property: 'channel' } },
        f,
      ),
  ],
];

describe.each(CUTS)('filter $name equals the shop cut down to those rows', ({ name, filters }) => {
  it.each(ANALYSES.map(([analysis, run]) => ({ analysis, run })))('$analysis', async ({ run }) => {
    const cut = cutShops.get(name) as Shop;
    const filtered = await run(full, filters);
    const unfiltered = await run(full, {});
    expect(comparable(filtered)).toEqual(comparable(await run(cut, {})));
    // And the filter does something: the filtered answer differs from the whole shop's.
    expect(comparable(filtered)).not.toEqual(comparable(unfiltered));
  });
});

describe('new vs returning', () => {
  const from = '2026-10-20';
  const to = '2026-11-20';
  it('splits visitors and paid orders into two parts that add up, and returning visitors match the files', async () => {
    const scope = stores.warehouse.forShop(full.id);
    const [all, fresh, back] = await Promise.all(
      (['all', 'new', 'returning'] as const).map((customer) => overview(scope, full, { from, to }, { customer })),
    );
    for (const metric of ['uv', 'pv', 'paid_orders', 'gmv'] as const) {
      expect((fresh?.totals[metric] ?? 0) + (back?.totals[metric] ?? 0), metric).toBeCloseTo(all?.totals[metric] ?? 0, 2);
    }
    // Independently: visitors active in the period who had an event in the 360 days before it.
    const shanghai = (ts: string) => new Date(Date.parse(ts) + 8 * 3_600_000).toISOString().slice(0, 10);
    const events = table('events').rows.map((r) => ({ visitor: r.get('visitor_id'), day: shanghai(r.get('ts')) }));
    const before = new Set(events.filter((e) => e.day < from && e.day >= '2025-10-25').map((e) => e.visitor));
    const during = new Set(events.filter((e) => e.day >= from && e.day <= to).map((e) => e.visitor));
    const returning = [...during].filter((v) => before.has(v)).length;
    expect(back?.totals.uv).toBe(returning);
    expect(fresh?.totals.uv).toBe(during.size - returning);
    expect(returning).toBeGreaterThan(0);
  });
});

describe('filters and comparison over HTTP', () => {
  it('every analysis route takes the filters and a comparison period', async () => {
    const auth = { authorization: `Bearer ${key}` };
    const q = `from=2026-11-01&to=2026-11-20&channel=search&device=mobile_app&customer=returning`;
    for (const path of ['overview', 'traffic', 'products', 'order-values', 'repurchase', 'customers', 'retention']) {
      const res = await app.inject({ method: 'GET', url: `/api/v1/shops/full/analyses/${path}?${q}&compare=previous`, headers: auth });
      expect(res.statusCode, `${path}: ${res.body.slice(0, 200)}`).toBe(200);
      const body = res.json() as { filters: AnalysisFilters; comparison?: { from: string; to: string } };
      expect(body.filters, path).toEqual({ channels: ['search'], devices: ['mobile_app'], customer: 'returning' });
      expect(body.comparison, path).toMatchObject({ from: '2026-10-12', to: '2026-10-31' });
    }
    const bad = await app.inject({ method: 'GET', url: '/api/v1/shops/full/analyses/traffic?customer=sometimes', headers: auth });
    expect(bad.statusCode).toBe(400);
    const funnelRes = await app.inject({
      method: 'POST',
      url: '/api/v1/shops/full/analyses/funnel',
      headers: auth,
      payload: {
        from: '2026-11-01',
        to: '2026-11-20',
        steps: [{ event: 'product_view' }, { event: 'order_paid' }],
        channel: ['search'],
        compare: 'previous',
      },
    });
    expect(funnelRes.statusCode, funnelRes.body.slice(0, 200)).toBe(200);
    expect(funnelRes.json()).toMatchObject({ filters: { channels: ['search'] }, comparison: { from: '2026-10-12', to: '2026-10-31' } });
  });
});
