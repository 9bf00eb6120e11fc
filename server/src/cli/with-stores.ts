/** Opens the stores for one CLI command, says which store it is using, and always closes them. */
import { loadConfig, type StorelensConfig } from '../config.js';
import { openStores, type Stores } from '../store/open-stores.js';
import { notice } from './output.js';

export async function withStores<T>(
  command: string,
  fn: (stores: Stores) => Promise<T>,
  config: StorelensConfig = loadConfig(),
  options: { migrate?: boolean } = {},
): Promise<T> {
  const stores = await openStores(config, { command, ...options });
  const where = [
    config.clickhouse ? `warehouse ClickHouse at ${config.clickhouse.url}` : `embedded warehouse in ${config.dataDir}`,
    config.databaseUrl ? 'metadata in PostgreSQL' : 'embedded metadata',
  ].join(', ');
  notice(`storelens: using the ${where} directly (no server involved).`);
  try {
    return await fn(stores);
  } finally {
    await stores.close();
  }
}
