/**
 * `storelens analyze dataset`: a dataset builder table, as POST .../datasets builds it — catalogue
 * measures by chosen dimensions over a range, with the usual filters (no comparison, as on the API).
 */
import type { Command } from 'commander';
import { DATASET_DIMENSIONS, DATASET_MAX_ROWS, DATASET_MEASURES, dataset } from '../analyses/datasets/dataset.analysis.js';
import { dateRange } from '../analyses/overview.analysis.js';
import { type AnalysisFlags, addOutputFlags, analysisCommand, asRows, runAnalysis } from './analysis-command.js';
import { type FilterFlags, filtersFromFlags } from './filter-flags.js';
import { commaList } from './output.js';

export function registerAnalyzeDataset(analyze: Command): void {
  addOutputFlags(
    analysisCommand(analyze, 'dataset', 'A table of catalogue measures by chosen dimensions (the dashboard’s Datasets page)')
      .requiredOption('--measures <list>', `comma-separated, 1 to 20 of: ${DATASET_MEASURES.join(', ')}`)
      .option('--dimensions <list>', `comma-separated, up to 4 of: ${Object.keys(DATASET_DIMENSIONS).join(', ')}`, '')
      .option('--limit <n>', `rows, 1 to ${DATASET_MAX_ROWS}`, '1000'),
    { json: 'print the full result as JSON (with the measures’ definitions)', csv: 'print the table as CSV' },
  ).action(async (opts: AnalysisFlags & FilterFlags & { measures: string; dimensions: string; limit: string }) => {
    await runAnalysis(
      'dataset',
      opts,
      (scope, shop) =>
        dataset(
          scope,
          shop,
          dateRange(shop, opts.from, opts.to),
          { measures: commaList(opts.measures), dimensions: commaList(opts.dimensions), limit: Number(opts.limit) },
          filtersFromFlags(opts),
        ),
      (result) => ({
        rows: asRows(result.rows),
        note: `${result.from}..${result.to}: ${result.total} rows${result.total > result.rows.length ? `, the first ${result.rows.length} shown (--limit)` : ''}`,
      }),
    );
  });
}
