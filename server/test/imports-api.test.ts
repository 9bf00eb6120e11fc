import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { importThroughServer } from '../src/cli/remote-import.js';
import { ApiKeysRepo, ShopsRepo } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openTempStores, tempDir } from './temp-stores.js';

const golden = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'golden', 'tiny', 'tiny-tea');
let stores: Stores;
let dispose: () => Promise<void>;
let app: FastifyInstance;
let key: string;
let otherKey: string;

beforeAll(async () => {
  ({ stores, dispose } = await openTempStores());
  const shops = new ShopsRepo(stores.metadata);
  const org = await shops.createOrganization('Upload Org');
  const shop = await shops.create({
    organizationId: org.id,
    slug: 'upload-shop',
    name: 'Upload',
    currency: 'CNY',
    timeZone: 'Asia/Shanghai',
  });
  const other = await shops.create({
    organizationId: org.id,
    slug: 'other-shop',
    name: 'Other',
    currency: 'CNY',
    timeZone: 'Asia/Shanghai',
  });
  key = (await new ApiKeysRepo(stores.metadata).create({ shopId: shop.id, name: 'ops', scopes: ['ingest'] })).key;
  otherKey = (await new ApiKeysRepo(stores.metadata).create({ shopId: other.id, name: 'ops', scopes: ['ingest'] })).key;
  app = await buildApp({ stores, serveDashboard: false });
});
afterAll(async () => {
  await app.close();
  await dispose();
});

const auth = (k: string) => ({ authorization: `Bearer ${k}` });

async function waitForJob(id: string, k = key) {
  for (let i = 0; i < 200; i++) {
    const res = await app.inject({ method: 'GET', url: `/api/v1/shops/upload-shop/imports/${id}`, headers: auth(k) });
    const job = res.json();
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('job did not finish');
}

describe('file imports over HTTP', () => {
  it('uploads a file, runs it as a job and reports the counts', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/shops/upload-shop/imports?kind=events&filename=events.csv',
      headers: { ...auth(key), 'content-type': 'text/csv' },
      payload: readFileSync(join(golden, 'events-00000.csv')),
    });
    expect(res.statusCode).toBe(202);
    const [id] = res.json().jobs;
    const job = await waitForJob(id);
    expect(job).toMatchObject({
      status: 'succeeded',
      kind: 'events',
      source: 'events.csv',
      mapping: null,
      rows_read: 2859,
      rows_loaded: 2859,
      rows_rejected: 0,
    });
    const list = await app.inject({ method: 'GET', url: '/api/v1/shops/upload-shop/imports', headers: auth(key) });
    expect(list.json().jobs.map((j: { id: string }) => j.id)).toContain(id);
  });

  it('records a failed import with its reason, and lists rejects of a partly bad file', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/shops/upload-shop/imports?kind=orders&filename=orders.csv',
      headers: { ...auth(key), 'content-type': 'text/csv' },
      payload: 'order_id,status\nO1,paid\n',
    });
    const failed = await waitForJob(bad.json().jobs[0]);
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('lacks required orders columns');

    const partly = await app.inject({
      method: 'POST',
      url: '/api/v1/shops/upload-shop/imports?kind=events&filename=mixed.csv',
      headers: { ...auth(key), 'content-type': 'application/octet-stream' },
      payload: 'ts,event,visitor_id\n2026-06-01T10:00:00Z,page_view,v1\nnot a date,page_view,v2\n',
    });
    const id = partly.json().jobs[0];
    expect(await waitForJob(id)).toMatchObject({ status: 'succeeded', rows_loaded: 1, rows_rejected: 1 });
    const rejects = await app.inject({ method: 'GET', url: `/api/v1/shops/upload-shop/imports/${id}/rejects`, headers: auth(key) });
    expect(rejects.json().rejects).toEqual([expect.objectContaining({ line: 3, source: 'mixed.csv' })]);
    // Another shop's key cannot see this job.
    expect((await app.inject({ method: 'GET', url: `/api/v1/shops/upload-shop/imports/${id}`, headers: auth(otherKey) })).statusCode).toBe(
      403,
    );
    expect((await app.inject({ method: 'GET', url: `/api/v1/shops/other-shop/imports/${id}`, headers: auth(otherKey) })).statusCode).toBe(
      404,
    );
  });

  it('counts finished jobs and their rows in /metrics', async () => {
    // The two tests above: two events files (2,859 rows; 1 loaded and 1 rejected) and a failed orders file.
    const metrics = async () => (await app.inject({ method: 'GET', url: '/metrics' })).body;
    await expect.poll(metrics).toContain('storelens_import_jobs_total{kind="events",status="succeeded"} 2');
    const body = await metrics();
    expect(body).toContain('storelens_import_jobs_total{kind="orders",status="failed"} 1');
    expect(body).toContain('storelens_import_rows_total{kind="events",verdict="loaded"} 2860');
    expect(body).toContain('storelens_import_rows_total{kind="events",verdict="rejected"} 1');
    expect(body).not.toContain('storelens_import_rows_total{kind="orders"');
  });

  it('refuses an upload that names neither a kind nor a preset', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/shops/upload-shop/imports',
      headers: { ...auth(key), 'content-type': 'text/csv' },
      payload: 'a\n1\n',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('kind');
  });
});

describe('imports of other layouts through a mapping file', () => {
  // A storefront export whose columns are named its own way.
  const csv =
    'Event Time,Device ID,Action,Page\n2026-06-02T09:00:00Z,map-v1,page_view,home\n2026-06-02T09:05:00Z,map-v2,add_to_cart,cart\n';
  const mapping = JSON.stringify({ kind: 'events', columns: { ts: 'Event Time', visitor_id: 'Device ID', event: 'Action' } });
  const upload = (query: string, payload = csv) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/shops/upload-shop/imports?filename=export.csv&${query}`,
      headers: { ...auth(key), 'content-type': 'text/csv' },
      payload,
    });
  const stored = async (prefix: string) => {
    const shop = await new ShopsRepo(stores.metadata).getBySlug('upload-shop');
    return stores.warehouse
      .forShop(shop.id)
      .rows<{ visitor_id: string; event_name: string; ts: string }>(
        'SELECT visitor_id, event_name, toString(ts) AS ts FROM events WHERE shop_id = {shop_id:UInt32} AND startsWith(visitor_id, {prefix:String}) ORDER BY visitor_id',
        { prefix },
        { purpose: 'test' },
      );
  };

  it('applies a mapping sent with the upload, its kind standing in for kind', async () => {
    const res = await upload(`mapping=${encodeURIComponent(mapping)}`);
    expect(res.statusCode).toBe(202);
    const job = await waitForJob(res.json().jobs[0]);
    expect(job).toMatchObject({ status: 'succeeded', kind: 'events', rows_loaded: 2, rows_rejected: 0 });
    // The job says how the file was read: the mapping, source names as matched (normalized).
    expect(JSON.parse(job.mapping)).toEqual({ kind: 'events', columns: { event: 'action', ts: 'event_time', visitor_id: 'device_id' } });
    expect(await stored('map-')).toEqual([
      { visitor_id: 'map-v1', event_name: 'page_view', ts: '2026-06-02 09:00:00.000' },
      { visitor_id: 'map-v2', event_name: 'add_to_cart', ts: '2026-06-02 09:05:00.000' },
    ]);
  });

  it('refuses a mapping it cannot apply with a 400 that says why, before reading the file', async () => {
    const wrongColumn = await upload(`mapping=${encodeURIComponent(JSON.stringify({ kind: 'events', columns: { when: 'Event Time' } }))}`);
    expect(wrongColumn.statusCode).toBe(400);
    expect(wrongColumn.json().error.message).toContain('"when" is not a events column');
    const notJson = await upload('mapping=%7Bkind');
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error.message).toContain('the mapping is not valid JSON');
    const withPreset = await upload(`mapping=${encodeURIComponent(mapping)}&preset=cdnow`);
    expect(withPreset.statusCode).toBe(400);
    expect(withPreset.json().error.message).toContain('not both');
    const otherKind = await upload(`mapping=${encodeURIComponent(mapping)}&kind=orders`);
    expect(otherKind.statusCode).toBe(400);
    expect(otherKind.json().error.message).toContain("contradicts the mapping's kind events");
  });

  it('the CLI, finding a server that owns the store, sends it the mapping with the file', async () => {
    const dir = tempDir('remote-mapping-');
    const file = join(dir, 'export.csv');
    writeFileSync(file, csv.replaceAll('map-', 'cli-map-'));
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const rows = await importThroughServer(url, key, [file], { shop: 'upload-shop', mapping });
    expect(rows).toEqual([expect.objectContaining({ file, kind: 'events', read: 2, loaded: 2, rejected: 0 })]);
    expect((await stored('cli-map-')).map((r) => [r.visitor_id, r.event_name])).toEqual([
      ['cli-map-v1', 'page_view'],
      ['cli-map-v2', 'add_to_cart'],
    ]);
  });
});
