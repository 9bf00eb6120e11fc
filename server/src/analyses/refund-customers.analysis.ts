/**
 * Who asked for refunds (退款客户): the known customers with an order paid in the range that has
 * been refunded — most refunded first — each with their segment now, for the follow-up a merchant
 * owes them (a refunded champion is worth a call). The same orders as the refunds analysis; paged
 * like the customer lists, a download takes them all.
 */
import type { ShopScope } from '@storelens/sql';
import type { Shop } from '../metadata/index.js';
import { CUSTOMER_LIST_DOWNLOAD_MAX } from './customer-list.analysis.js';
import { segmentOf } from './customers.analysis.js';
import { type AnalysisFilters, activeFilters, filteredSql } from './filters.js';
import { definitionsOf, type MetricDefinition } from './metrics-catalogue.js';
import { cents } from './rounding.js';
import { IN_SEGMENT, scoredPage, segmentParams, withScores } from './scored-list.js';

export const REFUND_CUSTOMERS_PAGE_MAX = 1000;
export { CUSTOMER_LIST_DOWNLOAD_MAX as REFUND_CUSTOMERS_DOWNLOAD_MAX };

export interface RefundCustomer {
  customer_id: string;
  /** Their RFM segment as of the range's last day, scored as the customer lists score it. */
  segment: string;
  /** Their orders paid in the range, refunded or not, and the amount paid for them. */
  paid_orders: number;
  gmv: number;
  refunded_orders: number;
  refund_amount: number;
  /** The shop-local day of their latest refund among those orders; null when none has a time. */
  last_refund_day: string | null;
  /** The reasons their refunded orders gave, each once, in order ([] when none gave one). */
  refund_reasons: string[];
}

export interface RefundCustomersResult {
  shop: string;
  filters: AnalysisFilters;
  from: string;
  to: string;
  /** Only customers in this RFM segment now; null: everyone. */
  segment: string | null;
  /** Customers listed (all pages). */
  total: number;
  /** Refunded orders placed as a guest: counted, not listed. */
  guest_refunded_orders: number;
  offset: number;
  customers: RefundCustomer[];
  definitions: Record<string, MetricDefinition>;
}

const SCORED_CLAIMANTS = `
FROM claimants AS c
INNER JOIN scored AS s ON s.customer_id = c.customer_id
${IN_SEGMENT}`;
const GUESTS = "(SELECT countIf(refund_amount > 0) FROM sales WHERE customer_id = '')";

const LIST_SQL = `
SELECT c.customer_id AS customer_id, s.r AS r, s.f AS f, c.paid_orders AS paid_orders, toFloat64(c.gmv_exact) AS gmv,
       c.refunded_orders AS refunded_orders, toFloat64(c.refund_exact) AS refund_amount,
       if(c.last_refund_day IS NULL, '', toString(assumeNotNull(c.last_refund_day))) AS last_refund_day,
       c.refund_reasons AS refund_reasons,
       count() OVER () AS total, ${GUESTS} AS guest_refunded_orders
${SCORED_CLAIMANTS}
ORDER BY c.refund_exact DESC, c.customer_id
LIMIT {limit:UInt32} OFFSET {offset:UInt32}`;

/** The totals alone, for a page with no row to carry them. */
const SUMMARY_SQL = `
SELECT (SELECT count() ${SCORED_CLAIMANTS}) AS total, ${GUESTS} AS guest_refunded_orders`;

export async function refundCustomers(
  scope: ShopScope,
  shop: Shop,
  range: { from: string; to: string },
  page: { limit: number; offset?: number },
  filters: AnalysisFilters = {},
  segment: string | null = null,
): Promise<RefundCustomersResult> {
  const base = filteredSql(withScores('refund-customers'), filters, shop, range.from);
  const params = { ...base.params, from: range.from, to: range.to, at: range.to, tz: shop.time_zone, ...segmentParams(segment) };
  const tag = { purpose: 'analysis.refund-customers' };
  const offset = page.offset ?? 0;
  const { rows, summary } = await scoredPage(
    scope,
    { base: base.sql, list: LIST_SQL, summary: SUMMARY_SQL },
    params,
    { limit: page.limit, offset },
    tag,
  );
  return {
    shop: shop.slug,
    filters: activeFilters(filters),
    from: range.from,
    to: range.to,
    segment,
    total: Number(summary?.total ?? 0),
    guest_refunded_orders: Number(summary?.guest_refunded_orders ?? 0),
    offset,
    customers: rows.map((r) => ({
      customer_id: String(r.customer_id),
      segment: segmentOf(Number(r.r), Number(r.f)),
      paid_orders: Number(r.paid_orders),
      gmv: cents(Number(r.gmv)),
      refunded_orders: Number(r.refunded_orders),
      refund_amount: cents(Number(r.refund_amount)),
      last_refund_day: r.last_refund_day === '' ? null : String(r.last_refund_day),
      refund_reasons: Array.isArray(r.refund_reasons) ? r.refund_reasons.map(String) : [],
    })),
    definitions: definitionsOf([
      'rfm_segment',
      'refund_sales_orders',
      'refund_sales_amount',
      'refunded_orders',
      'sales_refund_amount',
      'last_refund_day',
      'refund_reason',
      'refund_guest_orders',
    ]),
  };
}
