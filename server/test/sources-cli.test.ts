/**
 * `storelens sources` with no server running: a drop folder named with --drop is made under the
 * shop's drop folder and listed; a name that is not one folder is refused; removing it works.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCliShop, runCli } from './run-cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'storelens-sources-'));
let shopId = 0;

const cli = (...args: string[]) => runCli(dataDir, ...args);

beforeAll(async () => {
  shopId = await makeCliShop(dataDir, 'cli-drop', 'Drop');
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
