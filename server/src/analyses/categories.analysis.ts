/**
 * Categories (类目分析): which product categories draw visitors, get carted, sell and come back —
 * per category its catalogue products and those viewed or sold, product views and visitors,
 * cart-adding visitors, paying buyers, orders, units, payment amount and its share, view-to-pay
 * conversion, and the refunds of those sales (sql/queries/categories.sql). Largest payment amount
 * first; each row opens the products ranking filtered to it on the dashboard.
 */
import type { ShopScope } from '@storelens/sql';
import type { Shop } from '../metadata/index.js';
import { catalogueGroupRows, type ViewedFrom } from './catalogue-groups.js';
import { type AnalysisFilters, activeFilters } from './filters.js';
import { definitionsOf, type MetricDefinition, type MetricName } from './metrics-catalogue.js';
import { CATEGORY_METRICS } from './metrics-categories.js';
import { cents, ratio } from './rounding.js';

export interface CategoryRow {
  /** The category ('' for products that carry none). */
  category: string;
  products: number;
  active_products: number;
  views: number;
  visitors: number;
  cart_visitors: number;
  cart_rate: number | null;
  buyers: number;
  paid_orders: number;
  units: number;
  gmv: number;
  gmv_share: number | null;
  view_to_pay_conversion: number | null;
  refunded_orders: number;
  refund_amount: number;
  refund_rate: number | null;
}

export interface CategoriesResult {
  shop: string;
  from: string;
  to: string;
  filters: AnalysisFilters;
  currency: string;
  /** All categories' payment amount (the paid lines' total), the shares' denominator. */
  total_gmv: number;
  rows: CategoryRow[];
  definitions: Record<string, MetricDefinition>;
}

const COUNTS = [
  'products',
  'active_products',
  'views',
  'visitors',
  'cart_visitors',
  'buyers',
  'paid_orders',
  'units',
  'gmv',
  'refunded_orders',
  'refund_amount',
] as const;
type Counts = Record<(typeof COUNTS)[number], unknown> & { category: string };

export async function categories(
  scope: ShopScope,
  shop: Shop,
  range: { from: string; to: string },
  filters: AnalysisFilters = {},
  viewedFrom: ViewedFrom = 'auto',
): Promise<CategoriesResult> {
  const found = await catalogueGroupRows<Counts>('categories', scope, shop, range, filters, viewedFrom);
  const totalGmv = found.reduce((a, r) => a + Number(r.gmv), 0);
  const rows = found
    .map((r): CategoryRow => {
      const n = (k: (typeof COUNTS)[number]) => Number(r[k] ?? 0);
      return {
        category: r.category,
        products: n('products'),
        active_products: n('active_products'),
        views: n('views'),
        visitors: n('visitors'),
        cart_visitors: n('cart_visitors'),
        cart_rate: ratio(n('cart_visitors'), n('visitors')),
        buyers: n('buyers'),
        paid_orders: n('paid_orders'),
        units: n('units'),
        gmv: cents(n('gmv')),
        gmv_share: ratio(n('gmv'), totalGmv),
        view_to_pay_conversion: ratio(n('buyers'), n('visitors')),
        refunded_orders: n('refunded_orders'),
        refund_amount: cents(n('refund_amount')),
        refund_rate: ratio(n('refund_amount'), n('gmv')),
      };
    })
    // What sells first; then what draws visitors; then by name ('' — no category — among them).
    .sort((a, b) => b.gmv - a.gmv || b.visitors - a.visitors || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0));
  return {
    shop: shop.slug,
    from: range.from,
    to: range.to,
    filters: activeFilters(filters),
    currency: shop.currency,
    total_gmv: cents(totalGmv),
    rows,
    definitions: definitionsOf(Object.keys(CATEGORY_METRICS) as MetricName[]),
  };
}
