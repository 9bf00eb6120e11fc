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
