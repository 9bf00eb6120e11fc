/**
 * A dashboard view saved as a report: the page's API parameters (what a scheduled run sends, with
 * its own period), and back: the link that reopens the view from a saved report.
 */
import type { SavedReport } from '../api/types';
import type { ViewState } from './view-state';

/** Dashboard page → the analysis it shows. */
export const PAGE_ANALYSIS: Record<string, string> = {
  '': 'diagnostics',
  realtime: 'realtime',
  traffic: 'traffic',
  funnels: 'funnel',
  retention: 'retention',
  repurchase: 'repurchase',
  paths: 'paths',
  customers: 'customers',
  products: 'products',
};
const ANALYSIS_PAGE: Record<string, string> = {
  ...Object.fromEntries(Object.entries(PAGE_ANALYSIS).map(([p, a]) => [a, p])),
  'customer-list': 'customers',
  'product-buyers': 'products',
};

/**
 * The analysis a page's view is saved as: the customers page with a segment picked saves that
 * segment's customer list (so a schedule can deliver, say, the at-risk customers every Monday), and
 * the products page with a product picked saves who bought it (the follow-up offer's list).
 */
export function pageAnalysis(page: string, search: URLSearchParams): string | undefined {
  if (page === 'customers' && search.get('segment')) return 'customer-list';
  if (page === 'products' && search.get('product')) return 'product-buyers';
  return PAGE_ANALYSIS[page];
}

/**
 * The pages that show the comparison period (each table's change beside its figures), and so offer
 * the toggle and save it. Elsewhere it would change nothing on screen: the home page compares
 * against its own baselines, and cohorts, repurchase windows and RFM segments are not compared
 * period against period.
 */
export const COMPARING_PAGES: ReadonlySet<string> = new Set(['traffic', 'funnels', 'paths', 'products']);

/** Page-specific URL keys that are also API parameters. */
const API_KEYS = ['by', 'cohort', 'return', 'period', 'segment', 'from_segment', 'move', 'mode', 'sort', 'depth', 'top', 'start'];

export function reportParams(page: string, view: ViewState, search: URLSearchParams): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(view.filters)) if (Array.isArray(v) ? v.length : v !== 'all') params[k] = v;
  if (view.compare && COMPARING_PAGES.has(page)) params.compare = 'previous';
  for (const k of API_KEYS) if (search.get(k)) params[k] = search.get(k);
  if (pageAnalysis(page, search) === 'product-buyers') {
    // Its own parameters only: the ranking's sort, the comparison and a category are not its.
    const { category: _category, sort: _sort, compare: _compare, ...own } = params;
    return { ...own, product: search.get('product') };
  }
  if (page === 'funnels')
    Object.assign(
      params,
      JSON.parse(
        search.get('funnel') ??
          '{"steps":[{"event":"product_view"},{"event":"add_to_cart"},{"event":"checkout_start"},{"event":"order_paid"}],"window":"1d","order":"ordered"}',
      ),
    );
  return params;
}

export function viewLink(shop: string, report: SavedReport): string {
  const page = ANALYSIS_PAGE[report.analysis] ?? '';
  const q = new URLSearchParams();
  const p = report.params as Record<string, unknown>;
  for (const [k, v] of Object.entries(p)) {
    if (['steps', 'window', 'order', 'exclusions', 'breakdown'].includes(k)) continue;
    if (k === 'compare') q.set('compare', '1');
    else for (const x of Array.isArray(v) ? v : [v]) q.append(k, String(x));
  }
  if (report.analysis === 'funnel') {
    const { steps, window, order, exclusions, breakdown } = p;
    q.set('funnel', JSON.stringify({ steps, window, order, exclusions, breakdown }));
  }
  return `/shops/${shop}/${page}?${q}`;
}
