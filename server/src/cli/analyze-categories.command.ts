/** `storelens analyze categories`: the same categories as GET .../analyses/categories. */
import type { Command } from 'commander';
import { categories } from '../analyses/categories.analysis.js';
import { type AnalysisFlags, addOutputFlags, analysisCommand, asRows, type CompareFlags, runRangedAnalysis } from './analysis-command.js';
import { type FilterFlags, filtersFromFlags } from './filter-flags.js';

export function registerAnalyzeCategories(analyze: Command): void {
  addOutputFlags(
    analysisCommand(
      analyze,
      'categories',
      'Product categories (类目分析): products, views, visitors, carts, buyers, units, payment amount, conversion, refunds',
    ),
    { json: 'print the full result as JSON', csv: 'print the categories as CSV' },
  ).action(async (opts: AnalysisFlags & CompareFlags & FilterFlags) => {
    await runRangedAnalysis(
      'categories',
      opts,
      (scope, shop, range) => categories(scope, shop, range, filtersFromFlags(opts)),
      (result) => ({
        rows: asRows(result.rows),
        note: `${result.from}..${result.to}, largest payment amount first (${result.total_gmv} ${result.currency} in all); category "" = products that carry none`,
      }),
    );
  });
}
