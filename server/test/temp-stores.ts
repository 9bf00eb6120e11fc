import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type StorelensConfig } from '../src/config.js';
import { openStores, type Stores } from '../src/store/open-stores.js';

/** Embedded stores (chDB + PGlite) in a fresh temporary data directory. */
export async function openTempStores(overrides: Partial<StorelensConfig> = {}): Promise<{ stores: Stores; dispose: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'storelens-data-'));
  const config = loadConfig({ STORELENS_DATA_DIR: dataDir }, { webDist: join(dataDir, 'no-web'), ...overrides });
  const stores = await openStores(config, { command: 'test' });
  return {
    stores,
    dispose: async () => {
      await stores.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
