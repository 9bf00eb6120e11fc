/** Reading a generated world's manifest and loading one of its shops through the normal import path (for benches). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMPORT_KINDS, runImport } from '@storelens/etl';
import type { Shop, ShopsRepo } from '../server/src/metadata/index.js';
import type { Stores } from '../server/src/store/open-stores.js';

export interface ManifestShop {
  slug: string;
  name: string;
  currency: string;
  timeZone: string;
  counts: { events: number };
  files: Record<string, string[]>;
}

export interface WorldManifest {
  startDate: string;
  endDate: string;
  shops: ManifestShop[];
}

export function readWorld(world: string): WorldManifest & { bySize: ManifestShop[] } {
  const manifest = JSON.parse(readFileSync(join(world, 'manifest.json'), 'utf8')) as WorldManifest;
  return { ...manifest, bySize: [...manifest.shops].sort((a, b) => a.counts.events - b.counts.events) };
}

export async function loadWorldShop(
  stores: Stores,
  repo: ShopsRepo,
  organizationId: number,
  world: string,
  s: ManifestShop,
): Promise<Shop> {
  const shop = await repo.create({ organizationId, slug: s.slug, name: s.name, currency: s.currency, timeZone: s.timeZone });
  for (const kind of IMPORT_KINDS)
    for (const f of s.files[kind] ?? [])
      await runImport(stores.warehouse, {
        shop: { id: shop.id, timeZone: shop.time_zone, currency: shop.currency },
        kind,
        path: join(world, s.slug, f),
      });
  return shop;
}
