/**
 * Opens the metadata store: PGlite on a directory by default, PostgreSQL when a URL is given.
 * The same Kysely code runs on both.
 */
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { MetadataDatabase } from './schema.js';

export type MetadataConfig = { mode: 'embedded'; path: string } | { mode: 'server'; url: string };

export type MetadataDb = Kysely<MetadataDatabase>;

export async function openMetadata(config: MetadataConfig): Promise<MetadataDb> {
  if (config.mode === 'embedded') {
    const pglite = await PGlite.create(config.path);
    return new Kysely<MetadataDatabase>({ dialect: new PGliteDialect(pglite) });
  }
  // bigint counters come back as JS numbers: job row counts stay far below 2^53.
  pg.types.setTypeParser(20, (v) => Number(v));
  const pool = new pg.Pool({ connectionString: config.url, max: 10 });
  return new Kysely<MetadataDatabase>({ dialect: new PostgresDialect({ pool }) });
}
