import { loadMigrations, migrate, renderPlan, withDatabase } from '@storelens/sql';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { migrateMetadata } from '../metadata/index.js';
import { notice } from './output.js';
import { withStores } from './with-stores.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending warehouse and metadata migrations (running it twice changes nothing)')
    .option('--cluster <name>', 'render and apply the cluster form: Replicated tables sharded by shop_id plus Distributed tables')
    .option('--print', 'print the rendered warehouse SQL instead of applying it')
    .action(async (opts: { cluster?: string; print?: boolean }) => {
      const target = opts.cluster ? { cluster: opts.cluster } : undefined;
      const config = loadConfig();
      if (opts.print) {
        const database = config.clickhouse?.database ?? 'default';
        for (const { file, statements } of renderPlan(loadMigrations(), target)) {
          process.stdout.write(
            `-- ${String(file.version).padStart(4, '0')}_${file.name}\n${statements.map((s) => `${withDatabase(s, database)};\n`).join('\n')}\n`,
          );
        }
        return;
      }
      if (opts.cluster && !config.clickhouse) throw new Error('--cluster needs CLICKHOUSE_URL: the embedded warehouse is a single node.');
      await withStores(
        'migrate',
        async (stores) => {
          const result = await migrate(stores.warehouse, opts.cluster ? { cluster: opts.cluster } : {});
          const metadata = await migrateMetadata(stores.metadata);
          for (const m of result.applied) notice(`applied ${String(m.version).padStart(4, '0')}_${m.name}`);
          notice(
            `warehouse: ${result.applied.length} applied, ${result.alreadyApplied} already applied; metadata: ${metadata.length} applied.`,
          );
        },
        config,
        { migrate: false },
      );
    });
}
