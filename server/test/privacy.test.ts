import { join } from 'node:path';
import { runImport } from '@storelens/etl';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { AuditRepo, SessionsRepo, type Shop, ShopsRepo, UsersRepo } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openTempStores } from './temp-stores.js';

const golden = join(import.meta.dirname, '..', '..', 'fixtures', 'golden', 'tiny', 'tiny-tea');
let stores: Stores;
let dispose: () => Promise<void>;
let app: FastifyInstance;
let shop: Shop;
let neighbour: Shop;
let owner: { cookies: Record<string, string>; headers: Record<string, string> };
const tag = { purpose: 'test' };

beforeAll(async () => {
  ({ stores, dispose } = await openTempStores());
  const shops = new ShopsRepo(stores.metadata);
  const org = await shops.createOrganization('Privacy Co');
  shop = await shops.create({ organizationId: org.id, slug: 'private-tea', name: 'T', currency: 'CNY', timeZone: 'Asia/Shanghai' });
  neighbour = await shops.create({ organizationId: org.id, slug: 'neighbour-tea', name: 'N', currency: 'CNY', timeZone: 'Asia/Shanghai' });
  for (const s of [shop, neighbour]) {
    for (const kind of ['customers', 'events', 'orders', 'order_items'] as const) {
      await runImport(stores.warehouse, {
        shop: { id: s.id, timeZone: s.time_zone, currency: s.currency },
        kind,
        path: join(golden, `${kind}-00000.csv`),
      });
    }
  }
  const users = new UsersRepo(stores.metadata);
  const u = await users.create({ email: 'owner@privacy.test', password: 'long enough password' });
  await users.setMembership(org.id, u.id, 'owner');
  const session = await new SessionsRepo(stores.metadata).create(u.id);
  owner = { cookies: { sl_session: session.token }, headers: { 'x-csrf-token': session.csrfToken } };
  app = await buildApp({ stores, serveDashboard: false });
});
afterAll(async () => {
  await app.close();
  await dispose();
});

const n = async (s: Shop, sql: string, params: Record<string, unknown> = {}) =>
  (await stores.warehouse.forShop(s.id).rows<{ n: number }>(sql, params, tag))[0]?.n ?? -1;

const rollupMatchesRaw = async (s: Shop) => {
  const [r] = await stores.warehouse.forShop(s.id).rows<{ rollup: number; raw: number }>(
    `SELECT (SELECT sum(v) FROM (SELECT day, groupBitmapMerge(visitors) AS v FROM daily_channel_metrics WHERE shop_id = {shop_id:UInt32} GROUP BY day)) AS rollup,
            (SELECT sum(v) FROM (SELECT day, uniqExact(visitor_id) AS v FROM events WHERE shop_id = {shop_id:UInt32} GROUP BY day)) AS raw`,
    {},
    tag,
  );
  return r;
};

/** Per-day session figures of daily_sessions against the same figures worked out from the events, as one hash each. */
const sessionsMatchRaw = async (s: Shop) => {
  const [r] = await stores.warehouse.forShop(s.id).rows<{ rollup: string; raw: string }>(
    `SELECT (SELECT groupArray((day, sessions, bounce_sessions, session_seconds)) FROM (SELECT * FROM daily_sessions FINAL WHERE shop_id = {shop_id:UInt32} AND sessions > 0 ORDER BY day)) AS rollup,
            (SELECT groupArray((d, n, b, sec)) FROM (
               SELECT start_day AS d, count() AS n, countIf(k = 1) AS b, sum(seconds) AS sec
               FROM (SELECT day AS start_day, count() AS k, toUInt64(dateDiff('second', min(ts), max(ts))) AS seconds
                     FROM events WHERE shop_id = {shop_id:UInt32} AND session_id != '' GROUP BY day, session_id)
               GROUP BY d ORDER BY d)) AS raw`,
    {},
    tag,
  );
  return r && { rollup: JSON.stringify(r.rollup), raw: JSON.stringify(r.raw) };
};

describe('customer erasure', () => {
  it('removes the customer’s events (and their devices’ visits), orders and records, rebuilds rollups, and is audited', async () => {
    const [c] = await stores.warehouse
      .forShop(shop.id)
      .rows<{ c: string }>(
        'SELECT customer_id AS c FROM orders FINAL WHERE shop_id = {shop_id:UInt32} AND paid_at IS NOT NULL ORDER BY order_id LIMIT 1',
        {},
        tag,
      );
    const customer = c?.c ?? '';
    expect(
      await n(shop, 'SELECT count() AS n FROM events WHERE shop_id = {shop_id:UInt32} AND customer_id = {c:String}', { c: customer }),
    ).toBeGreaterThan(0);
    const neighbourBefore = await n(neighbour, 'SELECT count() AS n FROM events WHERE shop_id = {shop_id:UInt32}');
    const devices = (
      await stores.warehouse
        .forShop(shop.id)
        .rows<{ v: string }>(
          'SELECT DISTINCT visitor_id AS v FROM events WHERE shop_id = {shop_id:UInt32} AND customer_id = {c:String}',
          { c: customer },
          tag,
        )
    ).map((r) => r.v);
    const numbersOfDevices = () =>
      n(shop, 'SELECT count() AS n FROM visitor_numbers WHERE shop_id = {shop_id:UInt32} AND visitor_id IN {v:Array(String)}', {
        v: devices,
      });
    expect(devices.length).toBeGreaterThan(0);
    const before = await sessionsMatchRaw(shop);
    expect(before?.rollup).toBe(before?.raw);
    expect(await numbersOfDevices()).toBe(devices.length);
    const paidDaysOfCustomer = () =>
      n(
        shop,
        `SELECT (SELECT count() FROM buyer_days WHERE shop_id = {shop_id:UInt32} AND buyer = cityHash64({c:String}))
              + (SELECT count() FROM buyer_days_pending WHERE shop_id = {shop_id:UInt32} AND buyer = cityHash64({c:String})) AS n`,
        { c: customer },
      );
    expect(await paidDaysOfCustomer()).toBeGreaterThan(0);
    const profile = () =>
      app.inject({ method: 'GET', url: `/api/v1/shops/private-tea/analyses/customers/${encodeURIComponent(customer)}`, ...owner });
    expect((await profile()).statusCode).toBe(200);

    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/shops/private-tea/privacy/erasures',
      ...owner,
      payload: { customer_id: customer },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ customerId: customer, remaining: { events: 0, orders: 0, customers: 0, firstFacts: 0 } });
    expect(res.json().visitors).toBeGreaterThan(0);

    // Verifiable afterwards, independently of the report: nothing of theirs is left.
    expect(
      await n(shop, 'SELECT count() AS n FROM events WHERE shop_id = {shop_id:UInt32} AND customer_id = {c:String}', { c: customer }),
    ).toBe(0);
    expect(
      await n(shop, 'SELECT count() AS n FROM orders WHERE shop_id = {shop_id:UInt32} AND customer_id = {c:String}', { c: customer }),
    ).toBe(0);
    // Their profile is gone: no order, record or event carries the id any more.
    expect((await profile()).statusCode).toBe(404);
    // Their devices' visitor numbers too; everyone else keeps theirs.
    expect(await numbersOfDevices()).toBe(0);
    // Their paying days (kept by a hash of their id) are removed outright, marks included.
    expect(await paidDaysOfCustomer()).toBe(0);
    expect(await n(shop, 'SELECT count() AS n FROM visitor_numbers WHERE shop_id = {shop_id:UInt32}')).toBeGreaterThan(100);
    const r = await rollupMatchesRaw(shop);
    expect(r?.rollup).toBe(r?.raw);
    const s = await sessionsMatchRaw(shop);
    expect(s?.rollup).toBe(s?.raw);
    // Their sessions are gone from the daily figures, which were recomputed (not left as they were).
    expect(s?.rollup).not.toBe(before?.rollup);
    // The other shop, holding the same customer id, is untouched.
    expect(await n(neighbour, 'SELECT count() AS n FROM events WHERE shop_id = {shop_id:UInt32}')).toBe(neighbourBefore);
    const audit = await new AuditRepo(stores.metadata).list({ shopId: shop.id });
    expect(audit.map((a) => a.action)).toContain('customer.erased');
  });
});

describe('shop deletion', () => {
  it('needs the slug typed again, then removes every row of the shop and the shop itself', async () => {
    const wrong = await app.inject({ method: 'DELETE', url: '/api/v1/shops/neighbour-tea', ...owner, payload: { confirm: 'nope' } });
    expect(wrong.statusCode).toBe(400);
    const overview = () => app.inject({ method: 'GET', url: '/api/v1/shops/neighbour-tea/analyses/overview?compare=none', ...owner });
    expect((await overview()).statusCode).toBe(200);
    const res = await app.inject({ method: 'DELETE', url: '/api/v1/shops/neighbour-tea', ...owner, payload: { confirm: 'neighbour-tea' } });
    expect(res.statusCode).toBe(204);
    // Gone for the very next request, although it was just looked up (and so cached).
    expect((await overview()).statusCode).toBe(404);
    // Every table of the warehouse that has a shop_id column, asked of the engine, so a table
    // added later cannot be forgotten by the deletion.
    const tables = await stores.warehouse
      .admin()
      .rows<{ table: string }>(
        "SELECT t.name AS table FROM system.tables AS t WHERE t.database = currentDatabase() AND t.engine NOT LIKE '%View' AND t.name IN (SELECT c.table FROM system.columns AS c WHERE c.database = currentDatabase() AND c.name = 'shop_id') ORDER BY t.name",
        {},
        { purpose: 'test' },
      );
    expect(tables.map((t) => t.table)).toEqual(expect.arrayContaining(['events', 'daily_stage_visitors', 'import_rejects']));
    for (const { table } of tables) {
      expect(await n(neighbour, `SELECT count() AS n FROM ${table} WHERE shop_id = {shop_id:UInt32}`), table).toBe(0);
    }
    expect(await new ShopsRepo(stores.metadata).findBySlug('neighbour-tea')).toBeUndefined();
    expect(await n(shop, 'SELECT count() AS n FROM events WHERE shop_id = {shop_id:UInt32}')).toBeGreaterThan(0);
    const audit = await new AuditRepo(stores.metadata).list({ shopId: neighbour.id });
    expect(audit.map((a) => a.action)).toContain('shop.deleted');
  });
});
