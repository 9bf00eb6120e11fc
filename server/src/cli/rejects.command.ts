import type { Command } from 'commander';
import { ShopsRepo } from '../metadata/index.js';
import { outputFormat, printRows } from './output.js';
import { withStores } from './with-stores.js';

export function registerRejects(program: Command): void {
  program
    .command('rejects')
    .description('List rows an import rejected, with file, line, reason and raw text')
    .requiredOption('--shop <slug>', 'shop')
    .option('--job <id>', 'only this import job')
    .option('--limit <n>', 'at most this many rows', '100')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .action(async (opts: { shop: string; job?: string; limit: string; json?: boolean; csv?: boolean }) => {
      await withStores('rejects', async (stores) => {
        const shop = await new ShopsRepo(stores.metadata).getBySlug(opts.shop);
        const rows = await stores.warehouse.forShop(shop.id).rows<Record<string, unknown>>(
          `SELECT import_id AS job, source, line, reason, raw FROM import_rejects
           WHERE shop_id = {shop_id:UInt32} AND ({job:String} = '' OR import_id = {job:String})
           ORDER BY rejected_at DESC, line LIMIT {limit:UInt32}`,
          { job: opts.job ?? '', limit: Math.max(1, Math.min(100_000, Number(opts.limit) || 100)) },
          { purpose: 'cli.rejects' },
        );
        printRows(rows, outputFormat(opts), ['job', 'source', 'line', 'reason', 'raw']);
      });
    });
}
