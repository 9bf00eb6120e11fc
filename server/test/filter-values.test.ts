/**
 * Filter suggestions: a shop's categories, regions and live rooms from every place they occur,
 * ranked as the query says (categories: catalogue products + days with product views + order lines;
 * regions and live rooms: event and order rows), and never another shop's.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runImport } from '@storelens/etl';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { ApiKeysRepo, ShopsRepo } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openHandWorkedShop } from './hand-worked-shop.js';
import { tempDir } from './temp-stores.js';

let stores: Stores;
let dispose: () => Promise<void>;
let app: FastifyInstance;
let key = '';
let emptyKey = '';
let otherKey = '';

const EVENTS = [
  'event_id,ts,event,visitor_id,product_id,category,region,live_room_id',
  // tea viewed on two days (three views), gift only viewed; regions Zhejiang ×3, Jiangsu ×1; live
  // rooms morning ×3, evening ×1 (and an order below).
  'e1,2026-11-01T02:00:00Z,product_view,v1,P1,tea,Zhejiang,morning',
  'e2,2026-11-01T03:00:00Z,product_view,v2,P1,tea,Zhejiang,morning',
  'e3,2026-11-02T02:00:00Z,product_view,v1,P1,tea,Zhejiang,morning',
  'e4,2026-11-02T04:00:00Z,product_view,v3,P9,gift,Jiangsu,evening',
].join('\n');
const PRODUCTS = ['product_id,name,category,price', 'P1,Longjing,tea,88.00', 'P2,Gaiwan,teaware,120.00'].join('\n');
const ORDERS = [
  'order_id,customer_id,created_at,paid_at,status,items_amount,paid_amount,updated_at,region,live_room_id',
  'A,c1,2026-11-02T05:00:00Z,2026-11-02T05:00:00Z,paid,100.00,100.00,2026-11-02T05:00:00Z,Guangdong,evening',
  // Placed after the last event (16:30 UTC is the next day in Shanghai): the data's last day, 11-06.
  'B,c2,2026-11-05T16:30:00Z,,created,20.00,0.00,2026-11-05T16:30:00Z,,',
].join('\n');
const ITEMS = [
  'order_id,line_no,product_id,product_name,category,quantity,unit_price,amount,created_at',
  'A,1,P1,Longjing,tea,1,88.00,88.00,2026-11-02T05:00:00Z',
  'A,2,S1,Sesame snack,snacks,1,12.00,12.00,2026-11-02T05:00:00Z',
].join('\n');

beforeAll(async () => {
  const world = await openHandWorkedShop('values', [
    { kind: 'products', csv: `${PRODUCTS}\n` },
    { kind: 'events', csv: `${EVENTS}\n` },
    { kind: 'orders', csv: `${ORDERS}\n` },
    { kind: 'order_items', csv: `${ITEMS}\n` },
  ]);
  ({ stores, dispose } = world);
  // Another shop with its own category and region, which must not show.
  const shops = new ShopsRepo(stores.metadata);
  // A shop in an organization of its own, named by its slug.
  const newShop = async (slug: string) =>
    shops.create({
      organizationId: (await shops.createOrganization(slug)).id,
      slug,
      name: slug,
      currency: 'CNY',
      timeZone: 'Asia/Shanghai',
    });
  const other = await newShop('other');
  const path = join(tempDir('storelens-values-'), 'events.csv');
  writeFileSync(
    path,
    [
      'event_id,ts,event,visitor_id,product_id,category,region,live_room_id',
      'x1,2026-11-01T02:00:00Z,product_view,w1,Q1,bikes,Tibet,secret-live',
      // Names as merchants write them: an apostrophe, parentheses, a plus.
      `x2,2026-11-01T03:00:00Z,product_view,w2,Q2,"Kids' bikes (3+)","Côte d'Ivoire",`,
      '',
    ].join('\n'),
  );
  await runImport(stores.warehouse, { shop: { id: other.id, timeZone: other.time_zone, currency: other.currency }, kind: 'events', path });
  key = (await new ApiKeysRepo(stores.metadata).create({ shopId: world.shop.id, name: 'r', scopes: ['read'] })).key;
  otherKey = (await new ApiKeysRepo(stores.metadata).create({ shopId: other.id, name: 'r', scopes: ['read'] })).key;
  // A shop without any data.
  const empty = await newShop('empty');
  emptyKey = (await new ApiKeysRepo(stores.metadata).create({ shopId: empty.id, name: 'r', scopes: ['read'] })).key;
  app = await buildApp({ stores, serveDashboard: false });
});
afterAll(async () => {
  await app.close();
  await dispose();
});

describe('GET /api/v1/shops/:shop/filter-values', () => {
  it("suggests the shop's categories, regions and live rooms from every source, most seen first", async () => {
    const res = await app.inject({ url: '/api/v1/shops/values/filter-values', headers: { authorization: `Bearer ${key}` } });
    expect(res.statusCode).toBe(200);
    // tea: 1 catalogue product + 2 days viewed + 1 line = 4; gift (views), snacks (lines), teaware
    // (catalogue) 1 each, ties by name. Zhejiang 3 events; Guangdong (an order) and Jiangsu 1 each.
    // Live rooms: morning 3 events, evening 1 event + 1 order (B's none is not a room).
    expect(res.json()).toEqual({
      categories: ['tea', 'gift', 'snacks', 'teaware'],
      regions: ['Zhejiang', 'Guangdong', 'Jiangsu'],
      live_rooms: ['morning', 'evening'],
    });
  });

  it('takes names as merchants write them — an apostrophe, parentheses — as suggestions and as filters', async () => {
    const headers = { authorization: `Bearer ${otherKey}` };
    const values = (await app.inject({ url: '/api/v1/shops/other/filter-values', headers })).json();
    expect(values.regions).toContain("Côte d'Ivoire");
    expect(values.categories).toContain("Kids' bikes (3+)");
    // 11-01 in Shanghai holds both visitors; each filter keeps one.
    const uv = async (q: string) => {
      const res = await app.inject({
        url: `/api/v1/shops/other/analyses/overview?from=2026-11-01&to=2026-11-01&compare=none${q}`,
        headers,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().totals.uv;
    };
    expect(await uv('')).toBe(2);
    expect(await uv(`&region=${encodeURIComponent("Côte d'Ivoire")}`)).toBe(1);
    expect(await uv(`&category=${encodeURIComponent("Kids' bikes (3+)")}`)).toBe(1);
  });

  it("refuses a shop the caller's key does not belong to", async () => {
    const res = await app.inject({ url: '/api/v1/shops/other/filter-values', headers: { authorization: `Bearer ${key}` } });
    expect(res.statusCode).toBe(403);
    expect(JSON.stringify(res.json())).not.toMatch(/bikes|Tibet|secret/);
  });
});

describe('GET /api/v1/shops/:shop/data-days', () => {
  it('gives the first and last shop-local day of any event or order; none for a shop without data', async () => {
    const res = await app.inject({ url: '/api/v1/shops/values/data-days', headers: { authorization: `Bearer ${key}` } });
    expect(res.statusCode).toBe(200);
    // Events on 11-01 and 11-02 (10:00 and later in Shanghai); order B placed on 11-06 local.
    expect(res.json()).toEqual({ first_day: '2026-11-01', last_day: '2026-11-06' });
    const none = await app.inject({ url: '/api/v1/shops/empty/data-days', headers: { authorization: `Bearer ${emptyKey}` } });
    expect(none.json()).toEqual({ first_day: null, last_day: null });
    expect((await app.inject({ url: '/api/v1/shops/values/data-days?x=1', headers: { authorization: `Bearer ${key}` } })).statusCode).toBe(
      400,
    );
  });
});
