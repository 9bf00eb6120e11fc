/** `storelens analyze targets`: a month's targets and their progress, as GET .../targets. */
import type { Command } from 'commander';
import { currentMonth, targetProgress } from '../analyses/target-progress.js';
import { checkMonth, TargetsRepo } from '../metadata/index.js';
import { type AnalysisFlags, addOutputFlags, analysisCommand, asRows, runAnalysis } from './analysis-command.js';

export function registerAnalyzeTargets(analyze: Command): void {
  addOutputFlags(
    analysisCommand(analyze, 'targets', "A month's targets (set in Settings or the API) and how the month to date stands against them", {
      range: false,
    }).option('--month <YYYY-MM>', 'the calendar month (default: the shop’s current month)'),
    { json: 'print the full result as JSON', csv: 'print the targets as CSV' },
  ).action(async (opts: AnalysisFlags & { month?: string }) => {
    await runAnalysis(
      'targets',
      opts,
      async (scope, shop, stores) => {
        const month = opts.month ?? currentMonth(shop);
        checkMonth(month);
        return targetProgress(scope, shop, month, await new TargetsRepo(stores.metadata).get(shop.id, month));
      },
      (result) => ({
        rows: asRows(result.targets),
        note:
          result.targets.length === 0
            ? `no targets set for ${result.month}`
            : `${result.month}: month to date through ${result.through ?? '(no complete day yet)'}, day ${result.days_elapsed} of ${result.days_in_month}; pace 1 = on pace`,
      }),
    );
  });
}
