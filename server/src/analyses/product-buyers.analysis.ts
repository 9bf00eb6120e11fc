/**
 * Who bought one product (商品人群): the known customers who paid, in the range, for orders
 * containing it — largest amount of the product first — for the campaign that follows a purchase
 * (a sleeping bag for everyone who bought the tent), each one a click from their profile. Paged like
 * the customer lists; a download takes them all.
 */
import type { ShopScope } from '@storelens/sql';
import type { Shop } from '../metadata/index.js';
import { CUSTOMER_LIST_DOWNLOAD_MAX } from './customer-list.analysis.js';
import { type AnalysisFilters, activeFilters, filteredQuery } from './filters.js';
import { definitionsOf, type MetricDefinition } from './metrics-catalogue.js';
import { assertKnownProduct } from './product-detail.analysis.js';
import { productLabels } from './product-labels.js';
import { cents } from './rounding.js';

export const PRODUCT_BUYERS_PAGE_MAX = 1000;
export { CUSTOMER_LIST_DOWNLOAD_MAX as PRODUCT_BUYERS_DOWNLOAD_MAX };

export interface ProductBuyer {
  customer_id: string;
  orders: number;
  units: number;
  amount: number;
  first_bought_day: string;
  last_bought_day: string;
}

export interface ProductBuyersResult {
  shop: string;
  filters: AnalysisFilters;
  product_id: string;
  name: string;
  from: string;
  to: string;
  /** Known customers who bought it in the range (all pages). */
  total: number;
  /** Paid orders containing it placed as a guest: counted, not listed. */
  guest_orders: number;
  offset: number;
  buyers: ProductBuyer[];
  definitions: Record<string, MetricDefinition>;
}

const LIST_SQL = `
SELECT customer_id, orders, units, toFloat64(amount_exact) AS amount,
       toString(first_day) AS first_bought_day, toString(last_day) AS last_bought_day
FROM buyers
ORDER BY amount_exact DESC, customer_id
LIMIT {limit:UInt32} OFFSET {offset:UInt32}`;

const SUMMARY_SQL = `
SELECT (SELECT count() FROM buyers) AS total, (SELECT count() FROM paid WHERE customer_id = '') AS guest_orders`;

export async function productBuyers(
  scope: ShopScope,
  shop: Shop,
  productId: string,
  range: { from: string; to: string },
  page: { limit: number; offset?: number },
  filters: AnalysisFilters = {},
): Promise<ProductBuyersResult> {
  await assertKnownProduct(scope, shop, productId);
  const base = filteredQuery('product-buyers', filters, shop, range.from);
  const params = { ...base.params, product_id: productId, from: range.from, to: range.to, tz: shop.time_zone };
  const tag = { purpose: 'analysis.product-buyers' };
  const offset = page.offset ?? 0;
  const [rows, [summary], labels] = await Promise.all([
    scope.rows<Record<string, unknown>>(`${base.sql}${LIST_SQL}`, { ...params, limit: page.limit, offset }, tag),
    scope.rows<{ total: number; guest_orders: number }>(`${base.sql}${SUMMARY_SQL}`, params, tag),
    productLabels(scope, [productId]),
  ]);
  return {
    shop: shop.slug,
    filters: activeFilters(filters),
    product_id: productId,
    name: labels.get(productId)?.name ?? '',
    from: range.from,
    to: range.to,
    total: Number(summary?.total ?? 0),
    guest_orders: Number(summary?.guest_orders ?? 0),
    offset,
    buyers: rows.map((r) => ({
      customer_id: String(r.customer_id),
      orders: Number(r.orders),
      units: Number(r.units),
      amount: cents(Number(r.amount)),
      first_bought_day: String(r.first_bought_day),
      last_bought_day: String(r.last_bought_day),
    })),
    definitions: definitionsOf(['product_buyer_orders', 'product_buyer_units', 'product_buyer_amount', 'product_guest_orders']),
  };
}
