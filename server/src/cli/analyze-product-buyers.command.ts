/** `storelens analyze product-buyers`: who bought one product — the same list as GET .../products/{id}/buyers. */
import type { Command } from 'commander';
import { CUSTOMER_SEGMENTS } from '../analyses/customer-list.analysis.js';
import { dateRange } from '../analyses/overview.analysis.js';
import { PRODUCT_BUYERS_DOWNLOAD_MAX, productBuyers } from '../analyses/product-buyers.analysis.js';
import { type AnalysisFlags, addOutputFlags, analysisCommand, asRows, pageFromFlags, runAnalysis } from './analysis-command.js';
import { type FilterFlags, filtersFromFlags } from './filter-flags.js';

export function registerAnalyzeProductBuyers(analyze: Command): void {
  addOutputFlags(
    analysisCommand(analyze, 'product-buyers', 'Who bought one product in the range: its known buyers, largest amount first')
      .requiredOption('--product <id>', 'product id')
      .option('--segment <name>', `only buyers in this RFM segment as of the last day: ${CUSTOMER_SEGMENTS.join(' | ')}`)
      .option('--limit <n>', `buyers to print (at most ${PRODUCT_BUYERS_DOWNLOAD_MAX})`, '100')
      .option('--offset <n>', 'skip this many first', '0'),
    { json: 'print JSON (with the totals and definitions)', csv: 'print the buyers as CSV' },
  ).action(async (opts: AnalysisFlags & FilterFlags & { product: string; segment?: string; limit: string; offset: string }) => {
    const page = pageFromFlags(opts, PRODUCT_BUYERS_DOWNLOAD_MAX);
    if (opts.segment !== undefined && !CUSTOMER_SEGMENTS.includes(opts.segment))
      throw new Error(`--segment ${opts.segment} is not one of ${CUSTOMER_SEGMENTS.join(', ')}`);
    await runAnalysis(
      'product-buyers',
      opts,
      (scope, shop) =>
        productBuyers(
          scope,
          shop,
          opts.product,
          dateRange(shop, opts.from, opts.to),
          page,
          filtersFromFlags(opts, { category: false }),
          opts.segment ?? null,
        ),
      (result, shop) => ({
        rows: asRows(result.buyers),
        note: `${result.buyers.length} of ${result.total} buyers${result.segment ? ` now in ${result.segment}` : ''} of ${result.name || result.product_id}, ${result.from}..${result.to} (${shop.currency}); ${result.guest_orders} guest orders not listed`,
      }),
    );
  });
}
