import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { ApiKeysRepo, ShopsRepo } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openTempStores } from './temp-stores.js';

let stores: Stores;
let dispose: () => Promise<void>;
let app: FastifyInstance;
let ingestKey: string;
let readKey: string;
let shopId: number;

beforeAll(async () => {
  ({ stores, dispose } = await openTempStores());
  const shops = new ShopsRepo(stores.metadata);
  const org = await shops.createOrganization('Ingest Org');
  const shop = await shops.create({
    organizationId: org.id,
    slug: 'ingest-shop',
    name: 'Ingest',
    currency: 'CNY',
    timeZone: 'Asia/Shanghai',
  });
  shopId = shop.id;
  const keys = new ApiKeysRepo(stores.metadata);
  ingestKey = (await keys.create({ shopId, name: 'storefront', scopes: ['ingest'] })).key;
  readKey = (await keys.create({ shopId, name: 'reports', scopes: ['read'] })).key;
  app = await buildApp({ stores, serveDashboard: false, ingest: { maxDelayMs: 20 } });
});
afterAll(async () => {
  await app.close();
  await dispose();
});

const post = (body: unknown, key?: string) =>
  app.inject({ method: 'POST', url: '/api/v1/ingest', payload: body as object, headers: key ? { authorization: `Bearer ${key}` } : {} });

const event = (id: string, extra: Record<string, unknown> = {}) => ({
  event_id: id,
  ts: '2026-06-01T10:00:00+08:00',
  event: 'page_view',
  visitor_id: 'v1',
  ...extra,
});

describe('POST /api/v1/ingest', () => {
  it('answers with a verdict per event and stores the accepted ones once', async () => {
    const res = await post(
      { events: [event('a'), event('b', { amount: 'abc' }), event('c', { ts: 'yesterday' }), event('a'), event('d', { amount: -12.5 })] },
      ingestKey,
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ accepted: 1, duplicate: 1, rejected: 3 });
    expect(body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'rejected', 'rejected', 'duplicate', 'rejected']);
    expect(body.results[1].reason).toBe('amount "abc" is not a decimal number such as 128.50');
    expect(body.results[4].reason).toMatch(/^amount "-12.5" is negative/);
    const retry = await post({ events: [event('a')] }, ingestKey);
    expect(retry.json()).toMatchObject({ accepted: 0, duplicate: 1 });
    const stored = await stores.warehouse
      .forShop(shopId)
      .rows<{ n: number }>('SELECT count() AS n FROM events WHERE shop_id = {shop_id:UInt32}', {}, { purpose: 'test' });
    expect(stored[0]?.n).toBe(1);
    const rejects = await stores.warehouse
      .forShop(shopId)
      .rows<{ n: number }>(
        "SELECT count() AS n FROM import_rejects WHERE shop_id = {shop_id:UInt32} AND source = 'ingest'",
        {},
        { purpose: 'test' },
      );
    expect(rejects[0]?.n).toBe(3);
  });

  it('counts each verdict and batch in /metrics', async () => {
    // The test above: 1 accepted, 3 rejected, 1 duplicate in its first request and 1 in its retry.
    const body = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(body).toContain('storelens_ingest_events_total{verdict="accepted"} 1');
    expect(body).toContain('storelens_ingest_events_total{verdict="duplicate"} 2');
    expect(body).toContain('storelens_ingest_events_total{verdict="rejected"} 3');
    expect(body).toMatch(/storelens_ingest_batch_duration_seconds_count 2\n/);
    // Recomputes waiting, read from the marks at scrape time (a number, whether or not the deferred one has run yet).
    expect(body).toMatch(/storelens_recompute_pending\{table="daily_sessions"\} \d+\n/);
    expect(body).toMatch(/storelens_recompute_pending\{table="buyer_days"\} \d+\n/);
  });

  it('batches concurrent requests together without mixing up their verdicts', async () => {
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, r) =>
        post({ events: Array.from({ length: 25 }, (_, i) => event(`r${r}-${i}`, i === r ? { visitor_id: '' } : {})) }, ingestKey),
      ),
    );
    responses.forEach((res, r) => {
      const body = res.json();
      expect(body).toMatchObject({ accepted: 24, rejected: 1 });
      expect(body.results[r]).toEqual({ index: r, status: 'rejected', reason: 'visitor_id is required' });
    });
  });

  it('refuses requests without a valid key, or with a key lacking the scope', async () => {
    const none = await post({ events: [event('x')] });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.message).toContain('Authorization: Bearer');
    expect((await post({ events: [event('x')] }, 'slk_00000000_notarealkeynotarealkeynotarealke')).statusCode).toBe(401);
    const wrongScope = await post({ events: [event('x')] }, readKey);
    expect(wrongScope.statusCode).toBe(403);
    expect(wrongScope.json().error.message).toContain('may not send live events');
  });

  it('refuses malformed bodies with a 400 naming the problem', async () => {
    const empty = await post({ events: [] }, ingestKey);
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toMatch(/events/);
    expect((await post({ rows: [] }, ingestKey)).statusCode).toBe(400);
  });
});
