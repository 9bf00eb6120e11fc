import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, Warehouse } from '../src/index.js';

/** A migrated embedded warehouse in a fresh temporary directory, removed by `dispose`. */
export async function openTempWarehouse(): Promise<{ wh: Warehouse; dir: string; dispose: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'storelens-wh-'));
  const wh = await Warehouse.open({ mode: 'embedded', path: dir });
  await migrate(wh);
  return {
    wh,
    dir,
    dispose: async () => {
      await wh.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
