/** `storelens analyze price-bands`: the same price bands as GET .../analyses/price-bands. */
import type { Command } from 'commander';
import { priceBands } from '../analyses/price-bands.analysis.js';
import { type AnalysisFlags, addOutputFlags, analysisCommand, asRows, type CompareFlags, runRangedAnalysis } from './analysis-command.js';
import { type FilterFlags, filtersFromFlags } from './filter-flags.js';

export function registerAnalyzePriceBands(analyze: Command): void {
  addOutputFlags(
    analysisCommand(analyze, 'price-bands', 'Products by band of catalogue price: products, visitors, buyers, units, payment amount'),
    { json: 'print the full result as JSON', csv: 'print the bands as CSV' },
  ).action(async (opts: AnalysisFlags & CompareFlags & FilterFlags) => {
    await runRangedAnalysis(
      'price-bands',
      opts,
      (scope, shop, range) => priceBands(scope, shop, range, filtersFromFlags(opts)),
      (result) => ({
        rows: asRows(result.rows),
        note: `${result.from}..${result.to}, bands of catalogue price in ${result.currency}; band "" = products not in the catalogue`,
      }),
    );
  });
}
