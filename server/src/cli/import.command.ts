import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { IMPORT_KINDS, type ImportKind, PRESETS, readMapping, SOURCE_FORMATS, type SourceFormat } from '@storelens/etl';
import { type Command, InvalidArgumentError } from 'commander';
import { BadRequestError } from '../errors.js';
import { type ImportOutcome, ImportService } from '../imports/import-service.js';
import { ShopsRepo } from '../metadata/index.js';
import { notice, printRows } from './output.js';
import { owningServer } from './owning-server.js';
import { createProgress } from './progress.js';
import { importThroughServer } from './remote-import.js';
import { withStores } from './with-stores.js';

function oneOf<T extends string>(values: readonly T[], name: string) {
  return (v: string): T => {
    if (!(values as readonly string[]).includes(v)) throw new InvalidArgumentError(`${name} must be one of ${values.join(', ')}`);
    return v as T;
  };
}

interface ImportOptions {
  shop: string;
  kind?: ImportKind;
  format?: SourceFormat;
  preset?: string;
  mapping?: string;
  json?: boolean;
}

export function registerImport(program: Command): void {
  program
    .command('import <files...>')
    .description(
      'Import files into a shop: every row is loaded once, updated, counted as a duplicate, or rejected with its line and reason',
    )
    .requiredOption('--shop <slug>', 'shop to import into')
    .option('--kind <kind>', `${IMPORT_KINDS.join(' | ')} (not with --preset)`, oneOf(IMPORT_KINDS, 'kind'))
    .option('--format <format>', `${SOURCE_FORMATS.join(' | ')} (default: from the file name)`, oneOf(SOURCE_FORMATS, 'format'))
    .option('--preset <name>', `a known layout: ${Object.keys(PRESETS).join(', ')}`, oneOf(Object.keys(PRESETS), 'preset'))
    .option('--mapping <file>', 'JSON file mapping source columns to the import schema (its "kind" is used)')
    .option('--json', 'print the job results as JSON')
    .action(async (files: string[], opts: ImportOptions) => {
      const mapping = opts.mapping ? readMapping(opts.mapping) : undefined;
      const kind = opts.kind ?? mapping?.kind;
      if (opts.preset && (kind || mapping)) throw new BadRequestError('--preset decides the kinds itself; drop --kind and --mapping');
      if (!opts.preset && !kind) throw new BadRequestError('say what the file holds: --kind KIND, --preset NAME or --mapping FILE');
      if (mapping && opts.kind && opts.kind !== mapping.kind)
        throw new BadRequestError(`--kind ${opts.kind} contradicts the mapping's kind ${mapping.kind}`);
      const server = owningServer('this import', opts.shop);
      if (server) {
        // The running server owns the store: hand the files to it.
        const rows = await importThroughServer(server.url, server.apiKey, files, {
          shop: opts.shop,
          ...(kind ? { kind } : {}),
          ...(opts.preset ? { preset: opts.preset } : {}),
          ...(opts.format ? { format: opts.format } : {}),
          // The server checks the mapping again and applies it as a direct import would.
          ...(opts.mapping ? { mapping: readFileSync(opts.mapping, 'utf8') } : {}),
        });
        printRows(rows, opts.json ? 'json' : 'table');
        return;
      }
      await withStores('import', async (stores) => {
        const shop = await new ShopsRepo(stores.metadata).getBySlug(opts.shop);
        const service = new ImportService(stores.warehouse, stores.metadata);
        const outcomes: Array<ImportOutcome & { file: string }> = [];
        for (const path of files) {
          const progress = createProgress(basename(path), 100, '%');
          const onProgress = (p: { bytesRead: number; totalBytes: number; rowsRead: number; phase: string }) =>
            progress.update(p.totalBytes ? Math.round((100 * p.bytesRead) / p.totalBytes) : 0, { rowsRead: p.rowsRead, phase: p.phase });
          const preset = opts.preset ? PRESETS[opts.preset] : undefined;
          const done = preset
            ? await service.importPreset({ shop, preset, path, onProgress, actor: 'cli' })
            : [
                await service.importFile({
                  shop,
                  kind: kind as ImportKind,
                  path,
                  actor: 'cli',
                  ...(opts.format ? { format: opts.format } : {}),
                  ...(mapping ? { aliases: mapping.aliases } : {}),
                  onProgress,
                }),
              ];
          progress.finish();
          for (const o of done) for (const w of o.result.warnings) notice(`warning: ${w}`);
          outcomes.push(...done.map((o) => ({ ...o, file: path })));
        }
        const rows = outcomes.map(({ job, result, file }) => ({
          job: job.id,
          file,
          kind: job.kind,
          read: result.rowsRead,
          loaded: result.rowsLoaded,
          updated: result.rowsUpdated,
          duplicate: result.rowsDuplicate,
          rejected: result.rowsRejected,
          seconds: +(result.elapsedMs / 1000).toFixed(1),
        }));
        printRows(rows, opts.json ? 'json' : 'table');
        if (!opts.json && rows.some((r) => r.rejected > 0))
          notice(`rejected rows are listed with: storelens rejects --shop ${opts.shop} --job <job>`);
      });
    });
}
