/** `storelens analyze refund-customers`: who asked for refunds — the same list as GET .../analyses/refund-customers. */
import type { Command } from 'commander';
import { CUSTOMER_SEGMENTS } from '../analyses/customer-list.analysis.js';
import { dateRange } from '../analyses/overview.analysis.js';
import { REFUND_CUSTOMERS_DOWNLOAD_MAX, refundCustomers } from '../analyses/refund-customers.analysis.js';
import { type AnalysisFlags, addOutputFlags, analysisCommand, asRows, pageFromFlags, runAnalysis } from './analysis-command.js';
import { type FilterFlags, filtersFromFlags } from './filter-flags.js';

export function registerAnalyzeRefundCustomers(analyze: Command): void {
  addOutputFlags(
    analysisCommand(
      analyze,
      'refund-customers',
      'Who asked for refunds: customers with a refunded order among those paid in the range, most refunded first',
    )
      .option('--segment <name>', `only customers in this RFM segment as of the last day: ${CUSTOMER_SEGMENTS.join(' | ')}`)
      .option('--limit <n>', `customers to print (at most ${REFUND_CUSTOMERS_DOWNLOAD_MAX})`, '100')
      .option('--offset <n>', 'skip this many first', '0'),
    { json: 'print JSON (with the totals and definitions)', csv: 'print the customers as CSV' },
  ).action(async (opts: AnalysisFlags & FilterFlags & { segment?: string; limit: string; offset: string }) => {
    const page = pageFromFlags(opts, REFUND_CUSTOMERS_DOWNLOAD_MAX);
    if (opts.segment !== undefined && !CUSTOMER_SEGMENTS.includes(opts.segment))
      throw new Error(`--segment ${opts.segment} is not one of ${CUSTOMER_SEGMENTS.join(', ')}`);
    await runAnalysis(
      'refund-customers',
      opts,
      (scope, shop) =>
        refundCustomers(scope, shop, dateRange(shop, opts.from, opts.to), page, filtersFromFlags(opts), opts.segment ?? null),
      (result, shop) => ({
        rows: asRows(result.customers),
        note: `${result.customers.length} of ${result.total} customers with refunds${result.segment ? ` now in ${result.segment}` : ''}, ${result.from}..${result.to} (${shop.currency}); ${result.guest_refunded_orders} guest refunds not listed`,
      }),
    );
  });
}
