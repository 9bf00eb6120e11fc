/**
 * Staging tables of imports that died (a killed process never reaches its cleanup). Embedded,
 * the store has one owner, so at start-up every staging table is stale. With a shared ClickHouse
 * server another process may be importing right now, so only tables untouched for a day go.
 */
import type { Warehouse } from '@storelens/sql';
import { STAGE_TABLE_PATTERN } from './sql/stage-sql.js';

export async function dropStaleStaging(wh: Warehouse): Promise<string[]> {
  const tag = { purpose: 'etl.cleanup', lane: 'bulk' as const };
  const tables = await wh.admin().rows<{ name: string }>(
    `SELECT name FROM system.tables
     WHERE database = currentDatabase() AND match(name, {pattern:String})
       AND ({all:UInt8} = 1 OR metadata_modification_time < now() - INTERVAL 1 DAY)`,
    { pattern: STAGE_TABLE_PATTERN, all: wh.mode === 'embedded' ? 1 : 0 },
    tag,
  );
  for (const { name } of tables) {
    if (!new RegExp(STAGE_TABLE_PATTERN).test(name)) continue; // never drop anything else
    await wh.admin().command(`DROP TABLE IF EXISTS ${name}`, {}, tag);
  }
  return tables.map((t) => t.name);
}
