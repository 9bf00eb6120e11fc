/**
 * The metadata backends tests run against: PGlite always, and a real PostgreSQL server when
 * STORELENS_TEST_DATABASE_URL points at one (`.ci/run` starts one and sets it). Each run gets a
 * fresh database so tests never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type MetadataDb, migrateMetadata, openMetadata } from '../src/metadata/index.js';

export interface MetadataBackend {
  name: string;
  open: () => Promise<{ db: MetadataDb; dispose: () => Promise<void> }>;
}

export const postgresUrl = process.env.STORELENS_TEST_DATABASE_URL;

if (!postgresUrl) {
  if (process.env.CI) throw new Error('CI must set STORELENS_TEST_DATABASE_URL so metadata tests run against PostgreSQL (see .ci/run).');
  console.warn(
    'STORELENS_TEST_DATABASE_URL is not set: metadata tests run on PGlite only. .ci/run starts a PostgreSQL server and sets it.',
  );
}

const pglite: MetadataBackend = {
  name: 'PGlite',
  open: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'storelens-meta-'));
    const db = await openMetadata({ mode: 'embedded', path: dir });
    await migrateMetadata(db);
    return {
      db,
      dispose: async () => {
        await db.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

export function postgresDatabaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

const postgres: MetadataBackend = {
  name: 'PostgreSQL',
  open: async () => {
    const base = postgresUrl as string;
    const database = `storelens_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const db = await openMetadata({ mode: 'server', url: postgresDatabaseUrl(base, database) });
    await migrateMetadata(db);
    return {
      db,
      dispose: async () => {
        await db.destroy();
        const drop = new pg.Client({ connectionString: base });
        await drop.connect();
        await drop.query(`DROP DATABASE IF EXISTS ${database}`);
        await drop.end();
      },
    };
  },
};

export const metadataBackends: MetadataBackend[] = postgresUrl ? [pglite, postgres] : [pglite];
