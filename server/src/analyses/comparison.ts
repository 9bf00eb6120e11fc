/**
 * The comparison period of any ranged analysis, for the API and the CLI alike: the same analysis
 * for the period of the same length before (compare=previous, 环比), for the same days a year
 * before (compare=year, 同比) or for compare_from..compare_to.
 */
import type { Shop } from '../metadata/index.js';
import { dateRange, previousPeriod } from './overview.analysis.js';

export interface CompareParams {
  compare?: 'previous' | 'year' | 'none';
  compare_from?: string;
  compare_to?: string;
}

/**
 * The comparison period asked for, or null: the days given (compare_from/compare_to, either end
 * defaulting as a range's does; they win over compare=none), else the period of the same length
 * before when `compare` (or, unsaid, the analysis's fallback) is previous.
 */
export function comparisonPeriod(
  shop: Shop,
  range: { from: string; to: string },
  q: CompareParams,
  fallback: 'previous' | 'none',
): { from: string; to: string } | null {
  if (q.compare_from || q.compare_to) return dateRange(shop, q.compare_from, q.compare_to);
  const compare = q.compare ?? fallback;
  if (compare === 'year') return { from: aYearBefore(range.from), to: aYearBefore(range.to) };
  return compare === 'previous' ? previousPeriod(range) : null;
}

/** The same calendar day a year before; 29 February, which that year lacks, is the 28th. */
export function aYearBefore(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const lastOfMonth = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  return `${y - 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastOfMonth)).padStart(2, '0')}`;
}

/**
 * The analysis for the range and, when asked (compare=previous or year, or compare_from/compare_to), the
 * same analysis for the comparison period under `comparison`.
 *
 * With `sameRows`, for analyses that keep only their top rows (products, search terms, path
 * steps): the comparison period is asked for the rows the current period returned, passed to
 * `run` as `sameRowsAs`, instead of its own top rows. Otherwise a product in this period's top 50
 * but not in the earlier one's would have no figures from before to set beside its own. The two
 * periods then run one after the other.
 */
export async function withComparison<T extends object>(
  shop: Shop,
  range: { from: string; to: string },
  q: CompareParams,
  fallback: 'previous' | 'none',
  run: (range: { from: string; to: string }, sameRowsAs?: T) => Promise<T>,
  options: { sameRows?: boolean } = {},
): Promise<T & { comparison?: { from: string; to: string; result: T } }> {
  const other = comparisonPeriod(shop, range, q, fallback);
  if (!other) return run(range);
  if (options.sameRows) {
    const current = await run(range);
    return { ...current, comparison: { ...other, result: await run(other, current) } };
  }
  const [current, previous] = await Promise.all([run(range), run(other)]);
  return { ...current, comparison: { ...other, result: previous } };
}
