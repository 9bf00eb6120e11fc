import { changeShopTimeZone } from '@storelens/etl';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { AuditRepo, type Role, SessionsRepo, ShopsRepo, UsersRepo } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openTempStores } from './temp-stores.js';

let stores: Stores;
let dispose: () => Promise<void>;
let app: FastifyInstance;
const as: Partial<Record<Role, { cookies: Record<string, string>; headers: Record<string, string> }>> = {};

beforeAll(async () => {
  ({ stores, dispose } = await openTempStores());
  const shops = new ShopsRepo(stores.metadata);
  const org = await shops.createOrganization('Settings Co');
  await shops.create({ organizationId: org.id, slug: 'set-shop', name: 'Set', currency: 'CNY', timeZone: 'Asia/Shanghai' });
  const users = new UsersRepo(stores.metadata);
  for (const role of ['owner', 'admin'] as Role[]) {
    const u = await users.create({ email: `${role}@settings.test`, password: 'long enough password' });
    await users.setMembership(org.id, u.id, role);
    const s = await new SessionsRepo(stores.metadata).create(u.id);
    as[role] = { cookies: { sl_session: s.token }, headers: { 'x-csrf-token': s.csrfToken } };
  }
  app = await buildApp({ stores, serveDashboard: false });
});
afterAll(async () => {
  await app.close();
  await dispose();
});

describe('settings API', () => {
  it('creates an API key shown once, lists it without the secret, and revokes it', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/shops/set-shop/keys',
      ...as.admin,
      payload: { name: 'storefront', scopes: ['ingest'] },
    });
    expect(created.statusCode).toBe(201);
    const { id, key, scopes } = created.json();
    expect(key).toMatch(/^slk_/);
    expect(scopes).toEqual(['ingest']);
    const list = await app.inject({ method: 'GET', url: '/api/v1/shops/set-shop/keys', ...as.admin });
    expect(JSON.stringify(list.json())).not.toContain(key);
    expect(list.json().keys).toEqual([expect.objectContaining({ id, name: 'storefront', scopes: ['ingest'], revokedAt: null })]);
    const ingest = (k: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/ingest',
        headers: { authorization: `Bearer ${k}` },
        payload: { events: [{ ts: '2026-01-01T00:00:00Z', event: 'page_view', visitor_id: 'v' }] },
      });
    expect((await ingest(key)).statusCode).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/shops/set-shop/keys/${id}`, ...as.admin })).statusCode).toBe(204);
    // Refused from the very next request, although the key was just used (and so cached).
    expect((await ingest(key)).statusCode).toBe(401);
    const audit = (await new AuditRepo(stores.metadata).list()).map((a) => a.action);
    expect(audit).toEqual(expect.arrayContaining(['key.created', 'key.revoked']));
    const log = await app.inject({ method: 'GET', url: '/api/v1/shops/set-shop/audit', ...as.owner });
    expect(log.json().entries.map((e: { action: string; actor: string }) => `${e.action} by ${e.actor.split(':')[0]}`)).toEqual(
      expect.arrayContaining(['key.created by user', 'key.revoked by user']),
    );
  });

  it('adds members with a one-time password; only owners make owners', async () => {
    const added = await app.inject({
      method: 'PUT',
      url: '/api/v1/shops/set-shop/members',
      ...as.admin,
      payload: { email: 'new@settings.test', role: 'analyst' },
    });
    expect(added.statusCode).toBe(200);
    expect(added.json().initialPassword).toMatch(/.{12,}/);
    const promote = await app.inject({
      method: 'PUT',
      url: '/api/v1/shops/set-shop/members',
      ...as.admin,
      payload: { email: 'new@settings.test', role: 'owner' },
    });
    expect(promote.statusCode).toBe(403);
    const byOwner = await app.inject({
      method: 'PUT',
      url: '/api/v1/shops/set-shop/members',
      ...as.owner,
      payload: { email: 'new@settings.test', role: 'owner' },
    });
    expect(byOwner.json()).toEqual({ email: 'new@settings.test', role: 'owner' });
    const members = await app.inject({ method: 'GET', url: '/api/v1/shops/set-shop/members', ...as.owner });
    expect(
      members
        .json()
        .members.map((m: { email: string; role: string }) => `${m.email}:${m.role}`)
        .sort(),
    ).toEqual(['admin@settings.test:admin', 'new@settings.test:owner', 'owner@settings.test:owner']);
  });

  it('changes the shop’s settings with validation', async () => {
    const bad = await app.inject({ method: 'PATCH', url: '/api/v1/shops/set-shop', ...as.admin, payload: { timeZone: 'Moon/Base' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('timeZone');
    const zoneOfAnalyses = async () =>
      (await app.inject({ method: 'GET', url: '/api/v1/shops/set-shop/analyses/overview?compare=none', ...as.admin })).json().timeZone;
    expect(await zoneOfAnalyses()).toBe('Asia/Shanghai');
    // An order paid 2026-05-01 17:30 UTC: 05-02 01:30 in Shanghai, 05-01 18:30 in London.
    const shop = await new ShopsRepo(stores.metadata).getBySlug('set-shop');
    await stores.warehouse
      .forShop(shop.id)
      .command(
        "INSERT INTO orders (shop_id, day, order_id, customer_id, created_at, paid_at, status, paid_amount, version) VALUES ({shop_id:UInt32}, '2026-05-02', 'z1', 'zoe', '2026-05-01 17:20:00', '2026-05-01 17:30:00', 'paid', 80, 1)",
        {},
        { purpose: 'test' },
      );
    await changeShopTimeZone(stores.warehouse, shop.id, async () => ({ time_zone: 'Asia/Shanghai' })); // as an import would have left it
    const paidOrdersByDay = async () =>
      (
        await app.inject({
          method: 'GET',
          url: '/api/v1/shops/set-shop/analyses/overview?from=2026-05-01&to=2026-05-02&compare=none',
          ...as.admin,
        })
      )
        .json()
        .daily.map((d: { day: string; paid_orders: number }) => [d.day, d.paid_orders]);
    expect(await paidOrdersByDay()).toEqual([
      ['2026-05-01', 0],
      ['2026-05-02', 1],
    ]);
    const ok = await app.inject({
      method: 'PATCH',
      url: '/api/v1/shops/set-shop',
      ...as.admin,
      payload: { timeZone: 'Europe/London', currency: 'GBP' },
    });
    expect(ok.json()).toEqual({ slug: 'set-shop', name: 'Set', currency: 'GBP', timeZone: 'Europe/London' });
    // The next analysis already counts days in the new zone (the shop is not served from a cache).
    expect(await zoneOfAnalyses()).toBe('Europe/London');
    // And its payments: the buyers' paying days were recomputed in the new zone.
    expect(await paidOrdersByDay()).toEqual([
      ['2026-05-01', 1],
      ['2026-05-02', 0],
    ]);
  });
});
