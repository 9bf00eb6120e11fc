/** Runs `storelens ...args` in this process against a data directory and returns what it wrote to stdout. */
import { vi } from 'vitest';
import { buildProgram } from '../src/cli/main.js';
import { loadConfig } from '../src/config.js';
import { ShopsRepo } from '../src/metadata/index.js';
import { openStores } from '../src/store/open-stores.js';

export async function runCli(dataDir: string, ...args: string[]): Promise<string> {
  const chunks: string[] = [];
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const saved = process.env.STORELENS_DATA_DIR;
  process.env.STORELENS_DATA_DIR = dataDir;
  try {
    await buildProgram()
      .exitOverride()
      .parseAsync(['node', 'storelens', ...args]);
  } finally {
    process.env.STORELENS_DATA_DIR = saved;
    stdout.mockRestore();
    stderr.mockRestore();
  }
  return chunks.join('');
}

/** A data directory's stores with one shop (CNY, Asia/Shanghai) made, then closed for the CLI to open; the shop's id. */
export async function makeCliShop(dataDir: string, slug: string, name: string): Promise<number> {
  const stores = await openStores(loadConfig({ STORELENS_DATA_DIR: dataDir }), { command: 'test' });
  try {
    const repo = new ShopsRepo(stores.metadata);
    const org = await repo.createOrganization(name);
    return (await repo.create({ organizationId: org.id, slug, name, currency: 'CNY', timeZone: 'Asia/Shanghai' })).id;
  } finally {
    await stores.close();
  }
}
