/**
 * `storelens analyze audience`: an audience (人群圈选), as POST .../analyses/audience builds it —
 * the known customers matching every `--where` condition, by RFM segment, listed.
 */
import type { Command } from 'commander';
import { AUDIENCE_DOWNLOAD_MAX, AUDIENCE_MAX_FOLLOW_DAYS, audience } from '../analyses/audience/audience.analysis.js';
import { AUDIENCE_FIELD_NAMES, parseConditionText } from '../analyses/audience/audience-spec.js';
import { dateRange } from '../analyses/overview.analysis.js';
import { type AnalysisFlags, addOutputFlags, analysisCommand, asRows, pageFromFlags, runAnalysis } from './analysis-command.js';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerAnalyzeAudience(analyze: Command): void {
  addOutputFlags(
    analysisCommand(
      analyze,
      'audience',
      'An audience (人群圈选): the known customers matching every --where condition, largest spend to date first',
    )
      .requiredOption(
        '--where <condition>',
        `a condition, repeated for more (all must hold): FIELD>=N, FIELD<=N, FIELD=N, or FIELD in A,B / FIELD not_in A,B; fields: ${AUDIENCE_FIELD_NAMES.join(', ')}`,
        collect,
        [],
      )
      .option(
        '--follow-days <n>',
        `also what they did in the 1 to ${AUDIENCE_MAX_FOLLOW_DAYS} days after the range: who bought, orders, spend`,
      )
      .option('--limit <n>', `customers to print (at most ${AUDIENCE_DOWNLOAD_MAX})`, '100')
      .option('--offset <n>', 'skip this many first', '0'),
    { json: 'print JSON (with the totals by segment and the definitions)', csv: 'print the customers as CSV' },
  ).action(async (opts: AnalysisFlags & { where: string[]; followDays?: string; limit: string; offset: string }) => {
    const page = pageFromFlags(opts, AUDIENCE_DOWNLOAD_MAX);
    const conditions = opts.where.map(parseConditionText);
    await runAnalysis(
      'audience',
      opts,
      (scope, shop) =>
        audience(
          scope,
          shop,
          dateRange(shop, opts.from, opts.to),
          conditions,
          page,
          opts.followDays === undefined ? null : Number(opts.followDays),
        ),
      (result, shop) => ({
        rows: asRows(result.list),
        note: `${result.list.length} of ${result.customers} customers (${result.known_customers} known), ${result.from}..${result.to}; by segment: ${result.by_segment.map((s) => `${s.segment} ${s.customers}`).join(', ') || 'none'}; spend in the range ${result.spend} ${shop.currency}${result.followed ? `; ${result.followed.from}..${result.followed.to}: ${result.followed.buyers} bought again (${result.followed.orders} orders, ${result.followed.spend} ${shop.currency})` : ''}`,
      }),
    );
  });
}
