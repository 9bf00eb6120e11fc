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

const madeDirs: string[] = [];
// Each test file runs in its own process (vitest.config.ts): its temporary folders go when it exits.
process.once('exit', () => {
  for (const dir of madeDirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed when the test process exits. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  madeDirs.push(dir);
  return dir;
}
