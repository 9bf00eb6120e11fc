/**
 * Opens both stores for a process: the data-directory lock (when anything is embedded), the
 * warehouse (chDB or ClickHouse server) and the metadata store (PGlite or PostgreSQL), and
 * applies pending migrations to both. `close()` undoes all of it, in reverse order.
 */
import { dropStaleStaging, refreshAllPending, useCrossProcessWriteLock } from '@storelens/etl';
import { migrate, type QueryObserver, Warehouse } from '@storelens/sql';
import { metadataDir, type StorelensConfig, usesDataDir, warehouseDir } from '../config.js';
import { type MetadataDb, migrateMetadata, openMetadata, ShopsRepo } from '../metadata/index.js';
import { DataDirLock } from './data-dir-lock.js';
import { postgresShopWriteLock } from './postgres-write-lock.js';

export interface Stores {
  config: StorelensConfig;
  warehouse: Warehouse;
  metadata: MetadataDb;
  lock: DataDirLock | undefined;
  close(): Promise<void>;
}

export interface OpenStoresOptions {
  /** Name of the command opening the store, shown to a second process that finds it busy. */
  command: string;
  observer?: QueryObserver;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
}

export async function openStores(config: StorelensConfig, options: OpenStoresOptions): Promise<Stores> {
  const lock = usesDataDir(config) ? DataDirLock.acquire(config.dataDir, options.command) : undefined;
  let warehouse: Warehouse | undefined;
  let metadata: MetadataDb | undefined;
  try {
    const connections = {
      interactiveConnections: config.interactiveConnections,
      bulkConnections: config.bulkConnections,
      ingestConnections: config.ingestConnections,
    };
    warehouse = await Warehouse.open(
      config.clickhouse
        ? {
            mode: 'server',
            ...config.clickhouse,
            username: config.clickhouse.user,
            defaultTimeoutSeconds: config.queryTimeoutSeconds,
            ...connections,
          }
        : { mode: 'embedded', path: warehouseDir(config), defaultTimeoutSeconds: config.queryTimeoutSeconds, ...connections },
      options.observer ? { observer: options.observer } : {},
    );
    metadata = await openMetadata(
      config.databaseUrl ? { mode: 'server', url: config.databaseUrl } : { mode: 'embedded', path: metadataDir(config) },
    );
    if (config.databaseUrl) useCrossProcessWriteLock(warehouse, postgresShopWriteLock(metadata));
    if (options.migrate !== false) {
      await migrate(warehouse);
      await migrateMetadata(metadata);
      await dropStaleStaging(warehouse);
      // Daily session figures and buyers' days a process that died (mid-import, or with
      // live ingestion's recompute still waiting) left marked as out of date.
      const shops = new ShopsRepo(metadata);
      await refreshAllPending(warehouse, async (id) => (await shops.findById(id))?.time_zone);
    }
  } catch (error) {
    await metadata?.destroy().catch(() => {});
    await warehouse?.close().catch(() => {});
    lock?.release();
    throw error;
  }
  const wh = warehouse;
  const meta = metadata;
  let closed = false;
  return {
    config,
    warehouse: wh,
    metadata: meta,
    lock,
    async close() {
      if (closed) return;
      closed = true;
      await meta.destroy();
      await wh.close();
      lock?.release();
    },
  };
}
