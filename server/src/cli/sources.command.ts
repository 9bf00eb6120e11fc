import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMPORT_KINDS, PRESETS } from '@storelens/etl';
import type { Command } from 'commander';
import { BadRequestError } from '../errors.js';
import { ImportService } from '../imports/import-service.js';
import { SourcePoller } from '../imports/source-poller.js';
import { ImportSourcesRepo, ShopsRepo } from '../metadata/index.js';
import { notice, outputFormat, printRows } from './output.js';
import { withStores } from './with-stores.js';

export function registerSources(program: Command): void {
  const sources = program
    .command('sources')
    .description('Recurring imports: drop folders and URLs the server polls; each new file is imported once');

  sources
    .command('add')
    .description('Add a drop folder (--folder) or URL (--url) for a shop')
    .requiredOption('--shop <slug>', 'shop')
    .option('--folder <dir>', 'absolute folder path on the server')
    .option('--url <url>', 'http(s) URL of a file to fetch')
    .option('--kind <kind>', IMPORT_KINDS.join(' | '))
    .option('--preset <name>', Object.keys(PRESETS).join(' | '))
    .option('--mapping <file>', 'JSON mapping file for a layout no preset covers (its kind is used)')
    .option('--every <seconds>', 'poll interval in seconds (at least 10)', '300')
    .action(
      async (opts: { shop: string; folder?: string; url?: string; kind?: string; preset?: string; mapping?: string; every: string }) => {
        if (!opts.folder === !opts.url) throw new BadRequestError('Give exactly one of --folder or --url.');
        await withStores('sources add', async (stores) => {
          const shop = await new ShopsRepo(stores.metadata).getBySlug(opts.shop);
          const s = await new ImportSourcesRepo(stores.metadata).create({
            shopId: shop.id,
            location: (opts.folder ?? opts.url) as string,
            ...(opts.kind ? { kind: opts.kind } : {}),
            ...(opts.preset ? { preset: opts.preset } : {}),
            ...(opts.mapping ? { mapping: readFileSync(opts.mapping, 'utf8') } : {}),
            intervalSeconds: Number(opts.every),
          });
          notice(
            `added source ${s.id}: ${s.location} every ${s.interval_seconds}s (${s.kind ?? s.preset}${s.mapping ? ' through the mapping' : ''}); the running server polls it`,
          );
        });
      },
    );

  sources
    .command('list')
    .description('List import sources')
    .option('--shop <slug>', 'only this shop')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .action(async (opts: { shop?: string; json?: boolean; csv?: boolean }) => {
      await withStores('sources list', async (stores) => {
        const shopId = opts.shop ? (await new ShopsRepo(stores.metadata).getBySlug(opts.shop)).id : undefined;
        const rows = (await new ImportSourcesRepo(stores.metadata).list(shopId)).map((s) => ({
          id: s.id,
          shop_id: s.shop_id,
          location: s.location,
          imports: s.preset ? `preset ${s.preset}` : s.mapping ? `${s.kind} (mapping)` : s.kind,
          every_seconds: s.interval_seconds,
          last_polled_at: s.last_polled_at,
          last_error: s.last_error,
        }));
        printRows(rows, outputFormat(opts), ['id', 'shop_id', 'location', 'imports', 'every_seconds', 'last_polled_at', 'last_error']);
      });
    });

  sources
    .command('remove <id>')
    .description('Remove an import source')
    .requiredOption('--shop <slug>', 'shop')
    .action(async (id: string, opts: { shop: string }) => {
      await withStores('sources remove', async (stores) => {
        const shop = await new ShopsRepo(stores.metadata).getBySlug(opts.shop);
        await new ImportSourcesRepo(stores.metadata).remove(shop.id, Number(id));
        notice(`removed source ${id}`);
      });
    });

  sources
    .command('poll')
    .description('Poll every source once now (when no server is running)')
    .action(async () => {
      await withStores('sources poll', async (stores) => {
        const poller = new SourcePoller(
          stores.metadata,
          new ImportService(stores.warehouse, stores.metadata),
          join(stores.config.dataDir, 'downloads'),
          () => Number.POSITIVE_INFINITY,
        );
        const reports = await poller.pollDue();
        printRows(
          reports.map((r) => ({
            source: r.sourceId,
            imported: r.imported.join(' '),
            skipped: r.skipped.length,
            failed: r.failed.map((f) => `${f.file}: ${f.error}`).join('; '),
            error: r.error ?? '',
          })),
          'table',
        );
      });
    });
}
