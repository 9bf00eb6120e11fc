/**
 * `storelens analyze shops`: every shop's overview side by side, each against the period of the
 * same length before — the dashboard's "All shops" page for the terminal, or for a cron job's CSV.
 * Each shop's figures are its own overview (its days, its currency) and its diagnosis of the last
 * day (headline and severity), run on that shop's scope;
 * nothing is summed across shops. Shops are grouped by currency, largest payment amount first.
 */
import type { Command } from 'commander';
import { flatShopRow, shopsCompared } from '../analyses/shops-compared.analysis.js';
import { ShopsRepo, TargetsRepo } from '../metadata/index.js';
import { addOutputFlags } from './analysis-command.js';
import { filtersFromFlags } from './filter-flags.js';
import { notice, outputFormat, printRows } from './output.js';
import { withStores } from './with-stores.js';

interface ShopsFlags {
  days?: string;
  from?: string;
  to?: string;
  org?: string;
  json?: boolean;
  csv?: boolean;
}

export function registerAnalyzeShops(analyze: Command): void {
  addOutputFlags(
    analyze
      .command('shops')
      .description(
        'Every shop side by side: payment amount, visitors, paying buyers, conversion and spend per buyer, each against the period before, and the diagnosis of the last day',
      )
      .option('--days <n>', 'the last N days ending yesterday in each shop’s own time zone (default: 7)')
      .option('--from <date>', 'first day, YYYY-MM-DD (the same dates for every shop)')
      .option('--to <date>', 'last day, YYYY-MM-DD')
      .option('--org <name>', 'only the shops of this organization'),
    { json: 'print the comparison (each shop’s totals and changes) as JSON', csv: 'print a row per shop as CSV' },
  ).action(async (opts: ShopsFlags) => {
    await withStores('analyze shops', async (stores) => {
      const repo = new ShopsRepo(stores.metadata);
      let shops = await repo.list();
      if (opts.org !== undefined) {
        const org = (await repo.listOrganizations()).find((o) => o.name === opts.org);
        if (!org) throw new Error(`No organization "${opts.org}". Shops and their organizations: storelens shops list`);
        shops = shops.filter((s) => s.organization_id === org.id);
      }
      if (opts.days !== undefined && !/^\d+$/.test(opts.days))
        throw new Error(`--days must be a whole number of days, got "${opts.days}".`);
      const days = opts.days !== undefined ? Number(opts.days) : opts.from === undefined && opts.to === undefined ? 7 : undefined;
      const targets = new TargetsRepo(stores.metadata);
      // Whoever runs the CLI has the machine, and with it every shop: no row is refused.
      const result = await shopsCompared(
        stores.warehouse,
        shops.map((shop) => ({ shop, refusal: null })),
        { days, from: opts.from, to: opts.to },
        filtersFromFlags(opts),
        { targetsOf: (shopId, month) => targets.get(shopId, month) },
      );
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return;
      }
      const format = outputFormat(opts);
      const rows = result.rows.map(flatShopRow);
      // A terminal gets the headline in English only: a table's columns are padded by characters, which CJK text doubles.
      printRows(rows, format, format === 'table' ? Object.keys(rows[0] ?? {}).filter((c) => c !== 'diagnosis_zh') : undefined);
      if (!opts.csv)
        notice('each figure against the period of the same length before (change as a ratio); definitions: storelens analyze shops --json');
    });
  });
}
