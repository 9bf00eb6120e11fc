/**
 * In-shop search terms (搜索词): what visitors searched for in the shop, and how many of them went
 * on to view a product, add to cart and pay in the same session (sql/queries/search-terms.sql).
 * The terms with the most searches first; the totals count every term, each visitor once.
 */
import { loadQueryText, type ShopScope } from '@storelens/sql';
import type { Shop } from '../metadata/index.js';
import { type AnalysisFilters, activeFilters, filteredSql } from './filters.js';
import { definitionsOf, type MetricDefinition } from './metrics-catalogue.js';
import { ratio } from './rounding.js';

export const SEARCH_TERMS_LIMIT = { max: 500, default: 50 } as const;
/** What the terms can be ranked by (the first is the default); ties by searches, then term. */
export const SEARCH_TERM_SORTS = ['searches', 'searchers', 'paid_after', 'search_conversion'] as const;
export type SearchTermSort = (typeof SEARCH_TERM_SORTS)[number];

export interface SearchTermFigures {
  searches: number;
  searchers: number;
  viewed_after: number;
  carted_after: number;
  paid_after: number;
  search_view_rate: number | null;
  search_conversion: number | null;
}

export interface SearchTermRow extends SearchTermFigures {
  term: string;
  search_share: number | null;
}

export interface SearchTermsResult {
  shop: string;
  from: string;
  to: string;
  filters: AnalysisFilters;
  /** Every term of the period: the searches, each visitor once, and how many terms. */
  totals: SearchTermFigures & { terms: number };
  /** What the rows are ranked by. */
  sort: SearchTermSort;
  /** The top terms by `sort`, at most `limit`. */
  rows: SearchTermRow[];
  definitions: Record<string, MetricDefinition>;
}

type Counts = Record<'searches' | 'searchers' | 'viewed_after' | 'carted_after' | 'paid_after' | 'terms' | 'is_total', unknown> & {
  term: string;
};

const NO_SEARCHES: Counts = { term: '', is_total: 1, searches: 0, searchers: 0, viewed_after: 0, carted_after: 0, paid_after: 0, terms: 0 };

function figures(c: Counts): SearchTermFigures {
  const n = (k: keyof Counts) => Number(c[k]);
  return {
    searches: n('searches'),
    searchers: n('searchers'),
    viewed_after: n('viewed_after'),
    carted_after: n('carted_after'),
    paid_after: n('paid_after'),
    search_view_rate: ratio(n('viewed_after'), n('searchers')),
    search_conversion: ratio(n('paid_after'), n('searchers')),
  };
}

export async function searchTerms(
  scope: ShopScope,
  shop: Shop,
  range: { from: string; to: string },
  options: {
    limit?: number;
    sort?: SearchTermSort;
    /** Only these terms (a comparison period asked for the current period's rows). */
    terms?: string[];
  } = {},
  filters: AnalysisFilters = {},
): Promise<SearchTermsResult> {
  const q = filteredSql(loadQueryText('search-terms'), filters, shop, range.from);
  const rows = await scope.rows<Counts>(
    q.sql,
    {
      ...q.params,
      from: range.from,
      to: range.to,
      sort: options.sort ?? 'searches',
      listed_only: options.terms !== undefined,
      terms: options.terms ?? [],
      limit: options.terms ? options.terms.length : (options.limit ?? SEARCH_TERMS_LIMIT.default),
    },
    { purpose: 'analysis.search-terms' },
  );
  // An empty period has no rows at all, not even the total: zeros, and empty rates.
  const total = rows.find((r) => Number(r.is_total) === 1) ?? NO_SEARCHES;
  const totals = { ...figures(total), terms: Number(total.terms) };
  return {
    shop: shop.slug,
    from: range.from,
    to: range.to,
    filters: activeFilters(filters),
    sort: options.sort ?? 'searches',
    totals,
    rows: rows
      .filter((r) => Number(r.is_total) !== 1)
      .map((r) => ({ term: r.term, ...figures(r), search_share: ratio(Number(r.searches), totals.searches) })),
    definitions: definitionsOf([
      'search_term',
      'searches',
      'searchers',
      'viewed_after',
      'carted_after',
      'paid_after',
      'search_view_rate',
      'search_conversion',
      'search_share',
    ]),
  };
}
