/** `storelens analyze customer`: one customer, whole — the same answer as GET .../analyses/customers/{id}. */
import type { Command } from 'commander';
import { customerProfile } from '../analyses/customer-profile.analysis.js';
import { dateRange } from '../analyses/overview.analysis.js';
import { type AnalysisFlags, addOutputFlags, analysisCommand, asRows, runAnalysis } from './analysis-command.js';

export function registerAnalyzeCustomer(analyze: Command): void {
  addOutputFlags(
    analysisCommand(analyze, 'customer', 'One customer: RFM scores and segment, first facts, every order, and what they did in the shop', {
      range: false,
    })
      .requiredOption('--customer <id>', 'customer id')
      .option('--to <date>', 'score RFM as of this day, YYYY-MM-DD (shop-local; default yesterday)')
      .option('--events', 'print their latest events instead of their orders'),
    { json: 'print the whole profile as JSON', csv: 'print their orders (or, with --events, their latest events) as CSV' },
  ).action(async (opts: AnalysisFlags & { customer: string; to?: string; events?: boolean }) => {
    await runAnalysis(
      'customer',
      opts,
      (scope, shop) => customerProfile(scope, shop, opts.customer, dateRange(shop, opts.to, opts.to).to),
      (result, shop) => ({
        rows: asRows(opts.events ? result.activity.latest : result.orders),
        note: [
          result.rfm
            ? `${result.customer_id}: ${result.rfm.segment} as of ${result.at} (R ${result.rfm.r}, F ${result.rfm.f}, M ${result.rfm.m})`
            : `${result.customer_id}: no paid order by ${result.at}`,
          `${result.totals.paid_orders} paid of ${result.totals.orders} orders, ${result.totals.payment_amount} ${shop.currency} paid, ${result.totals.refund_amount} refunded`,
          `${result.activity.events} events on ${result.activity.visitor_ids} devices`,
        ].join('; '),
      }),
    );
  });
}
