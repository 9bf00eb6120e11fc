/**
 * `storelens marks` with no server running: days marked from a script are the marks the API and
 * the diagnosis read; a mark's bad days or kind is refused with the API's message; removing works.
 * With a server owning the store (which the CLI then cannot open), the same commands go through
 * its API with a shop key.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { AnnotationsRepo, ApiKeysRepo } from '../src/metadata/index.js';
import { openStores } from '../src/store/open-stores.js';
import { makeCliShop, runCli } from './run-cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'storelens-marks-'));
let shopId = 0;
const cli = (...args: string[]) => runCli(dataDir, ...args);

beforeAll(async () => {
  shopId = await makeCliShop(dataDir, 'cli-marks', 'Marks');
}, 60_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('storelens marks', () => {
  it('marks days, lists the marks touching a range and removes one', async () => {
    const sale = JSON.parse(
      await cli('marks', 'add', '--shop', 'cli-marks', '--from', '2026-11-10', '--to', '2026-11-11', '--title', 'Double 11', '--json'),
    ) as { id: number; kind: string };
    expect(sale.kind).toBe('promotion');
    await cli(
      'marks',
      'add',
      '--shop',
      'cli-marks',
      '--from',
      '2026-12-01',
      '--title',
      'Live with a guest',
      '--kind',
      'live_stream',
      '--note',
      'evening',
    );
    // What the API and the diagnosis read: the repository's marks.
    const stores = await openStores(loadConfig({ STORELENS_DATA_DIR: dataDir }), { command: 'test' });
    try {
      const stored = await new AnnotationsRepo(stores.metadata).list(shopId);
      expect(stored.map((m) => [m.from, m.to, m.title, m.kind, m.note])).toEqual([
        ['2026-11-10', '2026-11-11', 'Double 11', 'promotion', null],
        ['2026-12-01', '2026-12-01', 'Live with a guest', 'live_stream', 'evening'],
      ]);
    } finally {
      await stores.close();
    }
    // Those touching 11-11 only.
    const listed = JSON.parse(
      await cli('marks', 'list', '--shop', 'cli-marks', '--from', '2026-11-11', '--to', '2026-11-30', '--json'),
    ) as Array<{
      id: number;
      title: string;
    }>;
    expect(listed.map((m) => m.title)).toEqual(['Double 11']);
    await cli('marks', 'remove', String(sale.id), '--shop', 'cli-marks');
    const left = JSON.parse(await cli('marks', 'list', '--shop', 'cli-marks', '--json')) as Array<{ title: string }>;
    expect(left.map((m) => m.title)).toEqual(['Live with a guest']);
  }, 60_000);

  it('refuses days the wrong way round, an unknown kind and an id that is not one, saying why', async () => {
    await expect(cli('marks', 'add', '--shop', 'cli-marks', '--from', '2026-11-12', '--to', '2026-11-11', '--title', 'x')).rejects.toThrow(
      /from/,
    );
    await expect(cli('marks', 'add', '--shop', 'cli-marks', '--from', '2026-11-12', '--title', 'x', '--kind', 'sale')).rejects.toThrow(
      'kind must be one of promotion, live_stream, ads, new_product, incident, other.',
    );
    await expect(cli('marks', 'remove', 'first', '--shop', 'cli-marks')).rejects.toThrow('is not a mark id');
  }, 60_000);

  it('goes through the server that owns the store, with a shop key, and says why when it refuses', async () => {
    const stores = await openStores(loadConfig({ STORELENS_DATA_DIR: dataDir }), { command: 'serve' });
    const app = await buildApp({ stores, serveDashboard: false });
    try {
      stores.lock?.setUrl(await app.listen({ host: '127.0.0.1', port: 0 }));
      // Without a key the CLI says what it needs (it cannot open the store the server holds).
      vi.stubEnv('STORELENS_API_KEY', '');
      await expect(cli('marks', 'list', '--shop', 'cli-marks')).rejects.toThrow(
        'set STORELENS_API_KEY to a key of that shop with the read scope',
      );
      vi.stubEnv('STORELENS_API_KEY', (await new ApiKeysRepo(stores.metadata).create({ shopId, name: 'cli', scopes: ['read'] })).key);
      const added = JSON.parse(
        await cli('marks', 'add', '--shop', 'cli-marks', '--from', '2026-06-18', '--title', '618', '--kind', 'promotion', '--json'),
      ) as { id: number };
      // The server's store holds it: the repository the API reads.
      expect((await new AnnotationsRepo(stores.metadata).get(shopId, added.id)).title).toBe('618');
      const listed = JSON.parse(
        await cli('marks', 'list', '--shop', 'cli-marks', '--from', '2026-06-01', '--to', '2026-06-30', '--json'),
      ) as Array<{
        id: number;
        title: string;
      }>;
      expect(listed.map((m) => [m.id, m.title])).toEqual([[added.id, '618']]);
      await expect(
        cli('marks', 'add', '--shop', 'cli-marks', '--from', '2026-06-19', '--to', '2026-06-18', '--title', 'x'),
      ).rejects.toThrow('the server refused: from (2026-06-19) must not be after to (2026-06-18).');
      await cli('marks', 'remove', String(added.id), '--shop', 'cli-marks');
      expect(await new AnnotationsRepo(stores.metadata).list(shopId, { from: '2026-06-01', to: '2026-06-30' })).toEqual([]);
      await expect(cli('marks', 'remove', String(added.id), '--shop', 'cli-marks')).rejects.toThrow(/the server refused: .*mark/i);
    } finally {
      vi.unstubAllEnvs();
      await app.close();
      await stores.close();
    }
  }, 60_000);
});
