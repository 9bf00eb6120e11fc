/**
 * Who bought one product (商品人群): the known customers who paid, in the range, for orders
 * containing it — largest amount of the product first — for the campaign that follows a purchase
 * (a sleeping bag for everyone who bought the tent), each one a click from their profile. Paged like
 * the customer lists; a download takes them all.
 */
import type { ShopScope } from '@storelens/sql';
import type { Shop } from '../metadata/index.js';
import { CUSTOMER_LIST_DOWNLOAD_MAX } from './customer-list.analysis.js';
import { segmentOf } from './customers.analysis.js';
import { type AnalysisFilters, activeFilters, filteredSql } from './filters.js';
import { definitionsOf, type MetricDefinition } from './metrics-catalogue.js';
import { assertKnownProduct } from './product-detail.analysis.js';
import { productLabels } from './product-labels.js';
import { cents } from './rounding.js';
import { IN_SEGMENT, scoredPage, segmentParams, withScores } from './scored-list.js';

export const PRODUCT_BUYERS_PAGE_MAX = 1000;
export { CUSTOMER_LIST_DOWNLOAD_MAX as PRODUCT_BUYERS_DOWNLOAD_MAX };

export interface ProductBuyer {
  customer_id: string;
  /** Their RFM segment as of the range's last day, scored as the customer lists score it. */
  segment: string;
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
  /** Only buyers in this RFM segment as of the range's last day; null: every buyer. */
  segment: string | null;
  /** Known customers who bought it in the range, in the segment when one is given (all pages). */
  total: number;
  /** Paid orders containing it placed as a guest: counted, not listed. */
  guest_orders: number;
  offset: number;
  buyers: ProductBuyer[];
  definitions: Record<string, MetricDefinition>;
}

/** The buyers with their RFM scores now; a segment keeps those in its (R, F) cells. */
const SCORED_BUYERS = `
FROM buyers AS b
INNER JOIN scored AS s ON s.customer_id = b.customer_id
${IN_SEGMENT}`;

const LIST_SQL = `
SELECT b.customer_id AS customer_id, s.r AS r, s.f AS f, b.orders AS orders, b.units AS units,
       toFloat64(b.amount_exact) AS amount,
       toString(b.first_day) AS first_bought_day, toString(b.last_day) AS last_bought_day,
       count() OVER () AS total, (SELECT count() FROM paid WHERE customer_id = '') AS guest_orders
${SCORED_BUYERS}
ORDER BY b.amount_exact DESC, b.customer_id
LIMIT {limit:UInt32} OFFSET {offset:UInt32}`;

/** The totals alone, for a page with no row to carry them (past the end, or nobody in the segment). */
const SUMMARY_SQL = `
SELECT (SELECT count() ${SCORED_BUYERS}) AS total, (SELECT count() FROM paid WHERE customer_id = '') AS guest_orders`;

export async function productBuyers(
  scope: ShopScope,
  shop: Shop,
  productId: string,
  range: { from: string; to: string },
  page: { limit: number; offset?: number },
  filters: AnalysisFilters = {},
  segment: string | null = null,
): Promise<ProductBuyersResult> {
  const inSegment = segmentParams(segment);
  await assertKnownProduct(scope, shop, productId);
  // The filters narrow the orders both reads see, as they narrow the customer lists' scoring.
  const base = filteredSql(withScores('product-buyers'), filters, shop, range.from);
  const params = {
    ...base.params,
    product_id: productId,
    from: range.from,
    to: range.to,
    at: range.to,
    tz: shop.time_zone,
    ...inSegment,
  };
  const tag = { purpose: 'analysis.product-buyers' };
  const offset = page.offset ?? 0;
  const [{ rows, summary }, labels] = await Promise.all([
    scoredPage(scope, { base: base.sql, list: LIST_SQL, summary: SUMMARY_SQL }, params, { limit: page.limit, offset }, tag),
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
    segment,
    buyers: rows.map((r) => ({
      customer_id: String(r.customer_id),
      segment: segmentOf(Number(r.r), Number(r.f)),
      orders: Number(r.orders),
      units: Number(r.units),
      amount: cents(Number(r.amount)),
      first_bought_day: String(r.first_bought_day),
      last_bought_day: String(r.last_bought_day),
    })),
    definitions: definitionsOf([
      'rfm_segment',
      'product_buyer_orders',
      'product_buyer_units',
      'product_buyer_amount',
      'product_guest_orders',
    ]),
  };
}
