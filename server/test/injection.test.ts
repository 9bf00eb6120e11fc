/**
 * Hostile inputs against every analysis route, generated from the route table: filter values,
 * dates and unknown parameters that try to reach SQL (quotes, comments, UNION, statement marks,
 * huge ranges) must be refused with a 400 naming the problem — never a 500, and never executed.
 * A filter value that a real name could be ("sleep(10)": parentheses and apostrophes are in
 * merchants' categories and regions) is taken as a value, bound, and matches nothing.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { ApiKeysRepo, ShopsRepo } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openTempStores } from './temp-stores.js';

let stores: Stores;
let dispose: () => Promise<void>;
let app: FastifyInstance;
let key = '';

beforeAll(async () => {
  ({ stores, dispose } = await openTempStores());
  const shops = new ShopsRepo(stores.metadata);
  const org = await shops.createOrganization('Injection Co');
  const shop = await shops.create({ organizationId: org.id, slug: 'target', name: 'T', currency: 'CNY', timeZone: 'Asia/Shanghai' });
  key = (await new ApiKeysRepo(stores.metadata).create({ shopId: shop.id, name: 'r', scopes: ['read'] })).key;
  app = await buildApp({ stores, serveDashboard: false });
});
afterAll(async () => {
  await app.close();
  await dispose();
});

const HOSTILE = [
  "' OR 1=1 --",
  "search'); DROP TABLE events; --",
  'search UNION SELECT * FROM system.users',
  "x' UNION ALL SELECT name FROM system.tables --",
  '/* comment */ search',
  '1; SELECT 1',
  ['$', '{shop_id}'].join(''), // a template placeholder, as text
  '{shop_id:UInt32}',
  'a'.repeat(500),
  '\u0000',
];

/** Function calls as text: what a category such as "Kids' toys (3+)" looks like to a pattern. */
const NAME_LIKE = ['sleep(10)', "file('/etc/passwd')"];

const DATES = ["2026-01-01' OR '1'='1", '2026-01-01; DROP TABLE events', 'now()', '1900-01-01', '2026-13-45', '99999-01-01'];

describe('hostile inputs on analysis routes', () => {
  const analysisRoutes = () => app.apiRoutes.filter((r) => r.access === 'analyses.read' && r.method === 'GET');

  it('there are analysis routes to test', () => {
    expect(analysisRoutes().length).toBeGreaterThan(0);
  });

  it('refuses hostile filter values, dates, huge ranges and unknown parameters with 400', async () => {
    const problems: string[] = [];
    const tablesBefore = await stores.warehouse
      .admin()
      .rows<{ n: number }>('SELECT count() AS n FROM system.tables', {}, { purpose: 'test' });
    for (const route of analysisRoutes()) {
      const base = route.url.replace(':shop', 'target');
      const queries = [
        ...HOSTILE.flatMap((v) => ['channel', 'device', 'region'].map((p) => `${p}=${encodeURIComponent(v)}`)),
        ...DATES.flatMap((d) => [`from=${encodeURIComponent(d)}`, `to=${encodeURIComponent(d)}`]),
        'from=2000-01-01&to=2026-01-01', // a range far beyond the limit
        `${encodeURIComponent('shop_id')}=2`, // trying to choose another shop
        `${encodeURIComponent('order_by')}=${encodeURIComponent('gmv; DROP TABLE events')}`,
      ];
      for (const q of queries) {
        const res = await app.inject({ method: 'GET', url: `${base}?${q}`, headers: { authorization: `Bearer ${key}` } });
        if (res.statusCode !== 400) problems.push(`${base}?${q} → ${res.statusCode} ${res.body.slice(0, 120)}`);
        else if (!res.json().error?.message) problems.push(`${base}?${q} → 400 without a message`);
      }
    }
    expect(problems).toEqual([]);
    // Name-like values are taken as values: never a 500, and never refused for the value itself (a
    // route may still refuse what it lacks — a from, an id — or a channel it does not take).
    for (const route of analysisRoutes()) {
      const base = route.url.replace(':shop', 'target');
      for (const v of NAME_LIKE) {
        const res = await app.inject({
          method: 'GET',
          url: `${base}?channel=${encodeURIComponent(v)}`,
          headers: { authorization: `Bearer ${key}` },
        });
        const refusedValue = res.statusCode === 400 && /field "channel[^"]*": must be a value/.test(res.json().error?.message ?? '');
        if (res.statusCode >= 500 || refusedValue) problems.push(`${base}?channel=${v} → ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(problems).toEqual([]);
    // (What refusing the value itself looks like, so the check above cannot miss it.)
    const refused = await app.inject({
      url: '/api/v1/shops/target/analyses/overview?channel=a%3Bb',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(refused.json().error.message).toBe(
      'Invalid querystring field "channel.0": must be a value as the data holds it: 1 to 100 characters, without control characters, any of ; = " * \\ { } < > | $ ` or "--"',
    );
    // … as the value itself: the overview echoes it as its filter and finds nothing under it.
    const echoed = await app.inject({
      url: `/api/v1/shops/target/analyses/overview?region=${encodeURIComponent(NAME_LIKE[1] as string)}`,
      headers: { authorization: `Bearer ${key}` },
    });
    expect(echoed.json().filters).toEqual({ regions: [NAME_LIKE[1]] });
    expect(echoed.json().totals.uv).toBe(0);
    const tablesAfter = await stores.warehouse
      .admin()
      .rows<{ n: number }>('SELECT count() AS n FROM system.tables', {}, { purpose: 'test' });
    expect(tablesAfter).toEqual(tablesBefore);
  }, 120_000);

  it('takes hostile audience values as values or refuses them with 400, never running them', async () => {
    const problems: string[] = [];
    for (const v of [...HOSTILE, ...NAME_LIKE]) {
      for (const field of ['bought_product', 'member_level', 'first_channel']) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/shops/target/analyses/audience',
          headers: { authorization: `Bearer ${key}` },
          payload: { conditions: [{ field, operator: 'in', value: [v] }] },
        });
        const ok = (res.statusCode === 200 && res.json().customers === 0) || (res.statusCode === 400 && res.json().error?.message);
        if (!ok) problems.push(`${field} ${JSON.stringify(v)} → ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(problems).toEqual([]);
    // A name-like value is a value; a statement mark is refused with the rule in words.
    const named = await app.inject({
      method: 'POST',
      url: '/api/v1/shops/target/analyses/audience',
      headers: { authorization: `Bearer ${key}` },
      payload: { conditions: [{ field: 'bought_product', operator: 'in', value: ['sleep(10)'] }] },
    });
    expect(named.statusCode).toBe(200);
    const marked = await app.inject({
      method: 'POST',
      url: '/api/v1/shops/target/analyses/audience',
      headers: { authorization: `Bearer ${key}` },
      payload: { conditions: [{ field: 'bought_product', operator: 'in', value: ['1; SELECT 1'] }] },
    });
    expect(marked.statusCode).toBe(400);
    expect(marked.json().error.message).toContain('must be a value as the data holds it');
  });
});
