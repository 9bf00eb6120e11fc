/** `storelens analyze order-values`: the same order values (客单价分布) as GET .../analyses/order-values. */
import type { Command } from 'commander';
import { amountsOf, checkedEdges, checkedThresholds, orderValues } from '../analyses/order-values.analysis.js';
import { type AnalysisFlags, addOutputFlags, analysisCommand, asRows, type CompareFlags, runRangedAnalysis } from './analysis-command.js';
import { type FilterFlags, filtersFromFlags } from './filter-flags.js';

const SECTIONS = ['bands', 'units', 'channel', 'thresholds'] as const;

export function registerAnalyzeOrderValues(analyze: Command): void {
  addOutputFlags(
    analysisCommand(
      analyze,
      'order-values',
      'Order values (客单价分布): paid orders by band of the amount paid, by units and by channel, the median order, and 满减 thresholds weighed',
    )
      .option('--by <section>', `${SECTIONS.join(' | ')}`, 'bands')
      .option('--edges <amounts>', 'band edges in the shop currency, ascending, comma-separated (e.g. 99,199,299)')
      .option(
        '--threshold <amounts>',
        '满减 thresholds, ascending, comma-separated (the tiers of one promotion): orders whose goods amount reaches each, and those just short of it',
      ),
    { json: 'print the full result as JSON', csv: 'print the chosen section as CSV' },
  ).action(async (opts: AnalysisFlags & CompareFlags & FilterFlags & { by: string; edges?: string; threshold?: string }) => {
    if (!(SECTIONS as readonly string[]).includes(opts.by))
      throw new Error(`--by must be one of ${SECTIONS.join(', ')}; got "${opts.by}".`);
    const edges = opts.edges === undefined ? undefined : checkedEdges(amountsOf(opts.edges));
    const thresholds = opts.threshold === undefined ? undefined : checkedThresholds(amountsOf(opts.threshold));
    await runRangedAnalysis(
      'order-values',
      opts,
      (scope, shop, range) => orderValues(scope, shop, range, { edges, thresholds }, filtersFromFlags(opts)),
      (result, shop) => {
        const t = result.totals;
        const weighed = result.thresholds
          .map((at) => `; at ${at.amount}: ${at.reached_orders} orders reach it, ${at.near_orders} are just short (by ${at.gap} in all)`)
          .join('');
        return {
          rows: asRows(
            { bands: result.bands, units: result.units, channel: result.byChannel, thresholds: result.thresholds }[
              opts.by as (typeof SECTIONS)[number]
            ],
          ),
          note: `${result.from}..${result.to}: ${t.orders} paid orders, ${t.gmv} ${shop.currency}; ${t.mean_order_value ?? '—'} per order, median ${t.median_order_value ?? '—'}, ${t.units_per_order ?? '—'} units per order${weighed}`,
        };
      },
    );
  });
}
