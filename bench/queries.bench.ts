/**
 * Latency of every analysis for the largest and the median shop of a generated world: through
 * the HTTP API (Fastify inject: auth, validation, serialization) and by calling the analysis
 * directly (warehouse client + engine), alternating, medians of 5 runs after a warm-up (15 for
 * answers under 150 ms); the API's overhead is the median of the paired differences.
 *   pnpm bench queries [world folder]   (default: generate a 3-shop demo-size world first)
 * For the figures use the bench world:
 *   pnpm storelens fixtures generate --size bench --format parquet --out /tmp/bench-world
 *   pnpm bench queries /tmp/bench-world
 * Only some analyses (cases whose name contains any of the comma-separated words):
 *   pnpm bench queries /tmp/bench-world refunds,funnel
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '@storelens/fixtures';
import { audience } from '../server/src/analyses/audience/audience.analysis.js';
import type { AudienceCondition } from '../server/src/analyses/audience/audience-spec.js';
import { campaignReview } from '../server/src/analyses/campaign-review.analysis.js';
import { campaignWindows } from '../server/src/analyses/campaign-windows.js';
import { categories } from '../server/src/analyses/categories.analysis.js';
import { customerList } from '../server/src/analyses/customer-list.analysis.js';
import { customerProfile } from '../server/src/analyses/customer-profile.analysis.js';
import { customers } from '../server/src/analyses/customers.analysis.js';
import { dataset } from '../server/src/analyses/datasets/dataset.analysis.js';
import { diagnose } from '../server/src/analyses/diagnostics/diagnostics.analysis.js';
import { filterValues } from '../server/src/analyses/filter-values.js';
import { funnel } from '../server/src/analyses/funnel/funnel.analysis.js';
import { orderValues } from '../server/src/analyses/order-values.analysis.js';
import { overview } from '../server/src/analyses/overview.analysis.js';
import { paths } from '../server/src/analyses/paths.analysis.js';
import { priceBands } from '../server/src/analyses/price-bands.analysis.js';
import { productBuyers } from '../server/src/analyses/product-buyers.analysis.js';
import { productDiagnosis } from '../server/src/analyses/product-diagnosis.analysis.js';
import { products } from '../server/src/analyses/products.analysis.js';
import { realtime } from '../server/src/analyses/realtime.analysis.js';
import { refundCustomers } from '../server/src/analyses/refund-customers.analysis.js';
import { refunds } from '../server/src/analyses/refunds.analysis.js';
import { repurchase } from '../server/src/analyses/repurchase.analysis.js';
import { retention } from '../server/src/analyses/retention.analysis.js';
import { searchTerms } from '../server/src/analyses/search-terms.analysis.js';
import { segmentMovement } from '../server/src/analyses/segment-movement.analysis.js';
import { targetProgress } from '../server/src/analyses/target-progress.js';
import { traffic } from '../server/src/analyses/traffic.analysis.js';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { ApiKeysRepo, type Shop, ShopsRepo, TargetsRepo } from '../server/src/metadata/index.js';
import { openStores } from '../server/src/store/open-stores.js';
import { median } from './median.js';

/** The audiences benchmarked (the Customers page's builder), each given the shop's best seller. */
const AUDIENCES: Array<[string, (product: string) => AudienceCondition[]]> = [
  [
    'regulars gone quiet',
    () => [
      { field: 'orders_ever', operator: 'gte', value: 2 },
      { field: 'days_since_order', operator: 'gte', value: 60 },
    ],
  ],
  [
    'carts not paid (90 days)',
    () => [
      { field: 'cart_adds', operator: 'gte', value: 1 },
      { field: 'orders', operator: 'eq', value: 0 },
    ],
  ],
  [
    'bought the best seller, not champions (90 days)',
    (product) => [
      { field: 'bought_product', operator: 'in', value: [product] },
      { field: 'segment', operator: 'not_in', value: ['champions'] },
    ],
  ],
];

import { loadWorldShop, type ManifestShop, readWorld } from './world.js';

export async function run(args: string[]): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'storelens-bench-queries-'));
  try {
    let world = args[0];
    const only = (args[1] ?? '').split(',').filter((w) => w !== '');
    if (!world) {
      world = join(root, 'world');
      await generate({ size: 'demo', seed: 42, endDate: '2026-11-20', out: world, format: 'parquet', shops: 3 });
    }
    const manifest = readWorld(world);
    const { bySize } = manifest;
    const picks = [
      { label: 'largest', s: bySize[bySize.length - 1] as ManifestShop },
      { label: 'median', s: bySize[Math.floor(bySize.length / 2)] as ManifestShop },
    ];
    const config = loadConfig({ ...process.env, STORELENS_DATA_DIR: join(root, 'data') });
    const stores = await openStores(config, { command: 'bench queries' });
    const repo = new ShopsRepo(stores.metadata);
    const org = await repo.createOrganization('Bench');
    const loaded: Array<{ label: string; shop: Shop; events: number }> = [];
    for (const { label, s } of picks) {
      const t0 = performance.now();
      const shop = await loadWorldShop(stores, repo, org.id, world, s);
      console.log(
        `loaded ${label} shop ${s.slug}: ${s.counts.events.toLocaleString('en-US')} events in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
      );
      loaded.push({ label, shop, events: s.counts.events });
    }
    const app = await buildApp({ stores, serveDashboard: false });
    const end = manifest.endDate;
    const minus = (days: number) => new Date(Date.parse(`${end}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
    const r7 = { from: minus(6), to: end };
    const r90 = { from: minus(89), to: end };
    const r30 = { from: minus(29), to: end };
    const r90m30 = { from: minus(119), to: minus(30) };
    const regulars = (AUDIENCES[0]?.[1] ?? (() => []))('');
    // A two-day campaign ten days before the end: its 28 usual days before, 7 days after.
    const campaign = { from: minus(11), to: minus(10) };
    const q = (r: { from: string; to: string }) => `from=${r.from}&to=${r.to}`;
    // 90 days, as the target for funnels on the largest shop reads.
    const funnelBody = {
      ...r90,
      steps: ['product_view', 'add_to_cart', 'checkout_start', 'order_paid'].map((event) => ({ event })),
      window: '1d',
    };
    // Visitors and goods sold by category: the dataset builder's three sides but orders (events and lines).
    const categoryDataset = { measures: ['uv', 'item_orders', 'item_units', 'item_sales'], dimensions: ['category'] };
    // Goods sold and their refunds by category and month: the order lines alone, each refund shared among its lines.
    const goodsRefunds = { measures: ['item_sales', 'item_refund_amount', 'item_refund_rate'], dimensions: ['month', 'category'] };
    const channelBreakdown = { property: 'channel', attribution: 'first_touch' as const, limit: 5 };
    const memberLevelBreakdown = { property: 'person.member_level', attribution: 'first_touch' as const, limit: 5 };
    // The profile's customer: each shop's customer with the most orders (the longest profile to read).
    const topCustomer = new Map<number, string>();
    const topProduct = new Map<number, string>();
    for (const { shop } of loaded) {
      const [top] = await stores.warehouse
        .forShop(shop.id)
        .rows<{ customer_id: string }>(
          "SELECT customer_id FROM orders WHERE shop_id = {shop_id:UInt32} AND customer_id != '' GROUP BY customer_id ORDER BY count() DESC, customer_id LIMIT 1",
          {},
          { purpose: 'bench.top-customer' },
        );
      topCustomer.set(shop.id, top?.customer_id ?? '');
      // The product on the most order lines: the longest buyers list.
      const [best] = await stores.warehouse
        .forShop(shop.id)
        .rows<{ product_id: string }>(
          'SELECT product_id FROM order_items WHERE shop_id = {shop_id:UInt32} GROUP BY product_id ORDER BY count() DESC, product_id LIMIT 1',
          {},
          { purpose: 'bench.top-product' },
        );
      topProduct.set(shop.id, best?.product_id ?? '');
    }
    // Every shop has targets for the last day's month (run 59 on): the diagnosis judges their pace
    // as the API's does, and their progress is a case of its own.
    const targets = new TargetsRepo(stores.metadata);
    const month = end.slice(0, 7);
    for (const { shop } of loaded) await targets.set(shop.id, month, { gmv: 10_000_000, paid_orders: 50_000 });
    const targetsOf = (s: Shop) => (m: string) => targets.get(s.id, m);
    const cases: Array<{
      name: string;
      url: string | ((shop: Shop) => string);
      body?: object | ((shop: Shop) => object);
      direct: (shop: Shop) => Promise<unknown>;
    }> = [
      { name: 'overview 7 days', url: `overview?${q(r7)}&compare=none`, direct: (s) => overview(stores.warehouse.forShop(s.id), s, r7) },
      {
        name: 'overview 90 days',
        url: `overview?${q(r90)}&compare=none`,
        direct: (s) => overview(stores.warehouse.forShop(s.id), s, r90),
      },
      { name: 'traffic 90 days', url: `traffic?${q(r90)}`, direct: (s) => traffic(stores.warehouse.forShop(s.id), s, r90, 'channel') },
      {
        name: 'traffic by source 90 days',
        url: `traffic?${q(r90)}&by=source`,
        direct: (s) => traffic(stores.warehouse.forShop(s.id), s, r90, 'source'),
      },
      {
        name: 'traffic by device 90 days',
        url: `traffic?${q(r90)}&by=device`,
        direct: (s) => traffic(stores.warehouse.forShop(s.id), s, r90, 'device'),
      },
      {
        name: 'traffic by hour 90 days',
        url: `traffic?${q(r90)}&by=hour`,
        direct: (s) => traffic(stores.warehouse.forShop(s.id), s, r90, 'hour'),
      },
      {
        name: 'traffic by weekday 90 days',
        url: `traffic?${q(r90)}&by=weekday`,
        direct: (s) => traffic(stores.warehouse.forShop(s.id), s, r90, 'weekday'),
      },
      {
        name: 'real time',
        url: `realtime?at=${end}T07:00:00Z`,
        direct: (s) => realtime(stores.warehouse.forShop(s.id), s, new Date(`${end}T07:00:00Z`)),
      },
      // One live room's review (the live room filter): raw rows, as every filtered read is.
      {
        name: 'overview 30 days, one live room',
        url: (s) => `overview?${q(r30)}&compare=none&live_room=${s.slug}-live-1`,
        direct: (s) => overview(stores.warehouse.forShop(s.id), s, r30, { liveRooms: [`${s.slug}-live-1`] }),
      },
      {
        name: 'real time, one live room',
        url: (s) => `realtime?at=${end}T07:00:00Z&live_room=${s.slug}-live-1`,
        direct: (s) => realtime(stores.warehouse.forShop(s.id), s, new Date(`${end}T07:00:00Z`), { liveRooms: [`${s.slug}-live-1`] }),
      },
      // The top bar's suggestions (categories, regions, live rooms), asked on every page.
      { name: 'filter values', url: '/filter-values', direct: (s) => filterValues(stores.warehouse.forShop(s.id)) },
      { name: 'products 90 days', url: `products?${q(r90)}`, direct: (s) => products(stores.warehouse.forShop(s.id), s, r90) },
      { name: 'repurchase 90 days', url: `repurchase?${q(r90)}`, direct: (s) => repurchase(stores.warehouse.forShop(s.id), s, r90) },
      {
        name: 'retention 90 days (weeks)',
        url: `retention?${q(r90)}&period=week`,
        direct: (s) => retention(stores.warehouse.forShop(s.id), s, r90, { period: 'week' }),
      },
      {
        name: 'retention 90 days (weeks) by first order value band',
        url: `retention?${q(r90)}&period=week&segment=first_value`,
        direct: (s) => retention(stores.warehouse.forShop(s.id), s, r90, { period: 'week', segmentBy: 'first_value' }),
      },
      {
        name: 'funnel 90 days (4 steps)',
        url: 'funnel',
        body: funnelBody,
        direct: (s) => funnel(stores.warehouse.forShop(s.id), s, r90, { steps: funnelBody.steps, windowSeconds: 86_400 }),
      },
      {
        name: 'funnel 90 days by channel',
        url: 'funnel',
        body: { ...funnelBody, breakdown: channelBreakdown },
        direct: (s) =>
          funnel(stores.warehouse.forShop(s.id), s, r90, { steps: funnelBody.steps, windowSeconds: 86_400, breakdown: channelBreakdown }),
      },
      {
        name: 'funnel 90 days by member level',
        url: 'funnel',
        body: { ...funnelBody, breakdown: memberLevelBreakdown },
        direct: (s) =>
          funnel(stores.warehouse.forShop(s.id), s, r90, {
            steps: funnelBody.steps,
            windowSeconds: 86_400,
            breakdown: memberLevelBreakdown,
          }),
      },
      {
        name: 'diagnosis (day)',
        url: `/diagnostics?date=${end}`,
        direct: (s) =>
          diagnose(stores.warehouse.forShop(s.id), s, { date: end, now: new Date(`${end}T23:00:00Z`), targetsOf: targetsOf(s) }),
      },
      {
        name: 'diagnosis (week)',
        url: `/diagnostics?date=${end}&period=week`,
        direct: (s) =>
          diagnose(stores.warehouse.forShop(s.id), s, {
            date: end,
            period: 'week',
            now: new Date(`${end}T23:00:00Z`),
            targetsOf: targetsOf(s),
          }),
      },
      {
        name: 'monthly targets',
        url: `/targets?month=${month}`,
        direct: async (s) => targetProgress(stores.warehouse.forShop(s.id), s, month, await targets.get(s.id, month)),
      },
      {
        name: 'customers (RFM, lifecycle)',
        url: `customers?${q(r90)}`,
        direct: (s) => customers(stores.warehouse.forShop(s.id), s, r90),
      },
      {
        name: 'search terms 90 days',
        url: `search-terms?${q(r90)}`,
        direct: (s) => searchTerms(stores.warehouse.forShop(s.id), s, r90),
      },
      { name: 'paths 90 days (4 steps)', url: `paths?${q(r90)}`, direct: (s) => paths(stores.warehouse.forShop(s.id), s, r90) },
      { name: 'price bands 90 days', url: `price-bands?${q(r90)}`, direct: (s) => priceBands(stores.warehouse.forShop(s.id), s, r90) },
      { name: 'categories 90 days', url: `categories?${q(r90)}`, direct: (s) => categories(stores.warehouse.forShop(s.id), s, r90) },
      {
        name: 'order values 90 days (threshold 199)',
        url: `order-values?${q(r90)}&threshold=199`,
        direct: (s) => orderValues(stores.warehouse.forShop(s.id), s, r90, { thresholds: [199] }),
      },
      {
        name: 'dataset by category 90 days',
        url: '/datasets',
        body: { ...r90, ...categoryDataset },
        direct: (s) => dataset(stores.warehouse.forShop(s.id), s, r90, categoryDataset),
      },
      {
        name: 'dataset goods refunds by month and category 90 days',
        url: '/datasets',
        body: { ...r90, ...goodsRefunds },
        direct: (s) => dataset(stores.warehouse.forShop(s.id), s, r90, goodsRefunds),
      },
      { name: 'refunds of sales 90 days', url: `refunds?${q(r90)}`, direct: (s) => refunds(stores.warehouse.forShop(s.id), s, r90) },
      {
        // The panel under it: the first page of who asked for refunds, each with their segment now.
        name: 'refund customers 90 days',
        url: `refund-customers?${q(r90)}&limit=20`,
        direct: (s) => refundCustomers(stores.warehouse.forShop(s.id), s, r90, { limit: 20 }),
      },
      {
        name: 'segment movement 90 days',
        url: `segment-movement?${q(r90)}`,
        direct: (s) => segmentMovement(stores.warehouse.forShop(s.id), s, r90),
      },
      {
        // The click on a flow's figure: the first page of those who left champions over 90 days.
        name: 'customer list, moved out of champions (90 days)',
        url: `customer-list?${q(r90)}&segment=champions&move=out&limit=50`,
        direct: (s) => customerList(stores.warehouse.forShop(s.id), s, r90, { segment: 'champions', move: 'out', limit: 50 }),
      },
      {
        // A click on a listed customer: their scores, every order and their latest events.
        name: 'one customer (most orders)',
        url: (s) => `customers/${encodeURIComponent(topCustomer.get(s.id) ?? '')}?to=${end}`,
        direct: (s) => customerProfile(stores.warehouse.forShop(s.id), s, topCustomer.get(s.id) ?? '', end),
      },
      {
        // The Campaign review page: 11 analyses over the three windows (overviews, channels, top
        // products and their usual, first-time buyers, refunds of sales).
        name: 'campaign review (2 days)',
        url: `campaign-review?${q(campaign)}`,
        direct: (s) => campaignReview(stores.warehouse.forShop(s.id), s, campaignWindows(s, campaign)),
      },
      {
        // The Products page's diagnosis over a month against the month before: every product of
        // both (products ×2, every row) and the refunds of the month's sales.
        name: 'product diagnosis (30 days)',
        url: `product-diagnosis?${q(r30)}`,
        direct: (s) => productDiagnosis(stores.warehouse.forShop(s.id), s, r30, { from: minus(59), to: minus(30) }),
      },
      {
        // The Products page's buyers panel for its best seller: the first page, each with their segment now.
        name: 'who bought the best seller (90 days)',
        url: (s) => `products/${encodeURIComponent(topProduct.get(s.id) ?? '')}/buyers?${q(r90)}&limit=20`,
        direct: (s) => productBuyers(stores.warehouse.forShop(s.id), s, topProduct.get(s.id) ?? '', r90, { limit: 20 }),
      },
      // The Customers page's audience builder (人群圈选), a page of 50: RFM and first facts only; the
      // events of every signed-in visitor; the range's order lines.
      {
        // The same audience 30 days before the end, followed for the 14 days after: who came back.
        name: 'audience: regulars gone quiet, followed 14 days',
        url: '/analyses/audience',
        body: { ...r90m30, conditions: regulars, limit: 50, follow_days: 14 },
        direct: (s: Shop) => audience(stores.warehouse.forShop(s.id), s, r90m30, regulars, { limit: 50 }, 14),
      },
      ...AUDIENCES.map(([name, conditions]) => ({
        name: `audience: ${name}`,
        url: '/analyses/audience',
        body: (s: Shop) => ({ ...r90, conditions: conditions(topProduct.get(s.id) ?? ''), limit: 50 }),
        direct: (s: Shop) => audience(stores.warehouse.forShop(s.id), s, r90, conditions(topProduct.get(s.id) ?? ''), { limit: 50 }),
      })),
    ];
    console.log(
      '\nmedians after a warm-up (5 runs; 15 for answers under 150 ms), ms: API (HTTP inject) | direct (client + engine) | overhead = median of the paired differences / direct',
    );
    for (const { label, shop, events } of loaded) {
      const key = (await new ApiKeysRepo(stores.metadata).create({ shopId: shop.id, name: 'bench', scopes: ['read'] })).key;
      console.log(`\n${label} shop (${events.toLocaleString('en-US')} events)`);
      for (const c of cases.filter((c) => only.length === 0 || only.some((o) => c.name.includes(o)))) {
        const api: number[] = [];
        const direct: number[] = [];
        // API and direct calls alternate, so each pair sees the same machine; a fast answer gets
        // more pairs, since a few ms of noise is a large share of it.
        for (let i = 0; i < 6 || (i < 16 && median(direct) < 150); i++) {
          let t = performance.now();
          const path = typeof c.url === 'function' ? c.url(shop) : c.url;
          const res = await app.inject({
            method: c.body ? 'POST' : 'GET',
            url: path.startsWith('/') ? `/api/v1/shops/${shop.slug}${path}` : `/api/v1/shops/${shop.slug}/analyses/${path}`,
            headers: { authorization: `Bearer ${key}` },
            ...(c.body ? { payload: typeof c.body === 'function' ? c.body(shop) : c.body } : {}),
          });
          if (res.statusCode !== 200) throw new Error(`${c.name}: ${res.statusCode} ${res.body.slice(0, 200)}`);
          if (i > 0) api.push(performance.now() - t);
          t = performance.now();
          await c.direct(shop);
          if (i > 0) direct.push(performance.now() - t);
        }
        const a = median(api);
        const d = median(direct);
        const overhead = median(api.map((x, k) => x - (direct[k] as number)));
        console.log(
          `  ${c.name.padEnd(28)} ${a.toFixed(0).padStart(7)} | ${d.toFixed(0).padStart(7)} | ${((overhead / d) * 100).toFixed(0)}% (${overhead.toFixed(1)} ms)`,
        );
      }
    }
    await app.close();
    await stores.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
