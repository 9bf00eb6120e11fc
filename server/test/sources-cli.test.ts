/**
 * `storelens sources` with no server running: a drop folder named with --drop is made under the
 * shop's drop folder and listed; a name that is not one folder is refused; removing it works.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { ShopsRepo } from '../src/metadata/index.js';
import { openStores } from '../src/store/open-stores.js';
import { runCli } from './run-cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'storelens-sources-'));
let shopId = 0;

const cli = (...args: string[]) => runCli(dataDir, ...args);

beforeAll(async () => {
  const stores = await openStores(loadConfig({ STORELENS_DATA_DIR: dataDir }), { command: 'test' });
  try {
    const repo = new ShopsRepo(stores.metadata);
    const org = await repo.createOrganization('Sources');
    shopId = (await repo.create({ organizationId: org.id, slug: 'cli-drop', name: 'Drop', currency: 'CNY', timeZone: 'Asia/Shanghai' })).id;
  } finally {
    await stores.close();
  }
}, 60_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('storelens sources', () => {
  it('adds a drop folder by name under the shop’s drop folder, lists it and removes it', async () => {
    await cli('sources', 'add', '--shop', 'cli-drop', '--drop', 'storefront', '--kind', 'orders', '--every', '60');
    const folder = join(dataDir, 'drop', `${shopId}-cli-drop`, 'storefront');
    expect(existsSync(folder)).toBe(true);
    const [listed] = JSON.parse(await cli('sources', 'list', '--shop', 'cli-drop', '--json')) as Array<Record<string, unknown>>;
    expect(listed).toMatchObject({ location: folder, imports: 'orders', every_seconds: 60 });
    await cli('sources', 'remove', String(listed?.id), '--shop', 'cli-drop');
    expect(JSON.parse(await cli('sources', 'list', '--shop', 'cli-drop', '--json'))).toEqual([]);
  }, 60_000);

  it('refuses a --drop that is not one folder name, and two places at once', async () => {
    await expect(cli('sources', 'add', '--shop', 'cli-drop', '--drop', '../other', '--kind', 'orders')).rejects.toThrow(
      'is not one folder name',
    );
    await expect(
      cli('sources', 'add', '--shop', 'cli-drop', '--drop', 'a', '--url', 'https://x.test/f.csv', '--kind', 'orders'),
    ).rejects.toThrow('exactly one of --drop NAME, --folder DIR or --url URL');
  });
});
