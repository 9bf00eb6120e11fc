/**
 * `storelens analyze shops`: every shop's overview side by side, each against the period of the
 * same length before — the dashboard's "All shops" page for the terminal, or for a cron job's CSV.
 * Each shop's figures are its own overview (its days, its currency), run on that shop's scope;
 * nothing is summed across shops. Shops are grouped by currency, largest payment amount first.
 */
import type { Command } from 'commander';
import { dateRange, type OverviewResult, overviewCompared } from '../analyses/overview.analysis.js';
import { type Shop, ShopsRepo } from '../metadata/index.js';
import { addOutputFlags } from './analysis-command.js';
import { notice, outputFormat, printRows } from './output.js';
import { withStores } from './with-stores.js';

/** The figures each shop is compared on, as the dashboard's page shows them. */
const FIGURES = ['gmv', 'uv', 'paying_buyers', 'conversion_rate', 'aov'] as const;

interface ShopsFlags {
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
        'Every shop side by side: payment amount, visitors, paying buyers, conversion and spend per buyer, each against the period before',
      )
      .option('--from <date>', 'first day, YYYY-MM-DD (each shop’s own days; default: the 7 days ending yesterday)')
      .option('--to <date>', 'last day, YYYY-MM-DD')
      .option('--org <name>', 'only the shops of this organization'),
    { json: 'print each shop’s overview (totals and comparison) as JSON', csv: 'print a row per shop as CSV' },
  ).action(async (opts: ShopsFlags) => {
    await withStores('analyze shops', async (stores) => {
      const repo = new ShopsRepo(stores.metadata);
      let shops = await repo.list();
      if (opts.org !== undefined) {
        const org = (await repo.listOrganizations()).find((o) => o.name === opts.org);
        if (!org) throw new Error(`No organization "${opts.org}". Shops and their organizations: storelens shops list`);
        shops = shops.filter((s) => s.organization_id === org.id);
      }
      const compared: Array<{ shop: Shop; result: OverviewResult }> = [];
      for (const shop of shops) {
        const range = dateRange(shop, opts.from, opts.to);
        compared.push({ shop, result: await overviewCompared(stores.warehouse.forShop(shop.id), shop, range) });
      }
      compared.sort(
        (a, b) =>
          a.shop.currency.localeCompare(b.shop.currency) ||
          (b.result.totals.gmv ?? -1) - (a.result.totals.gmv ?? -1) ||
          a.shop.name.localeCompare(b.shop.name),
      );
      if (opts.json) {
        process.stdout.write(
          `${JSON.stringify(
            compared.map((c) => c.result),
            null,
            2,
          )}\n`,
        );
        return;
      }
      printRows(compared.map(rowOf), outputFormat(opts));
      if (!opts.csv)
        notice(
          'each figure against the period of the same length before (change as a ratio); definitions: storelens analyze overview --json',
        );
    });
  });
}

/** A shop's line: its figures, each followed by its change against the period before (a ratio, empty when it had none). */
function rowOf({ shop, result }: { shop: Shop; result: OverviewResult }): Record<string, unknown> {
  const row: Record<string, unknown> = { shop: shop.slug, name: shop.name, currency: shop.currency, from: result.from, to: result.to };
  for (const figure of FIGURES) {
    row[figure] = result.totals[figure] ?? null;
    row[`${figure}_change`] = result.comparison?.changes[figure]?.changeRatio ?? null;
  }
  return row;
}
