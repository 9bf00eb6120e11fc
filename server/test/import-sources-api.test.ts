/**
 * Drop folders managed over the API while the server runs: made only under the shop's own drop
 * folder, listed with their last poll, polled with a mapping for another layout, removed.
 */
import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { RemoteSources } from '../src/cli/remote-sources.js';
import { ImportService } from '../src/imports/import-service.js';
import { SourcePoller } from '../src/imports/source-poller.js';
import { ApiKeysRepo, ImportJobsRepo, ImportSourcesRepo, type Shop, ShopsRepo } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openTempStores, tempDir } from './temp-stores.js';

let stores: Stores;
let dispose: () => Promise<void>;
let app: FastifyInstance;
let shop: Shop;
let other: Shop;
let key: string;

beforeAll(async () => {
  ({ stores, dispose } = await openTempStores());
  const shops = new ShopsRepo(stores.metadata);
  const org = await shops.createOrganization('Drop Org');
  shop = await shops.create({ organizationId: org.id, slug: 'drop-api', name: 'Drop', currency: 'CNY', timeZone: 'Asia/Shanghai' });
  other = await shops.create({ organizationId: org.id, slug: 'drop-other', name: 'Other', currency: 'CNY', timeZone: 'Asia/Shanghai' });
  key = (await new ApiKeysRepo(stores.metadata).create({ shopId: shop.id, name: 'ops', scopes: ['ingest'] })).key;
  app = await buildApp({ stores, serveDashboard: false });
});
afterAll(async () => {
  await app.close();
  await dispose();
});

const headers = () => ({ authorization: `Bearer ${key}` });
const add = (payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/api/v1/shops/drop-api/import-sources', headers: headers(), payload });
const list = async () => (await app.inject({ method: 'GET', url: '/api/v1/shops/drop-api/import-sources', headers: headers() })).json();
const mapping = JSON.stringify({ kind: 'events', columns: { ts: 'Event Time', visitor_id: 'Device ID', event: 'Action' } });

describe('drop folders over the API', () => {
  it('makes a folder under the shop’s drop folder and lists it', async () => {
    const res = await add({ folder: 'storefront', mapping, everySeconds: 60 });
    expect(res.statusCode).toBe(201);
    const dropFolder = join(stores.config.dropDir, `${shop.id}-drop-api`);
    expect(res.json()).toMatchObject({
      folder: 'storefront',
      location: join(dropFolder, 'storefront'),
      kind: 'events',
      preset: null,
      mapping,
      everySeconds: 60,
      lastPolledAt: null,
    });
    expect(existsSync(join(dropFolder, 'storefront'))).toBe(true);
    const body = await list();
    expect(body.dropFolder).toBe(dropFolder);
    expect(body.sources.map((s: { folder: string }) => s.folder)).toEqual(['storefront']);
  });

  it('polls it: a storefront export in its own layout is imported through the mapping, once', async () => {
    const folder = join(stores.config.dropDir, `${shop.id}-drop-api`, 'storefront');
    const file = join(folder, 'export-1.csv');
    writeFileSync(file, 'Event Time,Device ID,Action\n2026-06-03T08:00:00Z,drop-v1,page_view\n2026-06-03T08:02:00Z,drop-v1,add_to_cart\n');
    const settled = new Date(Date.now() - 60_000); // files changed in the last 5 s wait for the next poll
    utimesSync(file, settled, settled);
    const poller = new SourcePoller(stores.metadata, new ImportService(stores.warehouse, stores.metadata), tempDir('dl-'), () =>
      Date.now(),
    );
    const [report] = await poller.pollDue();
    expect(report).toMatchObject({ imported: ['export-1.csv'], failed: [] });
    const [job] = await new ImportJobsRepo(stores.metadata).list(shop.id);
    expect(job).toMatchObject({ kind: 'events', source: 'export-1.csv', status: 'succeeded', rows_loaded: 2, rows_rejected: 0 });
    expect(JSON.parse(job?.mapping ?? 'null')).toEqual({
      kind: 'events',
      columns: { event: 'action', ts: 'event_time', visitor_id: 'device_id' },
    });
    const events = await stores.warehouse
      .forShop(shop.id)
      .rows<{ event_name: string }>(
        "SELECT event_name FROM events WHERE shop_id = {shop_id:UInt32} AND visitor_id = 'drop-v1' ORDER BY ts",
        {},
        { purpose: 'test' },
      );
    expect(events.map((e) => e.event_name)).toEqual(['page_view', 'add_to_cart']);
    expect((await list()).sources[0].lastPolledAt).not.toBeNull();
  });

  it('refuses anything but one folder name of its own, and says why', async () => {
    for (const folder of ['../drop-other', 'a/b', '/etc', '.hidden', '']) {
      const res = await add({ folder, kind: 'orders' });
      expect(res.statusCode, folder).toBe(400);
      expect(res.json().error.message, folder).toContain('folder');
    }
    const location = await add({ folder: 'x', kind: 'orders', location: '/etc' });
    expect(location.statusCode).toBe(400);
    expect(location.json().error.message).toContain('location');
    const twice = await add({ folder: 'storefront', kind: 'events' });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.message).toContain('already polls the folder "storefront"');
    const badMapping = await add({ folder: 'y', mapping: JSON.stringify({ kind: 'events', columns: { when: 'T' } }) });
    expect(badMapping.statusCode).toBe(400);
    expect(badMapping.json().error.message).toContain('"when" is not a events column');
    const neither = await add({ folder: 'z' });
    expect(neither.statusCode).toBe(400);
    expect(neither.json().error.message).toContain('exactly one of kind, mapping or preset');
    expect((await list()).sources).toHaveLength(1);
  });

  it('lists only the shop’s own sources, and removes one', async () => {
    await new ImportSourcesRepo(stores.metadata).create({
      shopId: other.id,
      location: tempDir('other-'),
      kind: 'orders',
      intervalSeconds: 60,
    });
    const [mine] = (await list()).sources;
    expect((await list()).sources).toHaveLength(1);
    const gone = await app.inject({ method: 'DELETE', url: `/api/v1/shops/drop-api/import-sources/${mine.id}`, headers: headers() });
    expect(gone.statusCode).toBe(204);
    expect((await list()).sources).toEqual([]);
    const again = await app.inject({ method: 'DELETE', url: `/api/v1/shops/drop-api/import-sources/${mine.id}`, headers: headers() });
    expect(again.statusCode).toBe(404);
  });

  it('the CLI, finding a server that owns the store, manages drop folders through it', async () => {
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const remote = new RemoteSources(url, key, 'drop-api');
    const added = await remote.add({ folder: 'cli-orders', kind: 'orders', everySeconds: 120 });
    expect(added).toMatchObject({ folder: 'cli-orders', kind: 'orders', everySeconds: 120 });
    expect((await remote.list()).sources.map((x) => x.folder)).toEqual(['cli-orders']);
    await expect(remote.add({ folder: '../drop-other', kind: 'orders', everySeconds: 60 })).rejects.toThrow(/the server refused: .*folder/);
    await remote.remove(added.id);
    expect((await remote.list()).sources).toEqual([]);
    await expect(remote.remove(added.id)).rejects.toThrow(`No import source ${added.id} in this shop.`);
  });
});
