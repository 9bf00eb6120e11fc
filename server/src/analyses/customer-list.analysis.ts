/**
 * The customers behind an RFM segment, one row each, for the campaign that acts on them (a coupon
 * for the at-risk, a thank-you to champions): scored exactly as the segment grid scores them
 * (sql/queries/customers-rfm-scored.sql), so a segment's list has as many customers as the grid
 * says. Largest spenders first; a page at a time, or all of them in a download. With `fromSegment`,
 * only those who were in that segment the day before the range ("none": no paid order by then) —
 * the customers behind one cell of the segment movement, e.g. the champions now at risk. With `move`,
 * the customers behind one of a segment's flows: those who moved into it (from any other segment or
 * none), moved out of it (listed in the segment they are in now), or stayed.
 */
import { loadQueryText, type ShopScope } from '@storelens/sql';
import { BadRequestError } from '../errors.js';
import type { Shop } from '../metadata/index.js';
import { RFM_SEGMENTS, segmentCells, segmentOf } from './customers.analysis.js';
import { type AnalysisFilters, activeFilters, filteredSql } from './filters.js';
import { addDays } from './local-time.js';
import { definitionsOf, type MetricDefinition, type MetricName } from './metrics-catalogue.js';
import { cents } from './rounding.js';
import { scoredAsOf, UNSCORED } from './segment-movement.analysis.js';

export const CUSTOMER_SEGMENTS = RFM_SEGMENTS.map((s) => s.segment);
/** Where a listed customer may have come from: a segment the day before the range, or none yet. */
export const ORIGIN_SEGMENTS = [UNSCORED, ...CUSTOMER_SEGMENTS];
/** A segment's flows between the day before the range and its last day, as the segment movement counts them. */
export const SEGMENT_MOVES = ['in', 'out', 'stayed'] as const;
export type SegmentMove = (typeof SEGMENT_MOVES)[number];
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
  /** Of those paid orders, the ones with an order-level discount (a coupon). */
  discounted_orders: number;
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
  /**
   * With a segment: "in" lists those in it now who were not the day before the range, "out" those
   * who were in it then and are in another segment now, "stayed" those in it on both days; null: anyone.
   */
  move: SegmentMove | null;
  /** The day `from_segment` or `move` is scored as of (the day before the range), when one is given. */
  before: string | null;
  meaning: string | null;
  /** Customers in the segment (all pages). */
  total: number;
  offset: number;
  customers: ListedCustomer[];
  definitions: Record<string, MetricDefinition>;
}

/**
 * Whether a scored customer is in the listed segment (all: every customer; outside: in any other
 * segment, for those who moved out of it); a cell is 10 × R + F.
 */
const IN_SEGMENT = '{all:Bool} OR has({cells:Array(UInt8)}, toUInt8(10 * r + f)) != {outside:Bool}';
const cellsOf = (segment: string) => segmentCells(segment).map(([r, f]) => 10 * r + f);

/** Where the listed customers stood the day before the range: nowhere yet, in some cells, or not in them. */
type Origin = { kind: 'unscored' } | { kind: 'in' | 'not_in'; cells: number[] };

function originOf(segment: string | null, fromSegment: string | null, move: SegmentMove | null): Origin | null {
  if (fromSegment === UNSCORED) return { kind: 'unscored' };
  if (fromSegment !== null) return { kind: 'in', cells: cellsOf(fromSegment) };
  if (move === null || segment === null) return null;
  return { kind: move === 'in' ? 'not_in' : 'in', cells: cellsOf(segment) };
}

/** The listing's parameters: which cells now (and whether inside or outside them), and where from. */
function listParams(segment: string | null, move: SegmentMove | null, origin: Origin | null, range: { from: string }) {
  return {
    all: segment === null,
    cells: segment === null ? [] : cellsOf(segment),
    outside: move === 'out',
    ...(origin === null ? {} : { before: addDays(range.from, -1), origin_cells: origin.kind === 'unscored' ? [] : origin.cells }),
  };
}

/**
 * The condition on where a customer came from: none, in (or not in) the origin cells the day before
 * the range (scored by the same definition, as of {before}), or not scored then at all.
 */
function originCondition(origin: Origin | null): string {
  if (origin === null) return '';
  const before = scoredAsOf('before');
  if (origin.kind === 'unscored') return `AND customer_id NOT IN (SELECT customer_id FROM ${before})`;
  const inCells = `(SELECT customer_id FROM ${before} WHERE has({origin_cells:Array(UInt8)}, toUInt8(10 * r + f)))`;
  return `AND customer_id ${origin.kind === 'in' ? 'IN' : 'NOT IN'} ${inCells}`;
}

const listSql = (origin: Origin | null) => `
SELECT customer_id, r, f, m, recency_days, orders, discounted_orders, spend, toString(first_paid_day) AS first_paid_day,
       toString(last_paid_day) AS last_paid_day, count() OVER () AS total
FROM scored
WHERE (${IN_SEGMENT}) ${originCondition(origin)}
ORDER BY spend_exact DESC, customer_id
LIMIT {limit:UInt32} OFFSET {offset:UInt32}`;

export async function customerList(
  scope: ShopScope,
  shop: Shop,
  range: { from: string; to: string },
  options: { segment?: string; fromSegment?: string; move?: SegmentMove; limit: number; offset?: number },
  filters: AnalysisFilters = {},
): Promise<CustomerListResult> {
  const segment = options.segment ?? null;
  const fromSegment = options.fromSegment ?? null;
  const move = options.move ?? null;
  const rule = RFM_SEGMENTS.find((s) => s.segment === segment);
  if (segment !== null && !rule) throw new Error(`unknown segment ${segment}`);
  if (fromSegment !== null && !ORIGIN_SEGMENTS.includes(fromSegment)) throw new Error(`unknown segment ${fromSegment}`);
  const moveError = moveProblem(segment, fromSegment, move);
  if (moveError) throw new BadRequestError(moveError, 'move');
  const origin = originOf(segment, fromSegment, move);
  const params = listParams(segment, move, origin, range);
  const offset = options.offset ?? 0;
  const q = filteredSql(`${loadQueryText('customers-rfm-scored')}${listSql(origin)}`, filters, shop, range.from);
  const rows = await scope.rows<Omit<ListedCustomer, 'segment'> & { total: number }>(
    q.sql,
    {
      ...q.params,
      at: range.to,
      tz: shop.time_zone,
      ...params,
      limit: options.limit,
      offset,
    },
    { purpose: 'analysis.customer-list' },
  );
  // The window's total is lost when the page is past the end; count the segment then.
  const total = rows.length > 0 ? Number(rows[0]?.total) : offset > 0 ? await countOf(scope, shop, range, params, origin, filters) : 0;
  return {
    shop: shop.slug,
    filters: activeFilters(filters),
    from: range.from,
    to: range.to,
    at: range.to,
    segment,
    from_segment: fromSegment,
    move,
    before: origin === null ? null : addDays(range.from, -1),
    meaning: rule?.meaning ?? null,
    total,
    offset,
    customers: rows.map(({ total: _total, ...c }) => ({ customer_id: c.customer_id, ...scoredCustomer(c) })),
    definitions: definitionsOf(SCORED_CUSTOMER_METRICS),
  };
}

/** The metrics of a scored customer's fields (scoredCustomer), as any result listing them defines them. */
export const SCORED_CUSTOMER_METRICS: MetricName[] = [
  'rfm_scores',
  'rfm_segment',
  'customer_recency_days',
  'customer_orders',
  'customer_discounted_orders',
  'customer_spend',
  'customer_first_paid_day',
  'customer_last_paid_day',
];

/** A row of the scored customers (customers-rfm-scored.sql) as listed: typed, with its segment, spend in cents. */
export function scoredCustomer(c: Record<string, unknown>): Omit<ListedCustomer, 'customer_id'> {
  return {
    segment: segmentOf(Number(c.r), Number(c.f)),
    r: Number(c.r),
    f: Number(c.f),
    m: Number(c.m),
    recency_days: Number(c.recency_days),
    orders: Number(c.orders),
    discounted_orders: Number(c.discounted_orders),
    spend: cents(Number(c.spend)),
    first_paid_day: String(c.first_paid_day),
    last_paid_day: String(c.last_paid_day),
  };
}

/** Why a move cannot be listed as asked, or null: a move is one of a named segment's flows, and says where from itself. */
export function moveProblem(segment: string | null, fromSegment: string | null, move: SegmentMove | null): string | null {
  if (move === null) return null;
  const question = { in: 'Moved into which segment?', out: 'Moved out of which segment?', stayed: 'Stayed in which segment?' }[move];
  if (segment === null) return `${question} A move is one of a segment's flows: name the segment too (e.g. at_risk).`;
  if (fromSegment !== null)
    return `A move and a from-segment both say where the customers came from: give one (moved in is from any segment but ${segment}, or none).`;
  return null;
}

async function countOf(
  scope: ShopScope,
  shop: Shop,
  range: { from: string; to: string },
  params: ReturnType<typeof listParams>,
  origin: Origin | null,
  filters: AnalysisFilters,
): Promise<number> {
  const q = filteredSql(
    `${loadQueryText('customers-rfm-scored')}
SELECT count() AS n FROM scored WHERE (${IN_SEGMENT}) ${originCondition(origin)}`,
    filters,
    shop,
    range.from,
  );
  const [row] = await scope.rows<{ n: number }>(
    q.sql,
    { ...q.params, at: range.to, tz: shop.time_zone, ...params },
    { purpose: 'analysis.customer-list.count' },
  );
  return Number(row?.n ?? 0);
}
