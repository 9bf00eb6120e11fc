/**
 * The shops' write lock across processes (server/src/store/postgres-write-lock.ts): two metadata
 * pools on one PostgreSQL database stand in for two processes (a server and a CLI import). A write
 * of a shop waits while the other holds that shop's lock, runs at once for another shop, and the
 * lock is free again after a write that failed. Runs against the real PostgreSQL server (started
 * by the test set-up, or STORELENS_TEST_DATABASE_URL); PGlite needs no such lock.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MetadataDb, openMetadata } from '../src/metadata/index.js';
import { postgresShopWriteLock } from '../src/store/postgres-write-lock.js';
import { postgresDatabaseUrl, postgresUrl } from './metadata-backends.js';

const base = postgresUrl;
const database = `storelens_lock_${randomBytes(6).toString('hex')}`;
let one: MetadataDb;
let two: MetadataDb;

if (!base) console.warn('No PostgreSQL server for this run: the cross-process write lock test is skipped.');

describe.skipIf(!base)('shop write lock across processes (PostgreSQL advisory lock)', () => {
  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const url = postgresDatabaseUrl(base as string, database);
    one = await openMetadata({ mode: 'server', url });
    two = await openMetadata({ mode: 'server', url });
  });
  afterAll(async () => {
    await one?.destroy();
    await two?.destroy();
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.end();
  });

  it('makes a second process wait for the shop, not for other shops', async () => {
    const lockOne = postgresShopWriteLock(one);
    const lockTwo = postgresShopWriteLock(two);
    const log: string[] = [];
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    let started: () => void = () => {};
    const firstStarted = new Promise<void>((r) => {
      started = r;
    });
    const first = lockOne(5, async () => {
      log.push('one:start');
      started();
      await held;
      log.push('one:end');
    });
    await firstStarted;
    const second = lockTwo(5, async () => {
      log.push('two:shop5');
    });
    // Another shop is not held up by shop 5's lock.
    await lockTwo(6, async () => {
      log.push('two:shop6');
    });
    // Give the waiting write every chance to run early.
    await new Promise((r) => setTimeout(r, 300));
    expect(log).toEqual(['one:start', 'two:shop6']);
    release();
    await Promise.all([first, second]);
    expect(log).toEqual(['one:start', 'two:shop6', 'one:end', 'two:shop5']);
  });

  it('is free again after a write that failed', async () => {
    const lockOne = postgresShopWriteLock(one);
    const lockTwo = postgresShopWriteLock(two);
    await expect(
      lockOne(7, async () => {
        throw new Error('merge failed');
      }),
    ).rejects.toThrow('merge failed');
    const answer = await Promise.race([
      lockTwo(7, async () => 'ran'),
      new Promise((r) => setTimeout(() => r('still waiting after 5 s'), 5000)),
    ]);
    expect(answer).toBe('ran');
  });
});
