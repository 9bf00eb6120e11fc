/** Saved reports over HTTP: save, list, reopen, delete; scoped to the shop; bad input is a 400. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { ApiKeysRepo, ShopsRepo } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openTempStores } from './temp-stores.js';

let stores: Stores;
let dispose: () => Promise<void>;
let app: FastifyInstance;
const keys: Record<string, string> = {};

beforeAll(async () => {
  ({ stores, dispose } = await openTempStores());
  const shops = new ShopsRepo(stores.metadata);
  const org = await shops.createOrganization('Reports');
  for (const slug of ['alpha', 'beta']) {
    const shop = await shops.create({ organizationId: org.id, slug, name: slug, currency: 'CNY', timeZone: 'Asia/Shanghai' });
    keys[slug] = (await new ApiKeysRepo(stores.metadata).create({ shopId: shop.id, name: 'r', scopes: ['read'] })).key;
  }
  app = await buildApp({ stores, serveDashboard: false });
});
afterAll(async () => {
  await app.close();
  await dispose();
});

const call = (slug: string, method: 'GET' | 'POST' | 'DELETE', path: string, payload?: object) =>
  app.inject({ method, url: `/api/v1/shops/${slug}/reports${path}`, headers: { authorization: `Bearer ${keys[slug]}` }, payload });

describe('saved reports', () => {
  it('saves a funnel, lists and reopens it, and deletes it', async () => {
    const params = { steps: [{ event: 'product_view' }, { event: 'order_paid' }], window: '1d' };
    const created = await call('alpha', 'POST', '', { name: 'View to pay', analysis: 'funnel', params });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    expect((await call('alpha', 'GET', '')).json().reports).toMatchObject([{ id, name: 'View to pay', analysis: 'funnel', params }]);
    expect((await call('alpha', 'GET', `/${id}`)).json()).toMatchObject({ params });
    // Another shop cannot see or delete it.
    expect((await call('beta', 'GET', `/${id}`)).statusCode).toBe(404);
    expect((await call('beta', 'DELETE', `/${id}`)).statusCode).toBe(404);
    expect((await call('alpha', 'DELETE', `/${id}`)).statusCode).toBe(204);
    expect((await call('alpha', 'GET', '')).json().reports).toEqual([]);
  });

  it('refuses an unknown analysis, a missing name or a missing product with a 400', async () => {
    expect((await call('alpha', 'POST', '', { name: 'x', analysis: 'sql', params: {} })).statusCode).toBe(400);
    expect((await call('alpha', 'POST', '', { name: '', analysis: 'funnel', params: {} })).statusCode).toBe(400);
    // Who bought which product? A report that could never run is refused when saved.
    const noProduct = await call('alpha', 'POST', '', { name: 'buyers', analysis: 'product-buyers', params: { channel: ['search'] } });
    expect(noProduct.statusCode).toBe(400);
    expect(noProduct.json().error.message).toBe('product-buyers needs "product" (a product id) among its parameters.');
    expect((await call('alpha', 'POST', '', { name: 'buyers', analysis: 'product-buyers', params: { product: 'P1' } })).statusCode).toBe(
      201,
    );
  });
});
