/**
 * The access matrix, generated from the app's own route table: every /api route × every kind of
 * caller, with the status the permission table says it must get. A route added without a
 * declared access makes buildApp throw (last test), so it cannot slip past this matrix.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { type Permission, ROLE_PERMISSIONS, SCOPE_PERMISSIONS } from '../src/auth/permissions.js';
import { ApiKeysRepo, type Role, SessionsRepo, ShopsRepo, UsersRepo } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openTempStores } from './temp-stores.js';

let stores: Stores;
let dispose: () => Promise<void>;
let app: FastifyInstance;
const userIds: Partial<Record<Role | 'outsider', number>> = {};
const keys: Record<'ingest' | 'read', string> = { ingest: '', read: '' };

beforeAll(async () => {
  ({ stores, dispose } = await openTempStores());
  const shops = new ShopsRepo(stores.metadata);
  const users = new UsersRepo(stores.metadata);
  const org = await shops.createOrganization('Matrix Co');
  const other = await shops.createOrganization('Other Co');
  const shop = await shops.create({ organizationId: org.id, slug: 'matrix-shop', name: 'M', currency: 'CNY', timeZone: 'Asia/Shanghai' });
  await shops.create({ organizationId: other.id, slug: 'other-shop', name: 'O', currency: 'CNY', timeZone: 'Asia/Shanghai' });
  for (const role of ['owner', 'admin', 'operator', 'analyst', 'viewer'] as Role[]) {
    const u = await users.create({ email: `${role}@matrix.test`, password: 'long enough password' });
    await users.setMembership(org.id, u.id, role);
    userIds[role] = u.id;
  }
  const outsider = await users.create({ email: 'outsider@other.test', password: 'long enough password' });
  await users.setMembership(other.id, outsider.id, 'owner');
  userIds.outsider = outsider.id;
  const apiKeys = new ApiKeysRepo(stores.metadata);
  keys.ingest = (await apiKeys.create({ shopId: shop.id, name: 'i', scopes: ['ingest'] })).key;
  keys.read = (await apiKeys.create({ shopId: shop.id, name: 'r', scopes: ['read'] })).key;
  app = await buildApp({ stores, serveDashboard: false, ingest: { maxDelayMs: 10 } });
});
afterAll(async () => {
  await app.close();
  await dispose();
});

type Caller = 'anonymous' | Role | 'outsider' | 'ingest key' | 'read key';
const CALLERS: Caller[] = ['anonymous', 'outsider', 'viewer', 'analyst', 'operator', 'admin', 'owner', 'ingest key', 'read key'];

function expected(caller: Caller, access: string, url: string): 'allowed' | 401 | 403 | 404 {
  if (access === 'public') return 'allowed';
  if (caller === 'anonymous') return 401;
  const shopInPath = url.includes(':shop');
  if (caller === 'ingest key' || caller === 'read key') {
    if (access === 'signed-in') return 403;
    return SCOPE_PERMISSIONS[caller === 'ingest key' ? 'ingest' : 'read'].includes(access as Permission) ? 'allowed' : 403;
  }
  if (access === 'signed-in') return 'allowed';
  if (!shopInPath) return 403; // key-only routes (the key names the shop)
  if (caller === 'outsider') return 404; // the shop is not theirs: it does not exist for them
  return ROLE_PERMISSIONS[caller].includes(access as Permission) ? 'allowed' : 403;
}

async function headersFor(caller: Caller): Promise<{ headers: Record<string, string>; cookies: Record<string, string> }> {
  if (caller === 'anonymous') return { headers: {}, cookies: {} };
  if (caller === 'ingest key' || caller === 'read key')
    return { headers: { authorization: `Bearer ${keys[caller === 'ingest key' ? 'ingest' : 'read']}` }, cookies: {} };
  // A fresh session per request: routes such as sign-out end the one they are called with.
  const session = await new SessionsRepo(stores.metadata).create(userIds[caller] as number);
  return { headers: { 'x-csrf-token': session.csrfToken }, cookies: { sl_session: session.token } };
}

describe('access matrix', () => {
  it('covers the API', () => {
    const urls = app.apiRoutes.map((r) => `${r.method} ${r.url}`);
    for (const u of [
      'POST /api/v1/auth/sign-in',
      'GET /api/v1/session',
      'POST /api/v1/ingest',
      'POST /api/v1/shops/:shop/imports',
      'GET /api/v1/shops/:shop/imports/:id/rejects',
    ]) {
      expect(urls).toContain(u);
    }
  });

  it('gives every caller on every route the status the permission table says', async () => {
    const failures: string[] = [];
    for (const route of app.apiRoutes) {
      const url = route.url.replace(':shop', 'matrix-shop').replace(':id', '00000000-0000-4000-8000-000000000000');
      for (const caller of CALLERS) {
        const { headers, cookies } = await headersFor(caller);
        const res = await app.inject({
          method: route.method as 'GET',
          url,
          headers: { ...headers, 'content-type': 'application/json' },
          cookies,
          payload: route.method === 'GET' ? undefined : '{}',
        });
        const want = expected(caller, route.access, route.url);
        const body = res.body.slice(0, 160);
        const ok =
          want === 'allowed'
            ? ![401, 403].includes(res.statusCode) && !(res.statusCode === 404 && body.includes('No shop')) && res.statusCode !== 429
            : res.statusCode === want;
        if (!ok) failures.push(`${route.method} ${route.url} as ${caller}: expected ${want}, got ${res.statusCode} ${body}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('refuses to register an API route that declares no access', async () => {
    const local = await buildApp({ stores, serveDashboard: false });
    expect(() => local.get('/api/v1/forgotten', async () => ({}))).toThrow(/declares no access/);
    await local.close();
  });
});
