import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMPORT_KINDS, PRESETS } from '@storelens/etl';
import type { Command } from 'commander';
import { BadRequestError } from '../errors.js';
import { DROP_FOLDER_NAME, shopDropFolder } from '../imports/drop-folders.js';
import { ImportService } from '../imports/import-service.js';
import { SourcePoller } from '../imports/source-poller.js';
import { ImportSourcesRepo, ShopsRepo } from '../metadata/index.js';
import { notice, outputFormat, printRows } from './output.js';
import { owningServer } from './owning-server.js';
import { RemoteSources } from './remote-sources.js';
import { withStores } from './with-stores.js';

interface AddOptions {
  shop: string;
  drop?: string;
  folder?: string;
  url?: string;
  kind?: string;
  preset?: string;
  mapping?: string;
  every: string;
}

/** The running server's import-sources API when a server owns the embedded store (as for `import`). */
function throughServer(shop: string | undefined): { url: string; sources: RemoteSources } | undefined {
  const server = owningServer('sources', shop);
  return server && shop ? { url: server.url, sources: new RemoteSources(server.url, server.apiKey, shop) } : undefined;
}

export function registerSources(program: Command): void {
  const sources = program
    .command('sources')
    .description('Recurring imports: drop folders and URLs the server polls; each new file is imported once');

  sources
    .command('add')
    .description("Add a drop folder (--drop NAME under the shop's drop folder, or --folder DIR) or a URL (--url) for a shop")
    .requiredOption('--shop <slug>', 'shop')
    .option(
      '--drop <name>',
      "a folder name under the shop's drop folder (STORELENS_DROP_DIR/<id>-<slug>/NAME); works while the server runs",
    )
    .option('--folder <dir>', 'absolute folder path on the server (with the server stopped)')
    .option('--url <url>', 'http(s) URL of a file to fetch (with the server stopped)')
    .option('--kind <kind>', IMPORT_KINDS.join(' | '))
    .option('--preset <name>', Object.keys(PRESETS).join(' | '))
    .option('--mapping <file>', 'JSON mapping file for a layout no preset covers (its kind is used)')
    .option('--every <seconds>', 'poll interval in seconds (at least 10)', '300')
    .action(async (opts: AddOptions) => {
      if ([opts.drop, opts.folder, opts.url].filter(Boolean).length !== 1)
        throw new BadRequestError('Give exactly one of --drop NAME, --folder DIR or --url URL.');
      if (opts.drop !== undefined && !new RegExp(DROP_FOLDER_NAME).test(opts.drop))
        throw new BadRequestError(`--drop ${opts.drop} is not one folder name (letters, digits, - and _).`);
      const what = {
        ...(opts.kind ? { kind: opts.kind } : {}),
        ...(opts.preset ? { preset: opts.preset } : {}),
        ...(opts.mapping ? { mapping: readFileSync(opts.mapping, 'utf8') } : {}),
      };
      const remote = throughServer(opts.shop);
      if (remote) {
        if (!opts.drop)
          throw new BadRequestError(
            `The Storelens server at ${remote.url} owns the store: a URL or a folder outside the shop's drop folder is added with the server stopped; while it runs, use --drop NAME.`,
          );
        const s = await remote.sources.add({ folder: opts.drop, ...what, everySeconds: Number(opts.every) });
        notice(
          `added source ${s.id}: ${s.location} every ${s.everySeconds}s (${s.kind ?? s.preset}${s.mapping ? ' through the mapping' : ''})`,
        );
        return;
      }
      await withStores('sources add', async (stores) => {
        const shop = await new ShopsRepo(stores.metadata).getBySlug(opts.shop);
        const location = opts.drop ? join(shopDropFolder(stores.config.dropDir, shop), opts.drop) : ((opts.folder ?? opts.url) as string);
        const s = await new ImportSourcesRepo(stores.metadata).create({
          shopId: shop.id,
          location,
          ...what,
          intervalSeconds: Number(opts.every),
        });
        if (opts.drop) mkdirSync(location, { recursive: true });
        notice(
          `added source ${s.id}: ${s.location} every ${s.interval_seconds}s (${s.kind ?? s.preset}${s.mapping ? ' through the mapping' : ''}); the running server polls it`,
        );
      });
    });

  const COLUMNS = ['id', 'shop_id', 'location', 'imports', 'every_seconds', 'last_polled_at', 'last_error'];
  const imports = (s: { kind: string | null; preset: string | null; mapping: string | null }) =>
    s.preset ? `preset ${s.preset}` : s.mapping ? `${s.kind} (mapping)` : s.kind;
  sources
    .command('list')
    .description('List import sources')
    .option('--shop <slug>', 'only this shop (needed while a server owns the store)')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .action(async (opts: { shop?: string; json?: boolean; csv?: boolean }) => {
      const remote = throughServer(opts.shop);
      if (remote) {
        const { sources: listed } = await remote.sources.list();
        const rows = listed.map((s) => ({
          id: s.id,
          shop_id: opts.shop,
          location: s.location,
          imports: imports(s),
          every_seconds: s.everySeconds,
          last_polled_at: s.lastPolledAt,
          last_error: s.lastError,
        }));
        return printRows(rows, outputFormat(opts), COLUMNS);
      }
      await withStores('sources list', async (stores) => {
        const shopId = opts.shop ? (await new ShopsRepo(stores.metadata).getBySlug(opts.shop)).id : undefined;
        const rows = (await new ImportSourcesRepo(stores.metadata).list(shopId)).map((s) => ({
          id: s.id,
          shop_id: s.shop_id,
          location: s.location,
          imports: imports(s),
          every_seconds: s.interval_seconds,
          last_polled_at: s.last_polled_at,
          last_error: s.last_error,
        }));
        printRows(rows, outputFormat(opts), COLUMNS);
      });
    });

  sources
    .command('remove <id>')
    .description('Remove an import source')
    .requiredOption('--shop <slug>', 'shop')
    .action(async (id: string, opts: { shop: string }) => {
      const remote = throughServer(opts.shop);
      if (remote) {
        await remote.sources.remove(Number(id));
        return notice(`removed source ${id}`);
      }
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
