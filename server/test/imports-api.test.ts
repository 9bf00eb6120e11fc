import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { ApiKeysRepo, ShopsRepo } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openTempStores } from './temp-stores.js';

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
