/**
 * Scheduled reports with a controllable clock: a daily 08:00 (Shanghai) report lands in its
 * folder at the right local time, once per slot; after downtime the missed slot runs once; a
 * failing webhook is retried with backoff and succeeds, and one that keeps failing is reported;
 * each analysis's scheduled file is what the API serves for the slot's days. Alerts (delivered
 * only when something needs attention) are in scheduled-alerts.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { analysisRequest } from '../src/exports/analysis-request.js';
import { SavedReportsRepo, type Shop } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { deliveriesOf, openReportOwnerShop, postSchedule } from './report-owner-shop.js';
import { tempDir } from './temp-stores.js';

let stores: Stores;
let dispose: () => Promise<void>;
let app: FastifyInstance;
let shop: Shop;
let now = new Date('2026-11-10T23:59:00Z'); // 07:59 on 11 November in Shanghai
const reportsDir = tempDir('reports-');
let hook: Server;
let hookUrl = '';
const received: Array<{ status: number; type: string; bytes: number }> = [];
let failuresLeft = 2;
let readKey = '';
let ownerSession = { token: '', csrf: '' };

beforeAll(async () => {
  ({ stores, dispose, shop, readKey, session: ownerSession } = await openReportOwnerShop('Tea', { reportsDir }));
  hook = createServer((req, res) => {
    let bytes = 0;
    req.on('data', (c: Buffer) => {
      bytes += c.length;
    });
    req.on('end', () => {
      const fail = req.url === '/always-fails' || failuresLeft-- > 0;
      received.push({ status: fail ? 500 : 200, type: String(req.headers['content-type']), bytes });
      res.statusCode = fail ? 500 : 200;
      res.end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
  const address = hook.address();
  hookUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  app = await buildApp({ stores, serveDashboard: false, scheduleReports: { clock: () => now, start: false } });
}, 120_000);
afterAll(async () => {
  await app.close();
  hook.close();
  await dispose();
});

async function schedule(values: {
  report: string;
  analysis: string;
  params: object;
  frequency: 'daily' | 'weekly';
  weekday?: number;
  hour: number;
  format: string;
  destination: 'folder' | 'webhook';
  target: string;
}) {
  const report = await new SavedReportsRepo(stores.metadata).create({
    shopId: shop.id,
    name: values.report,
    analysis: values.analysis,
    params: values.params,
  });
  return stores.metadata
    .insertInto('report_schedules')
    .values({
      shop_id: shop.id,
      report_id: report.id,
      frequency: values.frequency,
      weekday: values.weekday ?? null,
      hour: values.hour,
      format: values.format,
      destination: values.destination,
      target: values.target,
      created_at: new Date('2026-11-01T00:00:00Z'),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The lines of the one file delivered into a report folder (a byte-order mark and CRLFs dropped). */
function deliveredLines(target: string): string[] {
  const [name] = readdirSync(join(reportsDir, target));
  return readFileSync(join(reportsDir, target, name as string), 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
}
/** The lines of the file the API gives for a path of the tea shop (as read with a read key), as deliveredLines reads a delivery. */
async function apiFileLines(path: string): Promise<string[]> {
  const api = await app.inject({ method: 'GET', url: `/api/v1/shops/tea/${path}`, headers: { authorization: `Bearer ${readKey}` } });
  expect(api.statusCode, api.body).toBe(200);
  return api.body
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
}
/** POST a schedule for a saved report as the shop's owner. */
const postOwnerSchedule = (reportId: number, payload: object) => postSchedule(app, ownerSession, reportId, payload);
const deliveries = (scheduleId: number) => deliveriesOf(stores, scheduleId);

describe('scheduled reports', () => {
  it('delivers a daily report into its folder at 08:00 local time, once per slot, and once after downtime', async () => {
    const s = await schedule({
      report: 'Daily overview',
      analysis: 'overview',
      params: { compare: 'none' },
      frequency: 'daily',
      hour: 8,
      format: 'csv',
      destination: 'folder',
      target: 'daily',
    });
    // The latest slot before 07:59 on the 11th is 08:00 on the 10th, already due when the schedule began: it runs.
    // Make that the baseline, then check the next slot fires only at 08:00.
    await app.reportScheduler?.tick();
    expect((await deliveries(s.id)).map((d) => d.slot.toISOString())).toEqual(['2026-11-10T00:00:00.000Z']);
    now = new Date('2026-11-10T23:59:59Z'); // 07:59:59 local
    await app.reportScheduler?.tick();
    expect(await deliveries(s.id)).toHaveLength(1);
    now = new Date('2026-11-11T00:00:00Z'); // 08:00 local on the 11th
    await app.reportScheduler?.tick();
    await app.reportScheduler?.tick();
    const ds = await deliveries(s.id);
    expect(ds.map((d) => [d.slot.toISOString(), d.status])).toEqual([
      ['2026-11-10T00:00:00.000Z', 'succeeded'],
      ['2026-11-11T00:00:00.000Z', 'succeeded'],
    ]);
    // The 08:00 report on the 11th covers the 10th.
    const file = join(reportsDir, 'daily', 'tea-Daily-overview-2026-11-10_2026-11-10.csv');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('gmv (CNY)');
    // Three days down; on start the missed slots run once: for the latest slot only.
    now = new Date('2026-11-14T03:00:00Z');
    await app.reportScheduler?.tick();
    expect((await deliveries(s.id)).map((d) => d.slot.toISOString())).toEqual([
      '2026-11-10T00:00:00.000Z',
      '2026-11-11T00:00:00.000Z',
      '2026-11-14T00:00:00.000Z',
    ]);
    expect(readdirSync(join(reportsDir, 'daily'))).toHaveLength(3);
  });

  it('retries a failing webhook with backoff until it succeeds, and reports one that keeps failing', async () => {
    now = new Date('2026-11-16T01:00:00Z'); // Monday 09:00 local
    const ok = await schedule({
      report: 'Weekly funnel',
      analysis: 'funnel',
      params: { steps: [{ event: 'product_view' }, { event: 'order_paid' }] },
      frequency: 'weekly',
      weekday: 1,
      hour: 9,
      format: 'xlsx',
      destination: 'webhook',
      target: `${hookUrl}/hook`,
    });
    const bad = await schedule({
      report: 'Broken',
      analysis: 'traffic',
      params: {},
      frequency: 'weekly',
      weekday: 1,
      hour: 9,
      format: 'csv',
      destination: 'webhook',
      target: `${hookUrl}/always-fails`,
    });
    await app.reportScheduler?.tick();
    let [d] = await deliveries(ok.id);
    expect(d).toMatchObject({ status: 'retrying', attempts: 1 });
    // Not before the backoff has passed.
    now = new Date(now.getTime() + 30_000);
    await app.reportScheduler?.tick();
    expect((await deliveries(ok.id))[0]?.attempts).toBe(1);
    now = new Date('2026-11-16T01:01:00Z'); // +1 min: second attempt, fails again
    await app.reportScheduler?.tick();
    now = new Date('2026-11-16T01:06:00Z'); // +5 min: third attempt, succeeds
    await app.reportScheduler?.tick();
    [d] = await deliveries(ok.id);
    expect(d).toMatchObject({ status: 'succeeded', attempts: 3, error: null });
    expect(received.filter((r) => r.status === 200)[0]?.type).toContain('spreadsheetml');
    // The broken one: 4 attempts (now, +1, +5, +30 min), then failed, with the error kept.
    now = new Date('2026-11-16T01:36:00Z');
    await app.reportScheduler?.tick();
    const [b] = await deliveries(bad.id);
    expect(b).toMatchObject({ status: 'failed', attempts: 4 });
    expect(b?.error).toContain('500');
    // And the API shows it.
    const res = await app.inject({ method: 'GET', url: '/api/v1/shops/tea/schedules', headers: { authorization: `Bearer ${readKey}` } });
    const listed = (
      res.json() as {
        schedules: Array<{
          id: number;
          report_name: string;
          report_analysis: string;
          deliveries: Array<{ status: string; error: string | null }>;
        }>;
      }
    ).schedules;
    expect(listed.find((x) => x.id === bad.id)?.deliveries[0]).toMatchObject({ status: 'failed' });
    expect(listed.find((x) => x.id === ok.id)?.report_name).toBe('Weekly funnel');
    // What the report is of, so the Settings page words an alert's condition for it.
    expect(listed.find((x) => x.id === ok.id)?.report_analysis).toBe('funnel');
  });
});

describe('a scheduled customer list', () => {
  it('delivers the segment’s customers as of the day before the slot, as the API lists them', async () => {
    now = new Date('2026-11-17T01:00:00Z'); // Tuesday 09:00 local
    const s = await schedule({
      report: 'Hibernating',
      analysis: 'customer-list',
      params: { segment: 'hibernating' },
      frequency: 'daily',
      hour: 9,
      format: 'csv',
      destination: 'folder',
      target: 'campaigns',
    });
    await app.reportScheduler?.tick();
    expect((await deliveries(s.id)).map((d) => d.status)).toEqual(['succeeded']);
    const lines = deliveredLines('campaigns');
    // The same list through the API, as of the 16th (the daily report covers the day before).
    const api = await app.inject({
      method: 'GET',
      url: '/api/v1/shops/tea/analyses/customer-list?to=2026-11-16&segment=hibernating&limit=1000',
      headers: { authorization: `Bearer ${readKey}` },
    });
    const { total, customers } = api.json() as { total: number; customers: Array<{ customer_id: string }> };
    expect(total).toBeGreaterThan(0);
    expect(lines).toHaveLength(1 + total);
    expect(lines.slice(1).map((l) => l.split(',')[0]?.replaceAll('"', ''))).toEqual(customers.map((c) => c.customer_id));
  });
});

describe('a scheduled audience', () => {
  it('delivers the customers matching its conditions over the week before the slot, as the API finds them', async () => {
    now = new Date('2026-11-17T01:00:00Z'); // Tuesday 09:00 local: the week of 11-10 to 11-16
    const conditions = [
      { field: 'orders', operator: 'gte', value: 1 },
      { field: 'orders_ever', operator: 'gte', value: 2 },
    ];
    const s = await schedule({
      report: 'Returning buyers of the week',
      analysis: 'audience',
      params: { conditions },
      frequency: 'weekly',
      weekday: 2,
      hour: 9,
      format: 'csv',
      destination: 'folder',
      target: 'audiences',
    });
    await app.reportScheduler?.tick();
    expect((await deliveries(s.id)).map((d) => d.status)).toEqual(['succeeded']);
    const lines = deliveredLines('audiences');
    const api = await app.inject({
      method: 'POST',
      url: '/api/v1/shops/tea/analyses/audience',
      headers: { authorization: `Bearer ${readKey}` },
      payload: { from: '2026-11-10', to: '2026-11-16', conditions, limit: 1000 },
    });
    const { customers, list } = api.json() as { customers: number; list: Array<{ customer_id: string }> };
    expect(customers).toBeGreaterThan(0);
    expect(lines).toHaveLength(1 + customers);
    expect(lines.slice(1).map((l) => l.split(',')[0]?.replaceAll('"', ''))).toEqual(list.map((c) => c.customer_id));
  });
});

describe('a scheduled audience, followed', () => {
  it('delivers the audience of the period as many days earlier as it is followed, with who came back by the slot', async () => {
    now = new Date('2026-11-17T01:00:00Z'); // Tuesday 09:00 local: the week of 11-10 to 11-16
    const conditions = [{ field: 'orders_ever', operator: 'gte', value: 1 }];
    const s = await schedule({
      report: 'Buyers followed a week',
      analysis: 'audience',
      params: { conditions, follow_days: 7 },
      frequency: 'weekly',
      weekday: 2,
      hour: 9,
      format: 'json',
      destination: 'folder',
      target: 'followed',
    });
    await app.reportScheduler?.tick();
    expect((await deliveries(s.id)).map((d) => d.status)).toEqual(['succeeded']);
    // The audience as of the week before (11-03 to 11-09), followed for the 7 days to 11-16.
    const api = await app.inject({
      method: 'POST',
      url: '/api/v1/shops/tea/analyses/audience',
      headers: { authorization: `Bearer ${readKey}` },
      payload: { from: '2026-11-03', to: '2026-11-09', conditions, follow_days: 7, limit: 1000 },
    });
    const expected = api.json() as {
      customers: number;
      followed: { to: string; buyers: number };
      list: Array<{ customer_id: string; orders_after: number }>;
    };
    expect(expected.followed.to).toBe('2026-11-16');
    expect(expected.followed.buyers).toBeGreaterThan(0);
    // The file is the customers table: each with what they did in the follow-up days.
    const delivered = JSON.parse(deliveredLines('followed').join('\n')) as {
      rows: Array<{ customer_id: string; orders_after: number }>;
    };
    expect(delivered.rows.map((r) => [r.customer_id, r.orders_after])).toEqual(expected.list.map((c) => [c.customer_id, c.orders_after]));
    expect(delivered.rows.filter((r) => r.orders_after > 0)).toHaveLength(expected.followed.buyers);
  });
});

describe('a scheduled list of a product’s buyers', () => {
  it('delivers who bought it on the day before the slot, as the API lists them', async () => {
    now = new Date('2026-11-17T01:00:00Z'); // Tuesday 09:00 local
    const auth = { authorization: `Bearer ${readKey}` };
    // The product most customers bought that day.
    const ranking = await app.inject({
      method: 'GET',
      url: '/api/v1/shops/tea/analyses/products?from=2026-11-16&to=2026-11-16&sort=buyers&limit=1',
      headers: auth,
    });
    const product = (ranking.json() as { rows: Array<{ product_id: string }> }).rows[0]?.product_id ?? '';
    const s = await schedule({
      report: 'Buyers of the day',
      analysis: 'product-buyers',
      params: { product },
      frequency: 'daily',
      hour: 9,
      format: 'csv',
      destination: 'folder',
      target: 'buyers',
    });
    await app.reportScheduler?.tick();
    expect((await deliveries(s.id)).map((d) => d.status)).toEqual(['succeeded']);
    const lines = deliveredLines('buyers');
    const api = await app.inject({
      method: 'GET',
      url: `/api/v1/shops/tea/analyses/products/${product}/buyers?from=2026-11-16&to=2026-11-16&limit=1000`,
      headers: auth,
    });
    const { total, buyers } = api.json() as { total: number; buyers: Array<{ customer_id: string }> };
    expect(total).toBeGreaterThan(0);
    expect(lines).toHaveLength(1 + total);
    expect(lines.slice(1).map((l) => l.split(',')[1]?.replaceAll('"', ''))).toEqual(buyers.map((b) => b.customer_id));
  });

  it('delivers the refunds of the day before’s sales by channel, as the API splits them', async () => {
    now = new Date('2026-11-17T01:00:00Z'); // Tuesday 09:00 local
    const s = await schedule({
      report: 'Refunds by channel',
      analysis: 'refunds',
      params: { table: 'by_channel' },
      frequency: 'daily',
      hour: 9,
      format: 'csv',
      destination: 'folder',
      target: 'refunds',
    });
    await app.reportScheduler?.tick();
    expect((await deliveries(s.id)).map((d) => d.status)).toEqual(['succeeded']);
    const lines = deliveredLines('refunds');
    const api = await app.inject({
      method: 'GET',
      url: '/api/v1/shops/tea/analyses/refunds?from=2026-11-16&to=2026-11-16',
      headers: { authorization: `Bearer ${readKey}` },
    });
    const { byChannel } = api.json() as { byChannel: Array<{ channel: string; paid_orders: number }> };
    expect(byChannel.length).toBeGreaterThan(0);
    expect(lines[0]?.startsWith('channel,paid_orders (count),gmv (CNY)')).toBe(true);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(byChannel.map((c) => `${c.channel},${c.paid_orders}`));
  });

  it('delivers a campaign review of the day before against its own usual, whatever usual days were saved', async () => {
    now = new Date('2026-11-17T01:00:00Z'); // Tuesday 09:00 local
    // Saved from a review whose usual days end after the slot's day: kept, they would be a 400.
    const s = await schedule({
      report: 'Yesterday against usual',
      analysis: 'campaign-review',
      params: { usual_from: '2026-11-01', usual_to: '2026-11-20', after_days: '3' },
      frequency: 'daily',
      hour: 9,
      format: 'csv',
      destination: 'folder',
      target: 'campaign',
    });
    await app.reportScheduler?.tick();
    expect((await deliveries(s.id)).map((d) => d.status)).toEqual(['succeeded']);
    const apiLines = await apiFileLines('analyses/campaign-review?from=2026-11-16&to=2026-11-16&after_days=3&format=csv');
    expect(deliveredLines('campaign')).toEqual(apiLines);
  });

  it('delivers the product diagnosis of the day before, with the minimum saved, as the API answers it', async () => {
    now = new Date('2026-11-17T01:00:00Z'); // Tuesday 09:00 local
    const s = await schedule({
      report: 'Products to look at',
      analysis: 'product-diagnosis',
      params: { min_visitors: 5, table: 'findings' },
      frequency: 'daily',
      hour: 9,
      format: 'csv',
      destination: 'folder',
      target: 'products-to-look-at',
    });
    await app.reportScheduler?.tick();
    expect((await deliveries(s.id)).map((d) => d.status)).toEqual(['succeeded']);
    const apiLines = await apiFileLines(
      'analyses/product-diagnosis?from=2026-11-16&to=2026-11-16&min_visitors=5&table=findings&format=csv',
    );
    // A header and the day's findings (the small world has two on that day).
    expect(deliveredLines('products-to-look-at').length).toBeGreaterThan(1);
    expect(deliveredLines('products-to-look-at')).toEqual(apiLines);
  });

  it('delivers the order values of the day before with the bands and thresholds saved, as the API answers them', async () => {
    now = new Date('2026-11-17T01:00:00Z'); // Tuesday 09:00 local
    const s = await schedule({
      report: 'Orders against 满199',
      analysis: 'order-values',
      params: { edges: '99,199,299', threshold: '199,299', table: 'thresholds' },
      frequency: 'daily',
      hour: 9,
      format: 'csv',
      destination: 'folder',
      target: 'order-values',
    });
    await app.reportScheduler?.tick();
    expect((await deliveries(s.id)).map((d) => d.status)).toEqual(['succeeded']);
    const apiLines = await apiFileLines(
      'analyses/order-values?from=2026-11-16&to=2026-11-16&edges=99,199,299&threshold=199,299&table=thresholds&format=csv',
    );
    // A row per tier saved, weighed at its amount.
    expect(deliveredLines('order-values')).toHaveLength(3);
    expect(deliveredLines('order-values').map((l) => l.split(',')[0])).toEqual(['amount (CNY)', '199', '299']);
    expect(deliveredLines('order-values')).toEqual(apiLines);
  });

  it('delivers a dataset builder table for the day before, as the API builds it', async () => {
    now = new Date('2026-11-17T01:00:00Z'); // Tuesday 09:00 local
    const table = { measures: ['item_orders', 'item_units', 'item_sales'], dimensions: ['category'], limit: 100_000 };
    const s = await schedule({
      report: 'Goods by category',
      analysis: 'dataset',
      params: table,
      frequency: 'daily',
      hour: 9,
      format: 'csv',
      destination: 'folder',
      target: 'goods',
    });
    await app.reportScheduler?.tick();
    expect((await deliveries(s.id)).map((d) => d.status)).toEqual(['succeeded']);
    const lines = deliveredLines('goods');
    const api = await app.inject({
      method: 'POST',
      url: '/api/v1/shops/tea/datasets',
      headers: { authorization: `Bearer ${readKey}` },
      payload: { ...table, from: '2026-11-16', to: '2026-11-16' },
    });
    const { rows } = api.json() as { rows: Array<{ category: string; item_orders: number; item_units: number }> };
    expect(rows.filter((r) => r.item_orders > 0).length).toBeGreaterThan(0);
    expect(lines[0]?.startsWith('category,item_orders (count),item_units (count),item_sales (CNY)')).toBe(true);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(
      rows.map((r) => `${r.category},${r.item_orders},${r.item_units}`),
    );
  });

  it('cannot be run without the product its path names', () => {
    expect(() => analysisRequest('tea', 'product-buyers', { from: '2026-11-16' })).toThrow('product-buyers needs "product" (a product id)');
    expect(analysisRequest('tea', 'product-buyers', { product: 'P 1', channel: ['a', 'b'] }).url).toBe(
      '/api/v1/shops/tea/analyses/products/P%201/buyers?channel=a&channel=b',
    );
  });
});

describe('POST /api/v1/shops/:shop/reports/:id/schedules', () => {
  it('creates a schedule and refuses folders outside the reports directory, bad URLs and weekly without a day', async () => {
    const report = await new SavedReportsRepo(stores.metadata).create({ shopId: shop.id, name: 'API', analysis: 'overview', params: {} });
    const post = (payload: object) => postOwnerSchedule(report.id, payload);
    const good = { frequency: 'weekly', weekday: 1, hour: 8, format: 'parquet', destination: 'folder', target: 'weekly-overview' };
    expect((await post(good)).statusCode).toBe(201);
    expect((await post({ ...good, target: '../../etc' })).statusCode).toBe(400);
    expect((await post({ ...good, destination: 'webhook', target: 'ftp://x' })).statusCode).toBe(400);
    const { weekday: _w, ...noDay } = good;
    const res = await post(noDay);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('weekday');
    // A read key may list schedules but not create them.
    const denied = await app.inject({
      method: 'POST',
      url: `/api/v1/shops/tea/reports/${report.id}/schedules`,
      headers: { authorization: `Bearer ${readKey}` },
      payload: good,
    });
    expect(denied.statusCode).toBe(403);
  });
});
