import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { Metrics } from '../src/metrics.js';
import type { Stores } from '../src/store/open-stores.js';
import { openTempStores } from './temp-stores.js';

let stores: Stores;
let dispose: () => Promise<void>;
let app: FastifyInstance;

beforeAll(async () => {
  ({ stores, dispose } = await openTempStores());
  app = await buildApp({ stores, metrics: new Metrics({ defaultMetrics: false }) });
});
afterAll(async () => {
  await app.close();
  await dispose();
});

describe('server shell', () => {
  it('reports both stores healthy', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', warehouse: { ok: true, mode: 'chdb' }, metadata: { ok: true, mode: 'pglite' } });
  });

  it('publishes an OpenAPI document that lists its routes', async () => {
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toContain('/healthz');
    const docs = await app.inject({ method: 'GET', url: '/docs' });
    expect([200, 302]).toContain(docs.statusCode);
  });

  it('answers unknown routes with a JSON 404 that names the route', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/nothing-here?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No route GET /api/v1/nothing-here' } });
  });

  it('exposes request and warehouse timings for Prometheus', async () => {
    await app.inject({ method: 'GET', url: '/healthz' });
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/storelens_http_request_duration_seconds_count\{method="GET",route="\/healthz",status_code="200"\} \d+/);
    expect(res.body).toContain('storelens_warehouse_lane_waiting{lane="interactive"} 0');
  });
});

describe('graceful shutdown', () => {
  it('finishes an in-flight request before closing', async () => {
    const local = await buildApp({ stores, serveDashboard: false });
    local.get('/slow', async () => {
      await new Promise((r) => setTimeout(r, 300));
      return { done: true };
    });
    await local.listen({ port: 0, host: '127.0.0.1' });
    const address = local.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const inFlight = fetch(`http://127.0.0.1:${port}/slow`).then(async (r) => ({ status: r.status, body: await r.json() }));
    await new Promise((r) => setTimeout(r, 50));
    const closing = local.close();
    expect(await inFlight).toEqual({ status: 200, body: { done: true } });
    await closing;
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
