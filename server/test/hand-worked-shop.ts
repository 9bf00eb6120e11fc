/**
 * The set-up of the tests whose answers are worked out by hand: fresh embedded stores with one shop
 * (CNY, Asia/Shanghai), loaded from CSV text the test writes, imported in the order given.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ImportKind, type ImportResult, runImport } from '@storelens/etl';
import { type Shop, ShopsRepo } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openTempStores, tempDir } from './temp-stores.js';

export interface HandWorkedShop {
  stores: Stores;
  dispose: () => Promise<void>;
  shop: Shop;
  /** One result per file, in the order given. */
  imports: ImportResult[];
}

export async function openHandWorkedShop(slug: string, files: Array<{ kind: ImportKind; csv: string }>): Promise<HandWorkedShop> {
  const { stores, dispose } = await openTempStores();
  const repo = new ShopsRepo(stores.metadata);
  const org = await repo.createOrganization(slug);
  const shop = await repo.create({ organizationId: org.id, slug, name: slug, currency: 'CNY', timeZone: 'Asia/Shanghai' });
  const dir = tempDir(`storelens-${slug}-`);
  const imports: ImportResult[] = [];
  for (const [i, file] of files.entries()) {
    const path = join(dir, `${i}-${file.kind}.csv`);
    writeFileSync(path, file.csv);
    imports.push(
      await runImport(stores.warehouse, {
        shop: { id: shop.id, timeZone: shop.time_zone, currency: shop.currency },
        kind: file.kind,
        path,
      }),
    );
  }
  return { stores, dispose, shop, imports };
}
