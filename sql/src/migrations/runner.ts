/**
 * Applies pending migrations and records them in `schema_migrations`. Running it twice is a
 * no-op; a file changed after it was applied is refused (write a new migration instead).
 * Statements are idempotent (IF NOT EXISTS), so a run interrupted mid-file can simply be repeated.
 */
import type { Warehouse } from '../warehouse.js';
import { loadMigrations, type MigrationFile } from './files.js';
import { type ClusterTarget, renderCluster, renderSingleNode } from './render.js';

export interface MigrateOptions {
  cluster?: string;
  dir?: string;
  /** Apply nothing after this version: a store as an older release left it (tests of upgrades). */
  upTo?: number;
}

export interface MigrateResult {
  applied: Array<{ version: number; name: string }>;
  alreadyApplied: number;
}

const TAG = { purpose: 'schema.migrate', lane: 'bulk' as const, timeoutSeconds: 600 };

export function historyTableDdl(target?: ClusterTarget): string {
  const columns = `(\n    version UInt32,\n    name String,\n    checksum String,\n    applied_at DateTime64(3, 'UTC') DEFAULT now64(3)\n)`;
  if (!target) return `CREATE TABLE IF NOT EXISTS schema_migrations ${columns}\nENGINE = MergeTree\nORDER BY version`;
  // One history for the whole cluster: every replica of every shard shares one replication path.
  return `CREATE TABLE IF NOT EXISTS schema_migrations ON CLUSTER '${target.cluster}' ${columns}\nENGINE = ReplicatedMergeTree('/clickhouse/tables/global/{database}/schema_migrations', '{shard}-{replica}')\nORDER BY version`;
}

/** The full rendered plan for every migration file, for `storelens migrate --print`. */
export function renderPlan(files: readonly MigrationFile[], target?: ClusterTarget): Array<{ file: MigrationFile; statements: string[] }> {
  const known = new Set<string>();
  return files.map((file) => ({
    file,
    statements: target ? renderCluster(file.statements, target, known) : renderSingleNode(file.statements),
  }));
}

/**
 * Fills in `{{database}}`, for the few statements that must name their database: a mutation runs
 * without a current one, so a table it reads (joinGet) is named in full.
 */
export function withDatabase(statement: string, database: string): string {
  if (!statement.includes('{{database}}')) return statement;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(database)) {
    throw new Error(`This migration names its database, and "${database}" is not a plain identifier (letters, digits, _).`);
  }
  return statement.replaceAll('{{database}}', database);
}

export async function migrate(wh: Warehouse, options: MigrateOptions = {}): Promise<MigrateResult> {
  const target = options.cluster ? { cluster: options.cluster } : undefined;
  const admin = wh.admin();
  await admin.command(historyTableDdl(target), {}, TAG);
  const history = await admin.rows<{ version: number; checksum: string }>(
    'SELECT version, any(checksum) AS checksum FROM schema_migrations GROUP BY version',
    {},
    TAG,
  );
  const applied = new Map(history.map((h) => [h.version, h.checksum]));
  const [current] = await admin.rows<{ d: string }>('SELECT currentDatabase() AS d', {}, TAG);
  const database = current?.d ?? 'default';
  const files = loadMigrations(options.dir).filter((f) => options.upTo === undefined || f.version <= options.upTo);
  const plan = renderPlan(files, target);
  const result: MigrateResult = { applied: [], alreadyApplied: 0 };
  for (const { file, statements } of plan) {
    const previous = applied.get(file.version);
    if (previous !== undefined) {
      if (previous !== file.checksum) {
        throw new Error(
          `Migration ${file.version}_${file.name} changed after it was applied (checksum differs). Add a new migration instead of editing an applied one.`,
        );
      }
      result.alreadyApplied++;
      continue;
    }
    for (const statement of statements) await admin.command(withDatabase(statement, database), {}, TAG);
    await admin.command(
      'INSERT INTO schema_migrations (version, name, checksum) VALUES ({version:UInt32}, {name:String}, {checksum:String})',
      { version: file.version, name: file.name, checksum: file.checksum },
      TAG,
    );
    result.applied.push({ version: file.version, name: file.name });
  }
  return result;
}
