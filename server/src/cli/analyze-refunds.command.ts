/** `storelens analyze refunds`: the same refunds of the range's sales as GET .../analyses/refunds. */
import type { Command } from 'commander';
import { PRODUCT_LIMIT_MAX } from '../analyses/products.analysis.js';
import { type RefundsResult, refunds } from '../analyses/refunds.analysis.js';
import {
  type AnalysisFlags,
  addOutputFlags,
  analysisCommand,
  asRows,
  type CompareFlags,
  limitFromFlag,
  runRangedAnalysis,
} from './analysis-command.js';
import { type FilterFlags, filtersFromFlags } from './filter-flags.js';

const SECTIONS = ['channel', 'live_room', 'category', 'product', 'reason', 'day', 'delay'] as const;

export function registerAnalyzeRefunds(analyze: Command): void {
  addOutputFlags(
    analysisCommand(
      analyze,
      'refunds',
      'Refunds of the range’s sales: orders paid in the range that came back refunded, for how much and how soon, by channel, live room, category, product, refund reason or paying day',
    )
      .option('--by <section>', `${SECTIONS.join(' | ')} (delay: refunded orders by days from payment to refund)`, 'channel')
      .option('--limit <n>', `how many products (1-${PRODUCT_LIMIT_MAX})`, '20'),
    { json: 'print the full result as JSON', csv: 'print the chosen section as CSV' },
  ).action(async (opts: AnalysisFlags & CompareFlags & FilterFlags & { by: string; limit: string }) => {
    if (!(SECTIONS as readonly string[]).includes(opts.by))
      throw new Error(`--by must be one of ${SECTIONS.join(', ')}; got "${opts.by}".`);
    const limit = limitFromFlag(opts.limit, PRODUCT_LIMIT_MAX);
    await runRangedAnalysis<RefundsResult>(
      'refunds',
      opts,
      // Compared, the period before holds this period's top products (as the API's comparison does).
      (scope, shop, range, sameRowsAs) =>
        refunds(scope, shop, range, { limit, products: sameRowsAs?.byProduct.map((p) => p.product_id) }, filtersFromFlags(opts)),
      (result, shop) => {
        const t = result.totals;
        const provisional = result.provisionalFrom
          ? `; sales from ${result.provisionalFrom} on are still settling (refunds come up to 14 days after)`
          : '';
        const note = `${result.from}..${result.to}: ${t.refunded_orders} of ${t.paid_orders} paid orders refunded (${t.full_refunds} in full), ${t.refund_amount} of ${t.gmv} ${shop.currency}; median ${t.median_days_to_refund ?? '—'} days to refund${provisional}`;
        const rows = {
          channel: result.byChannel,
          live_room: result.byLiveRoom,
          category: result.byCategory,
          product: result.byProduct,
          reason: result.byReason,
          day: result.daily,
          delay: result.daysToRefund.histogram,
        }[opts.by as (typeof SECTIONS)[number]];
        return { rows: asRows(rows), note };
      },
      { sameRows: true },
    );
  });
}
