import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, Warehouse } from '@storelens/sql';

export async function openTempWarehouse(): Promise<{ wh: Warehouse; dispose: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'storelens-etl-'));
  const wh = await Warehouse.open({ mode: 'embedded', path: dir });
  await migrate(wh);
  return {
    wh,
    dispose: async () => {
      await wh.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const tag = { purpose: 'test' };

/** How many events the shop holds, and how many distinct event ids: equal when each is stored once. */
export async function storedEvents(wh: Warehouse, shopId: number): Promise<{ n: number; ids: number } | undefined> {
  const [stored] = await wh
    .forShop(shopId)
    .rows<{ n: number; ids: number }>(
      'SELECT count() AS n, uniqExact(event_id) AS ids FROM events WHERE shop_id = {shop_id:UInt32}',
      {},
      tag,
    );
  return stored;
}
