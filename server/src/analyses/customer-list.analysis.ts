/**
 * The customers behind an RFM segment, one row each, for the campaign that acts on them (a coupon
 * for the at-risk, a thank-you to champions): scored exactly as the segment grid scores them
 * (sql/queries/customers-rfm-scored.sql), so a segment's list has as many customers as the grid
 * says. Largest spenders first; a page at a time, or all of them in a download.
 */
import { loadQueryText, type ShopScope } from '@storelens/sql';
import type { Shop } from '../metadata/index.js';
import { RFM_SEGMENTS, segmentCells, segmentOf } from './customers.analysis.js';
import { type AnalysisFilters, activeFilters, filteredSql } from './filters.js';
import { definitionsOf, type MetricDefinition } from './metrics-catalogue.js';
import { cents } from './rounding.js';

export const CUSTOMER_SEGMENTS = RFM_SEGMENTS.map((s) => s.segment);
/** A page on screen; a download takes every customer of the segment, up to one spreadsheet's rows. */
export const CUSTOMER_LIST_PAGE_MAX = 1000;
export const CUSTOMER_LIST_DOWNLOAD_MAX = 1_048_575;

export interface ListedCustomer {
  customer_id: string;
  segment: string;
  r: number;
  f: number;
  m: number;
  recency_days: number;
  orders: number;
  spend: number;
  first_paid_day: string;
  last_paid_day: string;
}

export interface CustomerListResult {
  shop: string;
  filters: AnalysisFilters;
  from: string;
  to: string;
  /** RFM is scored as of this day (the range's last). */
  at: string;
  /** The segment listed; null lists every scored customer. */
  segment: string | null;
  meaning: string | null;
  /** Customers in the segment (all pages). */
  total: number;
  offset: number;
  customers: ListedCustomer[];
  definitions: Record<string, MetricDefinition>;
}

/** Whether a scored customer is in the listed segment (all: every customer); a cell is 10 × R + F. */
const IN_SEGMENT = '{all:Bool} OR has({cells:Array(UInt8)}, toUInt8(10 * r + f))';
const segmentParams = (segment: string | null) => ({
  all: segment === null,
  cells: segment === null ? [] : segmentCells(segment).map(([r, f]) => 10 * r + f),
});

const LIST = `
SELECT customer_id, r, f, m, recency_days, orders, spend, toString(first_paid_day) AS first_paid_day,
       toString(last_paid_day) AS last_paid_day, count() OVER () AS total
FROM scored
WHERE ${IN_SEGMENT}
ORDER BY spend_exact DESC, customer_id
LIMIT {limit:UInt32} OFFSET {offset:UInt32}`;

export async function customerList(
  scope: ShopScope,
  shop: Shop,
  range: { from: string; to: string },
  options: { segment?: string; limit: number; offset?: number },
  filters: AnalysisFilters = {},
): Promise<CustomerListResult> {
  const segment = options.segment ?? null;
  const rule = RFM_SEGMENTS.find((s) => s.segment === segment);
  if (segment !== null && !rule) throw new Error(`unknown segment ${segment}`);
  const offset = options.offset ?? 0;
  const q = filteredSql(`${loadQueryText('customers-rfm-scored')}${LIST}`, filters, shop, range.from);
  const rows = await scope.rows<Omit<ListedCustomer, 'segment'> & { total: number }>(
    q.sql,
    {
      ...q.params,
      at: range.to,
      tz: shop.time_zone,
      ...segmentParams(segment),
      limit: options.limit,
      offset,
    },
    { purpose: 'analysis.customer-list' },
  );
  // The window's total is lost when the page is past the end; count the segment then.
  const total = rows.length > 0 ? Number(rows[0]?.total) : offset > 0 ? await countOf(scope, shop, range, segment, filters) : 0;
  return {
    shop: shop.slug,
    filters: activeFilters(filters),
    from: range.from,
    to: range.to,
    at: range.to,
    segment,
    meaning: rule?.meaning ?? null,
    total,
    offset,
    customers: rows.map(({ total: _total, ...c }) => ({
      customer_id: c.customer_id,
      segment: segmentOf(Number(c.r), Number(c.f)),
      r: Number(c.r),
      f: Number(c.f),
      m: Number(c.m),
      recency_days: Number(c.recency_days),
      orders: Number(c.orders),
      spend: cents(Number(c.spend)),
      first_paid_day: c.first_paid_day,
      last_paid_day: c.last_paid_day,
    })),
    definitions: definitionsOf([
      'rfm_scores',
      'rfm_segment',
      'customer_recency_days',
      'customer_orders',
      'customer_spend',
      'customer_first_paid_day',
      'customer_last_paid_day',
    ]),
  };
}

async function countOf(
  scope: ShopScope,
  shop: Shop,
  range: { from: string; to: string },
  segment: string | null,
  filters: AnalysisFilters,
): Promise<number> {
  const q = filteredSql(
    `${loadQueryText('customers-rfm-scored')}
SELECT count() AS n FROM scored WHERE ${IN_SEGMENT}`,
    filters,
    shop,
    range.from,
  );
  const [row] = await scope.rows<{ n: number }>(
    q.sql,
    { ...q.params, at: range.to, tz: shop.time_zone, ...segmentParams(segment) },
    { purpose: 'analysis.customer-list.count' },
  );
  return Number(row?.n ?? 0);
}
