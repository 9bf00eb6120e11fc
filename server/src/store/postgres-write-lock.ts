/**
 * The shops' write lock across processes, for PostgreSQL metadata (server mode, where a server and
 * a CLI import may write the same ClickHouse warehouse): a session advisory lock per shop, held on
 * one pooled connection for the length of a merge. If the process dies, PostgreSQL ends the
 * session and the lock goes with it. (PGlite needs none: it admits one process per directory.)
 */
import type { CrossProcessWriteLock } from '@storelens/etl';
import { sql } from 'kysely';
import type { MetadataDb } from '../metadata/index.js';

/** First key of the two-key advisory lock: "Storelens shop writes" (ASCII 'SLSW'). */
export const SHOP_WRITE_LOCK_CLASS = 0x534c5357;

export function postgresShopWriteLock(db: MetadataDb): CrossProcessWriteLock {
  return (shopId, write) =>
    db.connection().execute(async (conn) => {
      await sql`SELECT pg_advisory_lock(${SHOP_WRITE_LOCK_CLASS}::int, ${shopId}::int)`.execute(conn);
      try {
        return await write();
      } finally {
        await sql`SELECT pg_advisory_unlock(${SHOP_WRITE_LOCK_CLASS}::int, ${shopId}::int)`.execute(conn);
      }
    });
}
