/** `storelens analyze campaign-review`: the same review as GET .../analyses/campaign-review. */
import type { Command } from 'commander';
import { type CampaignReviewResult, campaignReview } from '../analyses/campaign-review.analysis.js';
import { campaignWindows } from '../analyses/campaign-windows.js';
import { type AnalysisFlags, addOutputFlags, analysisCommand, asRows, runAnalysis } from './analysis-command.js';
import { type FilterFlags, filtersFromFlags } from './filter-flags.js';

const TABLES = {
  figures: (r: CampaignReviewResult) => r.figures,
  channels: (r: CampaignReviewResult) => r.channels,
  products: (r: CampaignReviewResult) => r.products,
  first_buyers: (r: CampaignReviewResult) => r.first_buyers,
} as const;

interface Flags extends AnalysisFlags, FilterFlags {
  usualFrom?: string;
  usualTo?: string;
  afterDays?: string;
  compareFrom?: string;
  compareTo?: string;
  table?: string;
}

export function registerAnalyzeCampaignReview(analyze: Command): void {
  addOutputFlags(
    analysisCommand(analyze, 'campaign-review', 'A campaign’s days against the usual days before them and the days after (活动复盘)', {
      from: 'the campaign’s first day, YYYY-MM-DD (shop-local; required)',
      to: 'the campaign’s last day, YYYY-MM-DD (shop-local; required)',
    })
      .option('--usual-from <date>', 'first of the usual days (default: 28 days before --from)')
      .option('--usual-to <date>', 'last of the usual days (default: the day before --from)')
      .option('--after-days <n>', 'days after the campaign to look at, 0–28', '7')
      .option('--compare-from <date>', 'first day of another campaign to set beside this one')
      .option('--compare-to <date>', 'last day of that campaign')
      .option('--table <name>', `the rows to print: ${Object.keys(TABLES).join(', ')}`, 'figures'),
    { json: 'print the full result as JSON', csv: 'print the chosen rows as CSV' },
  ).action(async (opts: Flags) => {
    if (!opts.from || !opts.to) throw new Error('--from and --to are required: the campaign’s first and last day.');
    const pick = TABLES[opts.table as keyof typeof TABLES];
    if (!pick) throw new Error(`--table ${opts.table} is not one of ${Object.keys(TABLES).join(', ')}`);
    const afterDays = Number(opts.afterDays);
    if (!Number.isInteger(afterDays) || afterDays < 0 || afterDays > 28)
      throw new Error(`--after-days ${opts.afterDays} is not a whole number 0–28`);
    await runAnalysis(
      'campaign-review',
      opts,
      (scope, shop) =>
        campaignReview(
          scope,
          shop,
          campaignWindows(shop, {
            from: opts.from ?? '',
            to: opts.to ?? '',
            usual_from: opts.usualFrom,
            usual_to: opts.usualTo,
            after_days: afterDays,
            compare_from: opts.compareFrom,
            compare_to: opts.compareTo,
          }),
          filtersFromFlags(opts),
        ),
      (result) => ({
        rows: asRows(pick(result)),
        note: [
          `campaign ${result.campaign.from}..${result.campaign.to} (${result.campaign.days} days${result.campaign.asked_to ? `; asked through ${result.campaign.asked_to}, days not complete yet are left out` : ''})`,
          `usual ${result.usual.from}..${result.usual.to} (${result.usual.days})`,
          result.after ? `after ${result.after.from}..${result.after.to} (${result.after.days})` : 'no days after yet',
          `extra payment amount ${result.summary.extra_gmv} ${result.currency}${result.summary.net_extra_gmv == null ? '' : `, net of the days after ${result.summary.net_extra_gmv}`}`,
        ].join('; '),
      }),
    );
  });
}
