import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { ShopsRepo } from '../src/metadata/index.js';
import { backupStores, restoreStores } from '../src/store/backup.js';
import { openStores } from '../src/store/open-stores.js';
import { tempDir } from './temp-stores.js';

const root = tempDir('storelens-backup-');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const configFor = (dir: string) => loadConfig({ STORELENS_DATA_DIR: dir });
const tag = { purpose: 'test' };

describe('backup and restore of the embedded stores', () => {
  it('round-trips shops and warehouse rows into a new data directory, even after the original is gone', async () => {
    const original = join(root, 'original');
    const stores = await openStores(configFor(original), { command: 'test' });
    const shops = new ShopsRepo(stores.metadata);
    const org = await shops.createOrganization('Backup Org');
    const shop = await shops.create({
      organizationId: org.id,
      slug: 'backup-shop',
      name: 'Backup Shop',
      currency: 'CNY',
      timeZone: 'Asia/Shanghai',
    });
    const event = (i: number) => ({
      day: '2024-05-01',
      ts: '2024-05-01 08:00:00.000',
      event_id: i,
      event_name: 'page_view',
      visitor_id: `v${i}`,
      amount: '1.50',
    });
    await stores.warehouse.forShop(shop.id).insert('events', [event(1), event(2), event(3)], tag);
    await stores.close();

    const backup = join(root, 'backup');
    const manifest = backupStores(configFor(original), backup);
    expect(manifest.files).toBeGreaterThan(0);
    expect(() => backupStores(configFor(original), backup)).toThrow(/not empty/);

    rmSync(original, { recursive: true, force: true });
    const restoredDir = join(root, 'restored');
    restoreStores(configFor(restoredDir), backup);
    expect(() => restoreStores(configFor(restoredDir), backup)).toThrow(/--force/);

    const restored = await openStores(configFor(restoredDir), { command: 'test' });
    try {
      const again = await new ShopsRepo(restored.metadata).getBySlug('backup-shop');
      expect(again.id).toBe(shop.id);
      const rows = await restored.warehouse
        .forShop(shop.id)
        .rows<{ n: number; amount: number }>(
          'SELECT count() AS n, sum(amount) AS amount FROM events WHERE shop_id = {shop_id:UInt32}',
          {},
          tag,
        );
      expect(rows).toEqual([{ n: 3, amount: 4.5 }]);
    } finally {
      await restored.close();
    }
  });

  it('refuses to back up while another process holds the store', async () => {
    const dir = join(root, 'busy');
    const stores = await openStores(configFor(dir), { command: 'serve' });
    try {
      expect(() => backupStores(configFor(dir), join(root, 'never'))).toThrow(/in use by/);
    } finally {
      await stores.close();
    }
  });
});
