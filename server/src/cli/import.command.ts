import { basename } from 'node:path';
import { IMPORT_KINDS, type ImportKind, SOURCE_FORMATS, type SourceFormat } from '@storelens/etl';
import { type Command, InvalidArgumentError } from 'commander';
import { ImportService } from '../imports/import-service.js';
import { ShopsRepo } from '../metadata/index.js';
import { notice, printRows } from './output.js';
import { createProgress } from './progress.js';
import { withStores } from './with-stores.js';

function oneOf<T extends string>(values: readonly T[], name: string) {
  return (v: string): T => {
    if (!(values as readonly string[]).includes(v)) throw new InvalidArgumentError(`${name} must be one of ${values.join(', ')}`);
    return v as T;
  };
}

export function registerImport(program: Command): void {
  program
    .command('import <files...>')
    .description(
      'Import files into a shop: every row is loaded once, updated, counted as a duplicate, or rejected with its line and reason',
    )
    .requiredOption('--shop <slug>', 'shop to import into')
    .requiredOption('--kind <kind>', IMPORT_KINDS.join(' | '), oneOf(IMPORT_KINDS, 'kind'))
    .option('--format <format>', `${SOURCE_FORMATS.join(' | ')} (default: from the file name)`, oneOf(SOURCE_FORMATS, 'format'))
    .option('--json', 'print the job results as JSON')
    .action(async (files: string[], opts: { shop: string; kind: ImportKind; format?: SourceFormat; json?: boolean }) => {
      await withStores('import', async (stores) => {
        const shop = await new ShopsRepo(stores.metadata).getBySlug(opts.shop);
        const service = new ImportService(stores.warehouse, stores.metadata);
        const results = [];
        for (const path of files) {
          const progress = createProgress(basename(path), 100, '%');
          const { job, result } = await service.importFile({
            shop,
            kind: opts.kind,
            path,
            ...(opts.format ? { format: opts.format } : {}),
            onProgress: (p) =>
              progress.update(p.totalBytes ? Math.round((100 * p.bytesRead) / p.totalBytes) : 0, { rowsRead: p.rowsRead, phase: p.phase }),
          });
          progress.finish({ rowsRead: result.rowsRead });
          for (const w of result.warnings) notice(`warning: ${w}`);
          results.push({
            job: job.id,
            file: path,
            read: result.rowsRead,
            loaded: result.rowsLoaded,
            updated: result.rowsUpdated,
            duplicate: result.rowsDuplicate,
            rejected: result.rowsRejected,
            seconds: +(result.elapsedMs / 1000).toFixed(1),
          });
        }
        printRows(results, opts.json ? 'json' : 'table');
        if (!opts.json && results.some((r) => r.rejected > 0))
          notice(`rejected rows are listed with: storelens rejects --shop ${opts.shop} --job <job>`);
      });
    });
}
