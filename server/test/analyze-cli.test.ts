/**
 * `storelens analyze ...` gives the API's results: every analysis is run through the command line
 * (in-process, the way main.ts runs it) on the golden tiny world, then through the API on the same
 * store, and the CLI's JSON must hold everything the API answered. The table and CSV outputs are
 * checked for their rows.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IMPORT_KINDS, runImport } from '@storelens/etl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { ApiKeysRepo, ShopsRepo, TargetsRepo } from '../src/metadata/index.js';
import { openStores } from '../src/store/open-stores.js';
import { runCli } from './run-cli.js';

const golden = join(import.meta.dirname, '..', '..', 'fixtures', 'golden', 'tiny');
const manifest = JSON.parse(readFileSync(join(golden, 'manifest.json'), 'utf8')) as {
  endDate: string;
  shops: Array<{ slug: string; name: string; currency: string; timeZone: string }>;
};
const shopSpec = manifest.shops[0] as (typeof manifest.shops)[number];
const dataDir = mkdtempSync(join(tmpdir(), 'storelens-cli-'));
const env = { STORELENS_DATA_DIR: dataDir };
const from = '2026-10-22';
const to = manifest.endDate;
const at = `${to}T08:30:00Z`;

const cli = (...args: string[]) => runCli(dataDir, ...args);

// Each analysis: its CLI arguments and the API query that asks the same.
const slug = shopSpec.slug;
const cases: Array<{ name: string; args: string[]; api: string }> = [
  { name: 'overview', args: ['overview', '--from', from, '--to', to, '--compare'], api: `overview?from=${from}&to=${to}` },
  // Days given win over compare=none, on the API as in the CLI.
  {
    name: 'overview, compared with chosen days',
    args: ['overview', '--from', from, '--to', to, '--compare-from', '2026-10-01', '--compare-to', '2026-10-21'],
    api: `overview?from=${from}&to=${to}&compare=none&compare_from=2026-10-01&compare_to=2026-10-21`,
  },
  {
    name: 'overview, against the same days a year before',
    args: ['overview', '--from', from, '--to', to, '--compare-year'],
    api: `overview?from=${from}&to=${to}&compare=year`,
  },
  {
    name: 'overview, filtered',
    args: ['overview', '--from', from, '--to', to, '--channel', 'search,ads'],
    api: `overview?from=${from}&to=${to}&channel=search&channel=ads&compare=none`,
  },
  { name: 'traffic', args: ['traffic', '--from', from, '--to', to, '--by', 'source'], api: `traffic?from=${from}&to=${to}&by=source` },
  // One live room's overview: the visits through it and the orders placed in it.
  {
    name: 'overview of a live room',
    args: ['overview', '--from', from, '--to', to, '--live-room', `${shopSpec.slug}-live-1`],
    api: `overview?from=${from}&to=${to}&live_room=${shopSpec.slug}-live-1&compare=none`,
  },
  { name: 'realtime', args: ['realtime', '--at', at], api: `realtime?at=${at}` },
  { name: 'product', args: ['product', '--product', 'P00001', '--from', from, '--to', to], api: `products/P00001?from=${from}&to=${to}` },
  {
    name: 'products',
    args: ['products', '--from', from, '--to', to, '--sort', 'buyers', '--limit', '5'],
    api: `products?from=${from}&to=${to}&sort=buyers&limit=5`,
  },
  { name: 'repurchase', args: ['repurchase', '--from', '2026-09-22', '--to', to], api: `repurchase?from=2026-09-22&to=${to}` },
  { name: 'customers', args: ['customers', '--from', '2026-09-22', '--to', to], api: `customers?from=2026-09-22&to=${to}` },
  {
    name: 'customer-list',
    args: ['customer-list', '--to', to, '--segment', 'hibernating', '--limit', '3'],
    api: `customer-list?to=${to}&segment=hibernating&limit=3`,
  },
  {
    name: 'customer-list, from a segment',
    args: ['customer-list', '--from', '2026-10-22', '--to', to, '--segment', 'hibernating', '--from-segment', 'potential'],
    api: `customer-list?from=2026-10-22&to=${to}&segment=hibernating&from_segment=potential`,
  },
  {
    name: 'customer-list, moved out of a segment',
    args: ['customer-list', '--from', '2026-10-22', '--to', to, '--segment', 'potential', '--move', 'out'],
    api: `customer-list?from=2026-10-22&to=${to}&segment=potential&move=out`,
  },
  { name: 'customer', args: ['customer', '--customer', 'c4', '--to', to], api: `customers/c4?to=${to}` },
  {
    name: 'product-buyers, one segment',
    args: ['product-buyers', '--product', 'P00001', '--from', '2026-09-22', '--to', to, '--segment', 'lost'],
    api: `products/P00001/buyers?from=2026-09-22&to=${to}&segment=lost`,
  },
  {
    name: 'product-buyers',
    args: ['product-buyers', '--product', 'P00001', '--from', '2026-09-22', '--to', to, '--limit', '5'],
    api: `products/P00001/buyers?from=2026-09-22&to=${to}&limit=5`,
  },
  {
    name: 'search-terms',
    args: ['search-terms', '--from', from, '--to', to, '--limit', '5', '--sort', 'search_conversion'],
    api: `search-terms?from=${from}&to=${to}&limit=5&sort=search_conversion`,
  },
  {
    name: 'paths',
    args: ['paths', '--from', from, '--to', to, '--depth', '3', '--top', '6', '--show', 'exits'],
    api: `paths?from=${from}&to=${to}&depth=3&top=6`,
  },
  {
    name: 'campaign-review',
    args: [
      'campaign-review',
      '--from',
      '2026-10-24',
      '--to',
      '2026-10-25',
      '--usual-from',
      '2026-10-01',
      '--after-days',
      '5',
      '--channel',
      'search',
    ],
    api: 'campaign-review?from=2026-10-24&to=2026-10-25&usual_from=2026-10-01&after_days=5&channel=search',
  },
  {
    name: 'product-diagnosis',
    args: ['product-diagnosis', '--from', from, '--to', to, '--min-visitors', '5', '--compare-year'],
    api: `product-diagnosis?from=${from}&to=${to}&min_visitors=5&compare=year`,
  },
  {
    name: 'categories',
    args: ['categories', '--from', from, '--to', to, '--compare', '--channel', 'search'],
    api: `categories?from=${from}&to=${to}&compare=previous&channel=search`,
  },
  {
    name: 'price-bands',
    args: ['price-bands', '--from', from, '--to', to, '--compare'],
    api: `price-bands?from=${from}&to=${to}&compare=previous`,
  },
  {
    name: 'order-values',
    args: [
      'order-values',
      '--from',
      from,
      '--to',
      to,
      '--edges',
      '80,160,320',
      '--threshold',
      '159,199',
      '--channel',
      'search',
      '--compare',
    ],
    api: `order-values?from=${from}&to=${to}&edges=80,160,320&threshold=159,199&channel=search&compare=previous`,
  },
  {
    name: 'refunds',
    args: ['refunds', '--from', from, '--to', to, '--by', 'product', '--limit', '5', '--compare'],
    api: `refunds?from=${from}&to=${to}&limit=5&compare=previous`,
  },
  {
    name: 'refund-customers',
    args: ['refund-customers', '--from', from, '--to', to, '--limit', '5'],
    api: `refund-customers?from=${from}&to=${to}&limit=5`,
  },
  {
    name: 'segment-movement',
    args: ['segment-movement', '--from', '2026-10-01', '--to', to, '--channel', 'search'],
    api: `segment-movement?from=2026-10-01&to=${to}&channel=search`,
  },
  // A comparison period as the API takes it; ranked analyses compare the same rows.
  {
    name: 'products, compared',
    args: ['products', '--from', '2026-11-14', '--to', to, '--limit', '5', '--compare'],
    api: `products?from=2026-11-14&to=${to}&limit=5&compare=previous`,
  },
  {
    name: 'search terms, compared with chosen days',
    args: [
      'search-terms',
      '--from',
      '2026-11-14',
      '--to',
      to,
      '--limit',
      '5',
      '--compare-from',
      '2026-10-01',
      '--compare-to',
      '2026-10-31',
    ],
    api: `search-terms?from=2026-11-14&to=${to}&limit=5&compare_from=2026-10-01&compare_to=2026-10-31`,
  },
  {
    name: 'paths, compared',
    args: ['paths', '--from', '2026-11-14', '--to', to, '--top', '3', '--compare'],
    api: `paths?from=2026-11-14&to=${to}&top=3&compare=previous`,
  },
  {
    name: 'traffic, compared',
    args: ['traffic', '--from', from, '--to', to, '--compare'],
    api: `traffic?from=${from}&to=${to}&compare=previous`,
  },
  {
    name: 'retention',
    args: ['retention', '--from', '2026-09-22', '--to', to, '--cohort', 'first_visit', '--return', 'visit', '--period', 'week'],
    api: `retention?from=2026-09-22&to=${to}&cohort=first_visit&return=visit&period=week`,
  },
];
const cliJson = new Map<string, unknown>();
const cliCsv = new Map<string, string>();

beforeAll(async () => {
  const stores = await openStores(loadConfig(env), { command: 'test' });
  try {
    const repo = new ShopsRepo(stores.metadata);
    // The tiny world's first shop in one organization, its second in another (for `analyze shops --org`).
    for (const [i, spec] of manifest.shops.entries()) {
      const org = await repo.createOrganization(i === 0 ? 'CLI' : 'Other');
      const shop = await repo.create({
        organizationId: org.id,
        slug: spec.slug,
        name: spec.name,
        currency: spec.currency,
        timeZone: spec.timeZone,
      });
      for (const kind of IMPORT_KINDS) {
        await runImport(stores.warehouse, {
          shop: { id: shop.id, timeZone: shop.time_zone, currency: shop.currency },
          kind,
          path: join(golden, spec.slug, `${kind}-00000.csv`),
        });
      }
    }
    // October's targets of the first shop, for `analyze targets`.
    const first = await repo.getBySlug(shopSpec.slug);
    await new TargetsRepo(stores.metadata).set(first.id, '2026-10', { gmv: 5000, paid_orders: 40 });
  } finally {
    await stores.close();
  }
  cliJson.set('targets', JSON.parse(await cli('analyze', 'targets', '--month', '2026-10', '--shop', slug, '--json')));
  cliCsv.set('targets', await cli('analyze', 'targets', '--month', '2026-10', '--shop', slug, '--csv'));
  // The CLI opens the store itself, so it runs while no other process or test holds it.
  const funnelArgs = ['funnel', '--from', from, '--to', to, '--steps', 'product_view,add_to_cart,order_paid', '--window', '2d'];
  cliJson.set('funnel', JSON.parse(await cli('analyze', ...funnelArgs, '--shop', slug, '--json')));
  cliJson.set('shops', JSON.parse(await cli('analyze', 'shops', '--from', from, '--to', to, '--json')));
  cliJson.set('shops of one organization', JSON.parse(await cli('analyze', 'shops', '--from', from, '--to', to, '--org', 'CLI', '--json')));
  cliCsv.set('shops', await cli('analyze', 'shops', '--from', from, '--to', to, '--csv'));
  cliJson.set('shops, one channel', JSON.parse(await cli('analyze', 'shops', '--from', from, '--to', to, '--channel', 'search', '--json')));
  const datasetArgs = [
    'dataset',
    '--from',
    from,
    '--to',
    to,
    '--measures',
    'uv,item_sales',
    '--dimensions',
    'category',
    '--channel',
    'search',
  ];
  cliJson.set('dataset', JSON.parse(await cli('analyze', ...datasetArgs, '--shop', slug, '--json')));
  // An audience: repeated --where conditions, written as on a command line.
  const audienceArgs = ['audience', '--from', from, '--to', to, '--where', 'orders_ever>=2', '--where', 'segment not_in lost,hibernating'];
  cliJson.set('audience', JSON.parse(await cli('analyze', ...audienceArgs, '--shop', slug, '--json')));
  cliCsv.set('audience', await cli('analyze', ...audienceArgs, '--shop', slug, '--csv'));
  cliJson.set('diagnose', JSON.parse(await cli('diagnose', '--shop', slug, '--date', '2026-11-11', '--json')));
  cliCsv.set('diagnose', await cli('diagnose', '--shop', slug, '--date', '2026-11-11', '--moved-by', 'category'));
  cliCsv.set('dataset', await cli('analyze', ...datasetArgs, '--shop', slug, '--csv'));
  for (const c of cases) {
    cliJson.set(c.name, JSON.parse(await cli('analyze', ...c.args, '--shop', slug, '--json')));
    cliCsv.set(c.name, await cli('analyze', ...c.args, '--shop', slug, '--csv'));
  }
  // About 60 CLI processes, one after another: ~55 s alone on two cores, and past 120 s once when two
  // whole test runs shared the machine. A limit for a stuck process, not a speed check.
}, 300_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('storelens analyze', () => {
  it('gives what the API gives, for every analysis', async () => {
    const stores = await openStores(loadConfig(env), { command: 'test' });
    const app = await buildApp({ stores, serveDashboard: false });
    try {
      const shop = await new ShopsRepo(stores.metadata).getBySlug(slug);
      const { key } = await new ApiKeysRepo(stores.metadata).create({ shopId: shop.id, name: 'r', scopes: ['read'] });
      const funnel = await app.inject({
        method: 'POST',
        url: `/api/v1/shops/${slug}/analyses/funnel`,
        headers: { authorization: `Bearer ${key}` },
        payload: { from, to, steps: [{ event: 'product_view' }, { event: 'add_to_cart' }, { event: 'order_paid' }], window: '2d' },
      });
      expect(funnel.statusCode, funnel.body).toBe(200);
      expect(cliJson.get('funnel')).toMatchObject(funnel.json());
      const table = await app.inject({
        method: 'POST',
        url: `/api/v1/shops/${slug}/datasets`,
        headers: { authorization: `Bearer ${key}` },
        payload: { from, to, measures: ['uv', 'item_sales'], dimensions: ['category'], channel: ['search'] },
      });
      expect(table.statusCode, table.body).toBe(200);
      expect(cliJson.get('dataset')).toEqual(table.json());
      const audience = await app.inject({
        method: 'POST',
        url: `/api/v1/shops/${slug}/analyses/audience`,
        headers: { authorization: `Bearer ${key}` },
        payload: {
          from,
          to,
          conditions: [
            { field: 'orders_ever', operator: 'gte', value: 2 },
            { field: 'segment', operator: 'not_in', value: ['lost', 'hibernating'] },
          ],
        },
      });
      expect(audience.statusCode, audience.body).toBe(200);
      expect(audience.json().customers).toBeGreaterThan(0);
      expect(cliJson.get('audience')).toEqual(audience.json());
      const audienceCsv = (cliCsv.get('audience') as string).trim().split('\n');
      expect(audienceCsv[0]?.split(',').slice(0, 3)).toEqual(['customer_id', 'segment', 'orders']);
      expect(audienceCsv).toHaveLength(1 + Math.min(100, audience.json().customers));
      const targets = await app.inject({
        method: 'GET',
        url: `/api/v1/shops/${slug}/targets?month=2026-10`,
        headers: { authorization: `Bearer ${key}` },
      });
      expect(targets.statusCode, targets.body).toBe(200);
      expect(targets.json().targets).toHaveLength(2);
      expect(cliJson.get('targets')).toEqual(targets.json());
      const targetsCsv = (cliCsv.get('targets') as string).trim().split('\n');
      expect(targetsCsv[0]).toBe('metric,target,actual,share,pace,projected,needed_per_day');
      expect(targetsCsv.map((l) => l.split(',')[0])).toEqual(['metric', 'gmv', 'paid_orders']);
      const csv = (cliCsv.get('dataset') as string).trim().split('\n');
      expect(csv[0]).toBe('category,uv,item_sales');
      expect(csv).toHaveLength(1 + table.json().rows.length);
      for (const c of cases) {
        const res = await app.inject({
          method: 'GET',
          url: `/api/v1/shops/${slug}/analyses/${c.api}`,
          headers: { authorization: `Bearer ${key}` },
        });
        expect(res.statusCode, `${c.name}: ${res.body}`).toBe(200);
        expect(cliJson.get(c.name), c.name).toMatchObject(res.json());
        // Compared where asked (the overview compares by default), on the same days as the API.
        const comparison = (cliJson.get(c.name) as { comparison?: { from: string } }).comparison;
        expect(comparison?.from, c.name).toBe(res.json().comparison?.from);
      }
    } finally {
      await app.close();
      await stores.close();
    }
  });

  it('diagnoses a day as the API does, and prints where the payment amount moved by category', async () => {
    const stores = await openStores(loadConfig(env), { command: 'test' });
    const app = await buildApp({ stores, serveDashboard: false });
    try {
      const shop = await new ShopsRepo(stores.metadata).getBySlug(slug);
      const { key } = await new ApiKeysRepo(stores.metadata).create({ shopId: shop.id, name: 'd', scopes: ['read'] });
      const res = await app.inject({
        method: 'GET',
        url: `/api/v1/shops/${slug}/diagnostics?date=2026-11-11`,
        headers: { authorization: `Bearer ${key}` },
      });
      expect(res.statusCode, res.body).toBe(200);
      const api = res.json() as { byCategory: Array<{ segment: string; change: number }>; summary: { en: string } };
      expect(cliJson.get('diagnose')).toEqual(api);
      // The terminal: the summary, then a line per category with its change, in the API's order.
      const text = cliCsv.get('diagnose') as string;
      expect(text).toContain(api.summary.en);
      expect(api.byCategory.length).toBeGreaterThan(2);
      const lines = text.split('\n');
      const start = lines.findIndex((l) => l.startsWith('where it moved, by category, against '));
      expect(start).toBeGreaterThan(0);
      const rows = lines.slice(start + 3, start + 3 + api.byCategory.length).map((l) => l.trim().split(/\s+/));
      expect(rows.map((r) => [r[0], Number(r[3])])).toEqual(api.byCategory.map((s) => [s.segment, s.change]));
    } finally {
      await app.close();
      await stores.close();
    }
  });

  it('puts every shop side by side, each its own overview against the period before, as the API answers it', async () => {
    const stores = await openStores(loadConfig(env), { command: 'test' });
    const app = await buildApp({ stores, serveDashboard: false });
    try {
      const all = (
        cliJson.get('shops') as { rows: Array<{ shop: string; from: string; totals: object; changes: object; diagnosis: object | null }> }
      ).rows;
      expect(all.map((r) => r.shop).sort()).toEqual(manifest.shops.map((s) => s.slug).sort());
      for (const row of all) {
        const shop = await new ShopsRepo(stores.metadata).getBySlug(row.shop);
        const { key } = await new ApiKeysRepo(stores.metadata).create({ shopId: shop.id, name: 'r', scopes: ['read'] });
        const res = await app.inject({
          method: 'GET',
          url: `/api/v1/shops/${row.shop}/analyses/overview?from=${from}&to=${to}&compare=previous`,
          headers: { authorization: `Bearer ${key}` },
        });
        expect(res.statusCode, res.body).toBe(200);
        const overview = res.json();
        expect(row.from, row.shop).toBe(overview.from);
        for (const figure of ['gmv', 'uv', 'paying_buyers', 'conversion_rate', 'aov']) {
          expect((row.totals as Record<string, unknown>)[figure], `${row.shop} ${figure}`).toBe(overview.totals[figure]);
          expect((row.changes as Record<string, unknown>)[figure], `${row.shop} ${figure}`).toEqual(overview.comparison.changes[figure]);
        }
        // And the shop's own diagnosis of the range's last day, in brief.
        const diagnosis = await app.inject({
          method: 'GET',
          url: `/api/v1/shops/${row.shop}/diagnostics?date=${to}`,
          headers: { authorization: `Bearer ${key}` },
        });
        expect(diagnosis.statusCode, diagnosis.body).toBe(200);
        expect(row.diagnosis, row.shop).toMatchObject({
          date: to,
          summary: diagnosis.json().summary,
          enoughData: diagnosis.json().enoughData,
        });
      }
      // The filters apply to every shop: each row is that shop's overview of search alone.
      for (const row of (cliJson.get('shops, one channel') as { rows: Array<{ shop: string; totals: { uv: number } }> }).rows) {
        const shop = await new ShopsRepo(stores.metadata).getBySlug(row.shop);
        const { key } = await new ApiKeysRepo(stores.metadata).create({ shopId: shop.id, name: 'r', scopes: ['read'] });
        const res = await app.inject({
          method: 'GET',
          url: `/api/v1/shops/${row.shop}/analyses/overview?from=${from}&to=${to}&channel=search&compare=none`,
          headers: { authorization: `Bearer ${key}` },
        });
        expect(row.totals.uv, row.shop).toBe(res.json().totals.uv);
        const everyChannel = all.find((r) => r.shop === row.shop)?.totals as { uv: number } | undefined;
        expect(row.totals.uv, row.shop).toBeLessThan(everyChannel?.uv ?? 0);
      }
      // One organization's shops only; a CSV row per shop with each figure's change beside it.
      expect((cliJson.get('shops of one organization') as { rows: Array<{ shop: string }> }).rows.map((r) => r.shop)).toEqual([slug]);
      const csv = (cliCsv.get('shops') as string).trim().split('\n');
      expect(csv[0]).toBe(
        'shop,name,currency,time_zone,from,to,gmv,gmv_change,uv,uv_change,paying_buyers,paying_buyers_change,conversion_rate,conversion_rate_change,aov,aov_change,diagnosis_severity,diagnosis_en,diagnosis_zh,target_share,target_pace,refused',
      );
      expect(csv).toHaveLength(1 + manifest.shops.length);
    } finally {
      await app.close();
      await stores.close();
    }
  });

  it('prints rows as CSV: a header and one line per row of the result', () => {
    const overview = cliJson.get('overview') as { daily: unknown[] };
    const csv = (cliCsv.get('overview') as string).trim().split('\n');
    expect(csv[0]?.split(',').slice(0, 3)).toEqual(['day', 'uv', 'pv']);
    // Every figure, the coupons too, not only the terminal table's.
    expect(csv[0]?.split(',')).toEqual(['day', ...Object.keys((cliJson.get('overview') as { totals: object }).totals)]);
    expect(csv[0]).toContain('discount_rate');
    expect(csv).toHaveLength(1 + overview.daily.length + 1); // header, the days, the total
    expect(csv.at(-1)?.startsWith('total,')).toBe(true);
    const products = cliJson.get('products') as { rows: unknown[] };
    expect((cliCsv.get('products') as string).trim().split('\n')).toHaveLength(1 + products.rows.length);
    const paths = cliJson.get('paths') as { exits: unknown[] };
    const pathCsv = (cliCsv.get('paths') as string).trim().split('\n');
    expect(pathCsv[0]).toBe('step,sessions_through,exits,exit_rate');
    expect(pathCsv).toHaveLength(1 + paths.exits.length);
  });

  it('refuses a bad flag value with a message naming the allowed ones', async () => {
    await expect(cli('analyze', 'paths', '--shop', slug, '--depth', '9')).rejects.toThrow('--depth 9 must be a whole number from 2 to 8');
    await expect(cli('analyze', 'repurchase', '--shop', slug, '--by', 'weekday')).rejects.toThrow(
      '--by weekday is not one of cohorts, intervals, channel, live_room, category, product, refund, discount',
    );
    await expect(cli('analyze', 'products', '--shop', slug, '--compare-from', 'last week')).rejects.toThrow(
      '--compare-from last week is not a date YYYY-MM-DD',
    );
    await expect(cli('analyze', 'customer-list', '--shop', slug, '--move', 'out')).rejects.toThrow('Moved out of which segment?');
    await expect(cli('analyze', 'shops', '--org', 'Nobody')).rejects.toThrow('No organization "Nobody"');
    await expect(cli('analyze', 'shops', '--days', 'week')).rejects.toThrow('--days must be a whole number of days, got "week"');
    await expect(cli('analyze', 'shops', '--days', '7', '--from', '2026-01-01')).rejects.toThrow('Give either days');
    await expect(cli('analyze', 'customer-list', '--shop', slug, '--segment', 'lost', '--move', 'up')).rejects.toThrow(
      '--move up is not one of in, out, stayed',
    );
    await expect(cli('analyze', 'audience', '--shop', slug, '--where', 'spend_ever>=lots')).rejects.toThrow(
      'spend_ever needs a number of 0 or more, not "lots"',
    );
    await expect(cli('analyze', 'audience', '--shop', slug, '--where', 'segment is lost')).rejects.toThrow(
      'Cannot read the condition "segment is lost"',
    );
  });
});
