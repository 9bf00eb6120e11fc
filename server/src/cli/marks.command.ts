/**
 * `storelens marks`: a shop's marked days (活动标注 — promotions, live streams, ads, launches,
 * incidents) from a script, as the dashboard's Marks panel and /api/v1/shops/:shop/annotations
 * keep them: a year of campaigns marked in one go, read back, removed, with the API's checks
 * (days, title, kind). Through the server when one owns the embedded store (with a shop API key in
 * STORELENS_API_KEY), else in the store itself (marks-backend.ts).
 */
import type { Command } from 'commander';
import { ANNOTATION_KINDS, type AnnotationKind } from '../metadata/schema.js';
import { withMarks } from './marks-backend.js';
import { notice, outputFormat, printRows } from './output.js';

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
      await withMarks('marks list', opts.shop, async (backend) => {
        const rows = (await backend.list({ from: opts.from, to: opts.to })).map((m) => ({
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
      await withMarks('marks add', opts.shop, async (backend) => {
        // The days, the title and the kind are checked as the API's are (the repository's checks).
        const mark = await backend.add({
          from: opts.from,
          to: opts.to ?? opts.from,
          title: opts.title,
          kind: opts.kind as AnnotationKind,
          note: opts.note ?? null,
        });
        if (opts.json) process.stdout.write(`${JSON.stringify(mark, null, 2)}\n`);
        else
          notice(
            `marked ${mark.from === mark.to ? mark.from : `${mark.from} – ${mark.to}`} "${mark.title}" (${mark.kind}) in ${opts.shop}: mark ${mark.id}`,
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
      await withMarks('marks remove', opts.shop, async (backend) => {
        const mark = await backend.remove(n);
        notice(`removed mark ${mark.id} "${mark.title}" from ${opts.shop}`);
      });
    });
}
