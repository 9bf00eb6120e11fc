/**
 * A dashboard view saved as a report: the page's API parameters (what a scheduled run sends, with
 * its own period), and back: the link that reopens the view from a saved report.
 */
import type { SavedReport } from '../api/types';
import type { ViewState } from './view-state';

/** Dashboard page → the analysis it shows. */
export const PAGE_ANALYSIS: Record<string, string> = {
  '': 'diagnostics',
  overview: 'overview',
  campaign: 'campaign-review',
  realtime: 'realtime',
  traffic: 'traffic',
  funnels: 'funnel',
  retention: 'retention',
  repurchase: 'repurchase',
  paths: 'paths',
  customers: 'customers',
  products: 'products',
  datasets: 'dataset',
};
const ANALYSIS_PAGE: Record<string, string> = {
  ...Object.fromEntries(Object.entries(PAGE_ANALYSIS).map(([p, a]) => [a, p])),
  'customer-list': 'customers',
  'product-buyers': 'products',
  product: 'products',
  // Panels saved on their own (panelReportParams): the Products page shows both.
  refunds: 'products',
  'refund-customers': 'products',
  'product-diagnosis': 'products',
  categories: 'products',
  // The Overview page's order values.
  'order-values': 'overview',
  // The Customers page's audience builder.
  audience: 'customers',
};

/** The Datasets page's table before anything is picked, and its picks as URL keys (`m`, `d`). */
export const DATASET_DEFAULTS = { measures: ['uv', 'paying_buyers', 'gmv', 'conversion_rate'], dimensions: ['channel'] };
/** What the Datasets page shows for a URL: the picked measures and dimensions, else the defaults. */
export function datasetPicks(search: URLSearchParams): { measures: string[]; dimensions: string[] } {
  const measures = search.getAll('m');
  const dimensions = search.getAll('d');
  return {
    measures: measures.length ? measures : DATASET_DEFAULTS.measures,
    dimensions: dimensions.length ? dimensions : DATASET_DEFAULTS.dimensions,
  };
}
/** A saved table holds every row (the preview shows 200), as its download does. */
const DATASET_FILE_ROWS = 100_000;

/** The refunds panel's split and the export table that holds it. */
const REFUND_SPLIT_TABLE: Record<string, string> = {
  channel: 'by_channel',
  live_room: 'by_live_room',
  category: 'by_category',
  product: 'by_product',
  reason: 'by_reason',
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
export const COMPARING_PAGES: ReadonlySet<string> = new Set(['overview', 'traffic', 'funnels', 'paths', 'products']);

/** Page-specific URL keys that are also API parameters. */
const API_KEYS = [
  'by',
  'cohort',
  'return',
  'period',
  'segment',
  'from_segment',
  'move',
  'mode',
  'sort',
  'depth',
  'top',
  'start',
  'usual_from',
  'usual_to',
  'after_days',
];

export function reportParams(page: string, view: ViewState, search: URLSearchParams): Record<string, unknown> {
  const params = panelReportParams(view, {}, { compare: COMPARING_PAGES.has(page) });
  for (const k of API_KEYS) if (search.get(k)) params[k] = search.get(k);
  if (pageAnalysis(page, search) === 'product-buyers') {
    // Its own parameters only: the ranking's sort, the comparison and a category are not its.
    const { category: _category, sort: _sort, compare: _compare, ...own } = params;
    return { ...own, product: search.get('product') };
  }
  if (page === 'datasets') return { ...params, ...datasetPicks(search), limit: DATASET_FILE_ROWS };
  // A campaign review is of its days (双11's, not whatever range is open when it is reopened); a
  // scheduled run still reviews its own period against the 28 days before it (reports/render.ts).
  if (page === 'campaign') {
    const other = search.get('compare_from') && search.get('compare_to');
    return {
      ...params,
      from: view.from,
      to: view.to,
      ...(other ? { compare_from: search.get('compare_from'), compare_to: search.get('compare_to') } : {}),
    };
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

/**
 * A saved view's parameters: the view's filters, the comparison when asked, and the analysis's own
 * parameters. Every page's view starts from it (reportParams); a panel saved on its own, apart from
 * its page's main analysis (the refunds of the sales and who asked for them, on the Products page),
 * adds its own parameters — for the refunds, the export table of its split, so a scheduled delivery
 * holds what the panel showed.
 */
export function panelReportParams(
  view: ViewState,
  own: Record<string, unknown>,
  options: { compare?: boolean } = {},
): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(view.filters)) if (Array.isArray(v) ? v.length : v !== 'all') params[k] = v;
  if (view.compare && options.compare) {
    if (view.compareWith === 'days') Object.assign(params, { compare_from: view.compareFrom, compare_to: view.compareTo });
    else params.compare = view.compareWith;
  }
  return { ...params, ...own };
}

/** The table a saved refunds view delivers for the panel's split (by channel when unknown). */
export const refundSplitTable = (split: string): string => REFUND_SPLIT_TABLE[split] ?? 'by_channel';

/** The repurchase export table of the second order split by the first order's product, channel, category, refund or discount. */
export const secondOrderTable = (first: string): string => `second_order_${first}`;

/**
 * Panels saved with the table of their split, and how a saved one reopens its page on that split:
 * the link's key, the split a table holds (undefined: not a split), and the page's default split,
 * which links leave out. Any other report's table is what its file holds, not something a page shows.
 */
const TABLE_SPLITS: Record<string, { key: string; split: (table: string) => string | undefined; byDefault: string }> = {
  refunds: {
    key: 'refunds_by',
    split: (table) => Object.entries(REFUND_SPLIT_TABLE).find(([, t]) => t === table)?.[0],
    byDefault: 'channel',
  },
  repurchase: { key: 'first', split: (table) => /^second_order_(.+)$/.exec(table)?.[1], byDefault: 'product' },
};

export function viewLink(shop: string, report: SavedReport): string {
  const page = ANALYSIS_PAGE[report.analysis] ?? '';
  const q = new URLSearchParams();
  const p = report.params as Record<string, unknown>;
  for (const [k, v] of Object.entries(p)) {
    if (['steps', 'window', 'order', 'exclusions', 'breakdown'].includes(k)) continue;
    if (report.analysis === 'audience' && k === 'conditions') continue;
    if (report.analysis === 'dataset' && (k === 'measures' || k === 'dimensions' || k === 'limit')) continue;
    if (k === 'compare') q.set('compare', v === 'year' ? 'year' : '1');
    else if (k === 'from' || k === 'to') {
      // Days saved with the view (a campaign review's): the link opens them.
      q.set(k, String(v));
      q.set('range', 'custom');
    } else if (k === 'compare_from' || k === 'compare_to') {
      // Chosen comparison days: the link compares with them.
      q.set(k, String(v));
      q.set('compare', 'days');
    } else if (k === 'table') {
      const splits = TABLE_SPLITS[report.analysis];
      const split = splits?.split(String(v));
      if (splits && split && split !== splits.byDefault) q.set(splits.key, split);
    } else for (const x of Array.isArray(v) ? v : [v]) q.append(k, String(x));
  }
  if (report.analysis === 'dataset') {
    for (const m of (p.measures as string[] | undefined) ?? []) q.append('m', m);
    for (const d of (p.dimensions as string[] | undefined) ?? []) q.append('d', d);
  }
  // An audience reopens its conditions in the builder, as a funnel its definition.
  if (report.analysis === 'audience' && Array.isArray(p.conditions)) q.set('audience', JSON.stringify(p.conditions));
  if (report.analysis === 'funnel') {
    const { steps, window, order, exclusions, breakdown } = p;
    q.set('funnel', JSON.stringify({ steps, window, order, exclusions, breakdown }));
  }
  const query = q.toString();
  return `/shops/${shop}/${page}${query ? `?${query}` : ''}`;
}
