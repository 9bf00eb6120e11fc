/**
 * The CLI's choice for `import` and `sources`: through the server that owns the embedded store
 * (with a shop key), or the store itself when none does.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { owningServer } from '../src/cli/owning-server.js';
import { DataDirLock } from '../src/store/data-dir-lock.js';
import { tempDir } from './temp-stores.js';

afterEach(() => vi.unstubAllEnvs());

describe('owningServer', () => {
  it('goes through a server that owns the store, and needs a shop and a key for it', () => {
    const dir = tempDir('storelens-owner-');
    vi.stubEnv('STORELENS_DATA_DIR', dir);
    vi.stubEnv('STORELENS_API_KEY', '');
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(owningServer('sources', 'tea')).toBeUndefined(); // nobody owns it: the CLI opens it itself
    const lock = DataDirLock.acquire(dir, 'serve');
    lock.setUrl('http://localhost:3999');
    try {
      expect(() => owningServer('this import', 'tea')).toThrow(
        `The Storelens server at http://localhost:3999 owns ${dir}, so this import goes through it: give --shop and set STORELENS_API_KEY`,
      );
      vi.stubEnv('STORELENS_API_KEY', 'sl_key');
      expect(() => owningServer('sources', undefined)).toThrow('give --shop');
      expect(owningServer('sources', 'tea')).toEqual({ url: 'http://localhost:3999', apiKey: 'sl_key' });
    } finally {
      lock.release();
    }
  });
});
