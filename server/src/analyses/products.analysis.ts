/**
 * Products: a ranking of the shop's products over a date range by engagement (views, visitors,
 * cart adds) and sales (buyers, orders, units, amount, refunds), with view-to-pay conversion.
 */
import { loadQueryText, pickIdentifier, type ShopScope } from '@storelens/sql';
import type { Shop } from '../metadata/index.js';
import { type AnalysisFilters, activeFilters, filteredSql, readsRollup } from './filters.js';
import { definitionsOf, type MetricDefinition, type MetricName } from './metrics-catalogue.js';
import { cents, ratio } from './rounding.js';

/** What the ranking can be sorted by: name → result column. */
export const PRODUCT_SORTS = {
  views: 'views',
  visitors: 'visitors',
  cart_adds: 'cart_adds',
  cart_visitors: 'cart_visitors',
  buyers: 'buyers',
  paid_orders: 'paid_orders',
  units: 'units',
  gmv: 'gmv',
  refund_amount: 'refund_amount',
  view_to_pay_conversion: 'view_to_pay_conversion',
} as const;

export interface ProductRow {
  product_id: string;
  name: string;
  category: string;
  views: number;
  visitors: number;
  cart_adds: number;
  cart_visitors: number;
  buyers: number;
  paid_orders: number;
  units: number;
  gmv: number;
  refund_amount: number;
  view_to_pay_conversion: number | null;
}

export interface ProductsResult {
  shop: string;
  filters: AnalysisFilters;
  from: string;
  to: string;
  sort: string;
  categories: string[];
  /** Products with any activity in the range (after the category filter), before the limit. */
  productsTotal: number;
  rows: ProductRow[];
  definitions: Record<string, MetricDefinition>;
}

export const PRODUCT_LIMIT_MAX = 1000;

/** The per-product metrics, shared with the single-product view. */
export const PRODUCT_METRICS = [
  'product_views',
  'product_visitors',
  'product_cart_adds',
  'product_cart_visitors',
  'product_buyers',
  'product_paid_orders',
  'product_units',
  'product_gmv',
  'product_refund_amount',
  'view_to_pay_conversion',
] as const satisfies readonly MetricName[];

export async function products(
  scope: ShopScope,
  shop: Shop,
  range: { from: string; to: string },
  options: {
    sort?: string;
    categories?: string[];
    /** Only these products (a comparison period asked for the current period's rows). */
    products?: string[];
    limit?: number;
    engagementFrom?: 'auto' | 'events';
  } = {},
  filters: AnalysisFilters = {},
): Promise<ProductsResult> {
  const sort = options.sort ?? 'gmv';
  // Engagement comes from the daily product rollup unless a filter must reach the events (tests
  // pass engagementFrom 'events' to hold the two to the same answer).
  const rollup = options.engagementFrom !== 'events' && readsRollup(filters);
  const engagement = loadQueryText(rollup ? 'products-engagement-rollup' : 'products-engagement');
  const q = filteredSql(loadQueryText('products').replace('{engagement}', engagement), filters, shop, range.from);
  // The one identifier in this query comes from the whitelist; an unknown name is a 400.
  const sql = q.sql.replaceAll('{sort}', pickIdentifier('sort', PRODUCT_SORTS, sort));
  const categories = options.categories ?? [];
  const raw = await scope.rows<Record<string, number | string | null>>(
    sql,
    {
      ...q.params,
      from: range.from,
      to: range.to,
      tz: shop.time_zone,
      categories,
      listed_only: options.products !== undefined,
      products: options.products ?? [],
      limit: options.products ? options.products.length : (options.limit ?? 50),
    },
    { purpose: rollup ? 'analysis.products.rollup' : 'analysis.products' },
  );
  const n = (v: unknown) => Number(v ?? 0);
  const rows = raw.map(
    (r): ProductRow => ({
      product_id: String(r.product_id),
      name: String(r.name ?? ''),
      category: String(r.category ?? ''),
      views: n(r.views),
      visitors: n(r.visitors),
      cart_adds: n(r.cart_adds),
      cart_visitors: n(r.cart_visitors),
      buyers: n(r.buyers),
      paid_orders: n(r.paid_orders),
      units: n(r.units),
      gmv: cents(n(r.gmv)),
      refund_amount: cents(n(r.refund_amount)),
      view_to_pay_conversion: r.view_to_pay_conversion === null ? null : ratio(n(r.view_to_pay_conversion), 1),
    }),
  );
  return {
    shop: shop.slug,
    filters: activeFilters(filters),
    from: range.from,
    to: range.to,
    sort,
    categories,
    productsTotal: n(raw[0]?.products_total),
    rows,
    definitions: definitionsOf(PRODUCT_METRICS),
  };
}
