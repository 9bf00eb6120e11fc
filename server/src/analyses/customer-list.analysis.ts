/**
 * The customers behind an RFM segment, one row each, for the campaign that acts on them (a coupon
 * for the at-risk, a thank-you to champions): scored exactly as the segment grid scores them
 * (sql/queries/customers-rfm-scored.sql), so a segment's list has as many customers as the grid
 * says. Largest spenders first; a page at a time, or all of them in a download. With `fromSegment`,
 * only those who were in that segment the day before the range ("none": no paid order by then) —
 * the customers behind one cell of the segment movement, e.g. the champions now at risk.
 */
import { loadQueryText, type ShopScope } from '@storelens/sql';
import type { Shop } from '../metadata/index.js';
import { RFM_SEGMENTS, segmentCells, segmentOf } from './customers.analysis.js';
import { type AnalysisFilters, activeFilters, filteredSql } from './filters.js';
import { addDays } from './local-time.js';
import { definitionsOf, type MetricDefinition } from './metrics-catalogue.js';
import { cents } from './rounding.js';
import { scoredAsOf, UNSCORED } from './segment-movement.analysis.js';

export const CUSTOMER_SEGMENTS = RFM_SEGMENTS.map((s) => s.segment);
/** Where a listed customer may have come from: a segment the day before the range, or none yet. */
export const ORIGIN_SEGMENTS = [UNSCORED, ...CUSTOMER_SEGMENTS];
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
  /** Only customers in this segment the day before the range ("none": no paid order by then); null: anyone. */
  from_segment: string | null;
  /** The day `from_segment` is scored as of (the day before the range), when one is given. */
  before: string | null;
  meaning: string | null;
  /** Customers in the segment (all pages). */
  total: number;
  offset: number;
  customers: ListedCustomer[];
  definitions: Record<string, MetricDefinition>;
}

/** Whether a scored customer is in the listed segment (all: every customer); a cell is 10 × R + F. */
const IN_SEGMENT = '{all:Bool} OR has({cells:Array(UInt8)}, toUInt8(10 * r + f))';
const cellsOf = (segment: string) => segmentCells(segment).map(([r, f]) => 10 * r + f);
const segmentParams = (segment: string | null) => ({ all: segment === null, cells: segment === null ? [] : cellsOf(segment) });

/**
 * The condition on where a customer came from: none, in one of the origin segment's cells the day
 * before the range (scored by the same definition, as of {before}), or not scored then at all.
 */
function originCondition(fromSegment: string | null): string {
  if (fromSegment === null) return '';
  const before = scoredAsOf('before');
  return fromSegment === UNSCORED
    ? `AND customer_id NOT IN (SELECT customer_id FROM ${before})`
    : `AND customer_id IN (SELECT customer_id FROM ${before} WHERE has({origin_cells:Array(UInt8)}, toUInt8(10 * r + f)))`;
}
const originParams = (fromSegment: string | null, range: { from: string }) =>
  fromSegment === null ? {} : { before: addDays(range.from, -1), origin_cells: fromSegment === UNSCORED ? [] : cellsOf(fromSegment) };

const listSql = (fromSegment: string | null) => `
SELECT customer_id, r, f, m, recency_days, orders, spend, toString(first_paid_day) AS first_paid_day,
       toString(last_paid_day) AS last_paid_day, count() OVER () AS total
FROM scored
WHERE (${IN_SEGMENT}) ${originCondition(fromSegment)}
ORDER BY spend_exact DESC, customer_id
LIMIT {limit:UInt32} OFFSET {offset:UInt32}`;

export async function customerList(
  scope: ShopScope,
  shop: Shop,
  range: { from: string; to: string },
  options: { segment?: string; fromSegment?: string; limit: number; offset?: number },
  filters: AnalysisFilters = {},
): Promise<CustomerListResult> {
  const segment = options.segment ?? null;
  const fromSegment = options.fromSegment ?? null;
  const rule = RFM_SEGMENTS.find((s) => s.segment === segment);
  if (segment !== null && !rule) throw new Error(`unknown segment ${segment}`);
  if (fromSegment !== null && !ORIGIN_SEGMENTS.includes(fromSegment)) throw new Error(`unknown segment ${fromSegment}`);
  const offset = options.offset ?? 0;
  const q = filteredSql(`${loadQueryText('customers-rfm-scored')}${listSql(fromSegment)}`, filters, shop, range.from);
  const rows = await scope.rows<Omit<ListedCustomer, 'segment'> & { total: number }>(
    q.sql,
    {
      ...q.params,
      at: range.to,
      tz: shop.time_zone,
      ...segmentParams(segment),
      ...originParams(fromSegment, range),
      limit: options.limit,
      offset,
    },
    { purpose: 'analysis.customer-list' },
  );
  // The window's total is lost when the page is past the end; count the segment then.
  const total =
    rows.length > 0 ? Number(rows[0]?.total) : offset > 0 ? await countOf(scope, shop, range, segment, fromSegment, filters) : 0;
  return {
    shop: shop.slug,
    filters: activeFilters(filters),
    from: range.from,
    to: range.to,
    at: range.to,
    segment,
    from_segment: fromSegment,
    before: fromSegment === null ? null : addDays(range.from, -1),
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
  fromSegment: string | null,
  filters: AnalysisFilters,
): Promise<number> {
  const q = filteredSql(
    `${loadQueryText('customers-rfm-scored')}
SELECT count() AS n FROM scored WHERE (${IN_SEGMENT}) ${originCondition(fromSegment)}`,
    filters,
    shop,
    range.from,
  );
  const [row] = await scope.rows<{ n: number }>(
    q.sql,
    { ...q.params, at: range.to, tz: shop.time_zone, ...segmentParams(segment), ...originParams(fromSegment, range) },
    { purpose: 'analysis.customer-list.count' },
  );
  return Number(row?.n ?? 0);
}
