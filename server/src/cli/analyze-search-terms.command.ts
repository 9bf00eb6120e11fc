/** `storelens analyze search-terms`: the same in-shop search terms as GET .../analyses/search-terms. */
import type { Command } from 'commander';
import {
  SEARCH_TERM_SORTS,
  SEARCH_TERMS_LIMIT,
  type SearchTermSort,
  type SearchTermsResult,
  searchTerms,
} from '../analyses/search-terms.analysis.js';
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

export function registerAnalyzeSearchTerms(analyze: Command): void {
  addOutputFlags(
    analysisCommand(
      analyze,
      'search-terms',
      'In-shop search terms: searches, searchers, and who viewed, added to cart or paid after searching',
    )
      .option('--limit <n>', `how many terms (1-${SEARCH_TERMS_LIMIT.max})`, String(SEARCH_TERMS_LIMIT.default))
      .option('--sort <figure>', `rank by ${SEARCH_TERM_SORTS.join(' | ')}`, 'searches'),
    { json: 'print the full result as JSON (terms and totals)', csv: 'print the terms as CSV' },
  ).action(async (opts: AnalysisFlags & CompareFlags & FilterFlags & { limit: string; sort: string }) => {
    if (!(SEARCH_TERM_SORTS as readonly string[]).includes(opts.sort))
      throw new Error(`--sort ${opts.sort} is not one of ${SEARCH_TERM_SORTS.join(', ')}`);
    const sort = opts.sort as SearchTermSort;
    const limit = limitFromFlag(opts.limit, SEARCH_TERMS_LIMIT.max);
    await runRangedAnalysis<SearchTermsResult>(
      'search-terms',
      opts,
      (scope, shop, range, sameRowsAs) =>
        searchTerms(scope, shop, range, { limit, sort, terms: sameRowsAs?.rows.map((r) => r.term) }, filtersFromFlags(opts)),
      (result) => ({
        rows: asRows(result.rows),
        note: `${result.rows.length} of ${result.totals.terms} terms by ${result.sort}, ${result.from}..${result.to}; ${result.totals.searches} searches by ${result.totals.searchers} visitors, ${result.totals.paid_after} of them paid after searching`,
      }),
      { sameRows: true },
    );
  });
}
