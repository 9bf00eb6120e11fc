import { copyFileSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportService } from '../src/imports/import-service.js';
import { SourcePoller } from '../src/imports/source-poller.js';
import { ImportJobsRepo, ImportSourcesRepo, type Shop, ShopsRepo } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openTempStores, tempDir } from './temp-stores.js';

const golden = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'golden', 'tiny', 'tiny-tea');
let stores: Stores;
let dispose: () => Promise<void>;
let shop: Shop;
let clock = Date.now();
let poller: SourcePoller;
let http: Server;
let url: string;

beforeAll(async () => {
  ({ stores, dispose } = await openTempStores());
  const shops = new ShopsRepo(stores.metadata);
  shop = await shops.create({
    organizationId: (await shops.createOrganization('Drop')).id,
    slug: 'drop-shop',
    name: 'Drop',
    currency: 'CNY',
    timeZone: 'Asia/Shanghai',
  });
  poller = new SourcePoller(stores.metadata, new ImportService(stores.warehouse, stores.metadata), tempDir('storelens-dl-'), () => clock);
  http = createServer((req, res) => {
    if (req.url === '/exports/customers.csv') res.end(readFileSync(join(golden, 'customers-00000.csv')));
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const address = http.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await new Promise((r) => http.close(r));
  await dispose();
});

const count = async (table: string) =>
  (
    await stores.warehouse
      .forShop(shop.id)
      .rows<{ n: number }>(`SELECT count() AS n FROM ${table} WHERE shop_id = {shop_id:UInt32}`, {}, { purpose: 'test' })
  )[0]?.n;

describe('drop folders', () => {
  it('import each new file once, skip copies and settled-but-seen files, retry failures', async () => {
    const folder = tempDir('storelens-drop-');
    const source = await new ImportSourcesRepo(stores.metadata).create({
      shopId: shop.id,
      location: folder,
      kind: 'events',
      intervalSeconds: 60,
    });
    const old = (clock - 60_000) / 1000;
    copyFileSync(join(golden, 'events-00000.csv'), join(folder, 'day1.csv'));
    utimesSync(join(folder, 'day1.csv'), old, old);
    writeFileSync(join(folder, 'being-written.csv.partial'), 'ts,event\n');

    const first = await poller.pollDue();
    expect(first).toEqual([{ sourceId: source.id, imported: ['day1.csv'], skipped: [], failed: [] }]);
    expect(await count('events')).toBe(2859);

    // Not due again until the interval passes.
    expect(await poller.pollDue()).toEqual([]);
    clock += 61_000;
    copyFileSync(join(folder, 'day1.csv'), join(folder, 'day1-copy.csv'));
    writeFileSync(join(folder, 'broken.csv'), 'ts,visitor_id\n2026-01-01T00:00:00Z,v1\n');
    for (const f of ['day1-copy.csv', 'broken.csv']) utimesSync(join(folder, f), old, old);
    const second = await poller.pollDue();
    expect(second[0]?.skipped).toEqual(['day1-copy.csv', 'day1.csv']);
    expect(second[0]?.failed.map((f) => f.file)).toEqual(['broken.csv']);
    expect(second[0]?.failed[0]?.error).toContain('lacks required events column: event');
    expect(await count('events')).toBe(2859);
    const jobs = await new ImportJobsRepo(stores.metadata).list(shop.id);
    expect(jobs.filter((j) => j.status === 'failed').map((j) => j.source)).toEqual(['broken.csv']);
    const [listed] = await new ImportSourcesRepo(stores.metadata).list(shop.id);
    expect(listed?.last_error).toContain('1 file(s) failed');
  });

  it('fetch URL sources and import the document once', async () => {
    const source = await new ImportSourcesRepo(stores.metadata).create({
      shopId: shop.id,
      location: `${url}/exports/customers.csv`,
      kind: 'customers',
      intervalSeconds: 10,
    });
    const report = await poller.poll(source);
    expect(report).toMatchObject({ imported: ['customers.csv'], failed: [] });
    expect(await count('customers')).toBe(38);
    expect((await poller.poll(source)).skipped).toEqual(['customers.csv']);
    const missing = await new ImportSourcesRepo(stores.metadata).create({
      shopId: shop.id,
      location: `${url}/nope.csv`,
      kind: 'customers',
      intervalSeconds: 10,
    });
    expect((await poller.poll(missing)).error).toContain('answered 404');
  });

  it('refuse relative folders and sources without a kind or preset', async () => {
    const repo = new ImportSourcesRepo(stores.metadata);
    await expect(repo.create({ shopId: shop.id, location: 'drop', kind: 'events', intervalSeconds: 60 })).rejects.toThrow(
      /absolute folder/,
    );
    mkdirSync(join(tempDir('x-'), 'y'), { recursive: true });
    await expect(repo.create({ shopId: shop.id, location: '/tmp', intervalSeconds: 60 })).rejects.toThrow(
      /exactly one of kind, mapping or preset/,
    );
  });
});
