/**
 * `storelens marks`: a shop's marked days (活动标注 — promotions, live streams, ads, launches,
 * incidents) from a script, as the dashboard's Marks panel and /api/v1/shops/:shop/annotations
 * keep them: a year of campaigns marked in one go, read back, removed, with the API's checks
 * (days, title, kind). Opens the store itself, as `keys` does: with the embedded store, stop the
 * server first (or use the API).
 */
import type { Command } from 'commander';
import { AnnotationsRepo, ShopsRepo } from '../metadata/index.js';
import { ANNOTATION_KINDS, type AnnotationKind } from '../metadata/schema.js';
import { notice, outputFormat, printRows } from './output.js';
import { withStores } from './with-stores.js';

export function registerMarks(program: Command): void {
  const marks = program.command('marks').description('A shop’s marked days: promotions, live streams, ads, launches, incidents');

  marks
    .command('list')
    .description('The marks touching the days given (all when none are)')
    .requiredOption('--shop <slug>', 'shop')
    .option('--from <date>', 'first day, YYYY-MM-DD (shop-local)')
    .option('--to <date>', 'last day, YYYY-MM-DD (shop-local)')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .action(async (opts: { shop: string; from?: string; to?: string; json?: boolean; csv?: boolean }) => {
      await withStores('marks list', async (stores) => {
        const shop = await new ShopsRepo(stores.metadata).getBySlug(opts.shop);
        const rows = (await new AnnotationsRepo(stores.metadata).list(shop.id, { from: opts.from, to: opts.to })).map((m) => ({
          id: m.id,
          from: m.from,
          to: m.to,
          title: m.title,
          kind: m.kind,
          note: m.note ?? '',
          created_by: m.created_by?.name ?? '',
        }));
        printRows(rows, outputFormat(opts));
      });
    });

  marks
    .command('add')
    .description('Mark days: one day, or --from through --to')
    .requiredOption('--shop <slug>', 'shop')
    .requiredOption('--from <date>', 'first day, YYYY-MM-DD (shop-local)')
    .option('--to <date>', 'last day, YYYY-MM-DD (default: --from)')
    .requiredOption('--title <text>', 'what happened ("Double 11", "Live stream with …")')
    .option('--kind <kind>', ANNOTATION_KINDS.join(' | '), 'promotion')
    .option('--note <text>', 'anything else worth knowing')
    .option('--json', 'print the mark as JSON')
    .action(async (opts: { shop: string; from: string; to?: string; title: string; kind: string; note?: string; json?: boolean }) => {
      await withStores('marks add', async (stores) => {
        const shop = await new ShopsRepo(stores.metadata).getBySlug(opts.shop);
        // The repository checks the days, the title and the kind as the API's do.
        const mark = await new AnnotationsRepo(stores.metadata).create(shop.id, {
          from: opts.from,
          to: opts.to ?? opts.from,
          title: opts.title,
          kind: opts.kind as AnnotationKind,
          note: opts.note ?? null,
        });
        if (opts.json) process.stdout.write(`${JSON.stringify(mark, null, 2)}\n`);
        else
          notice(
            `marked ${mark.from === mark.to ? mark.from : `${mark.from} – ${mark.to}`} "${mark.title}" (${mark.kind}) in ${shop.slug}: mark ${mark.id}`,
          );
      });
    });

  marks
    .command('remove')
    .description('Remove a mark by its id (marks list shows them)')
    .argument('<id>', 'the mark’s id')
    .requiredOption('--shop <slug>', 'shop')
    .action(async (id: string, opts: { shop: string }) => {
      const n = Number(id);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${id} is not a mark id (a whole number; marks list shows them)`);
      await withStores('marks remove', async (stores) => {
        const shop = await new ShopsRepo(stores.metadata).getBySlug(opts.shop);
        const repo = new AnnotationsRepo(stores.metadata);
        const mark = await repo.get(shop.id, n);
        await repo.delete(shop.id, n);
        notice(`removed mark ${mark.id} "${mark.title}" from ${shop.slug}`);
      });
    });
}
