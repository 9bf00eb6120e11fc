/**
 * The golden tiny world (fixtures/golden/tiny) loaded into fresh stores, with the answers
 * computed independently by fixtures/golden/compute_expected.py (expected.json), for the golden
 * analysis tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMPORT_KINDS, runImport } from '@storelens/etl';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { ApiKeysRepo, type Shop, ShopsRepo } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openTempStores } from './temp-stores.js';

const golden = join(import.meta.dirname, '..', '..', 'fixtures', 'golden', 'tiny');

export const manifest = JSON.parse(readFileSync(join(golden, 'manifest.json'), 'utf8')) as {
  startDate: string;
  endDate: string;
  shops: Array<{ slug: string; name: string; currency: string; timeZone: string }>;
};

export const expected = JSON.parse(readFileSync(join(golden, 'expected.json'), 'utf8')) as {
  shops: Array<{ slug: string; totals: Record<string, number>; daily: Array<Record<string, number | string>> }>;
};

export interface GoldenWorld {
  stores: Stores;
  app: FastifyInstance;
  shops: Shop[];
  /** A read-scoped API key of the first shop. */
  readKey: string;
  close: () => Promise<void>;
}

/** Fresh stores with the golden tea shop alone imported (for tests that count its files themselves, golden-tea-files.ts). */
export async function openGoldenTeaShop(): Promise<{ stores: Stores; dispose: () => Promise<void>; shop: Shop }> {
  const { stores, dispose } = await openTempStores();
  const repo = new ShopsRepo(stores.metadata);
  const org = await repo.createOrganization('Golden tea');
  const shop = await repo.create({ organizationId: org.id, slug: 'tiny-tea', name: 'Tea', currency: 'CNY', timeZone: 'Asia/Shanghai' });
  for (const kind of IMPORT_KINDS)
    await runImport(stores.warehouse, {
      shop: { id: shop.id, timeZone: shop.time_zone, currency: shop.currency },
      kind,
      path: join(golden, 'tiny-tea', `${kind}-00000.csv`),
    });
  return { stores, dispose, shop };
}

/** Fresh stores with every golden shop imported, and the app over them. */
export async function openGoldenWorld(): Promise<GoldenWorld> {
  const { stores, dispose } = await openTempStores();
  const repo = new ShopsRepo(stores.metadata);
  const org = await repo.createOrganization('Golden');
  const shops: Shop[] = [];
  for (const s of manifest.shops) {
    const shop = await repo.create({ organizationId: org.id, slug: s.slug, name: s.name, currency: s.currency, timeZone: s.timeZone });
    shops.push(shop);
    for (const kind of IMPORT_KINDS) {
      await runImport(stores.warehouse, {
        shop: { id: shop.id, timeZone: shop.time_zone, currency: shop.currency },
        kind,
        path: join(golden, s.slug, `${kind}-00000.csv`),
      });
    }
  }
  const readKey = (await new ApiKeysRepo(stores.metadata).create({ shopId: shops[0]?.id ?? 0, name: 'r', scopes: ['read'] })).key;
  const app = await buildApp({ stores, serveDashboard: false });
  return {
    stores,
    app,
    shops,
    readKey,
    close: async () => {
      await app.close();
      await dispose();
    },
  };
}
