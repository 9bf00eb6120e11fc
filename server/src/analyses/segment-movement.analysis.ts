/**
 * RFM segment movement (客群流转): where the customers of each segment stood the day before the
 * range and where they stand on its last day — how many champions slipped to at risk, how many
 * new customers became loyal, which segments grew. Both days are scored by the one RFM
 * definition (sql/queries/customers-rfm-scored.sql), read once per day, so the last day's
 * segments are exactly the customers analysis's.
 */
import { loadQueryText, type ShopScope } from '@storelens/sql';
import type { Shop } from '../metadata/index.js';
import { RFM_SEGMENTS, segmentOf } from './customers.analysis.js';
import { type AnalysisFilters, activeFilters, filteredSql } from './filters.js';
import { addDays } from './local-time.js';
import { definitionsOf, type MetricDefinition } from './metrics-catalogue.js';

/** Not scored on that day: no paid order on or before it (before: a first paid order in the range). */
export const UNSCORED = 'none';

export interface SegmentFlow {
  segment: string;
  before: number;
  after: number;
  stayed: number;
  moved_in: number;
  moved_out: number;
  net_change: number;
}

export interface SegmentMove {
  from_segment: string;
  to_segment: string;
  customers: number;
}

export interface SegmentMovementResult {
  shop: string;
  filters: AnalysisFilters;
  from: string;
  to: string;
  /** The day the "before" segments are scored as of: the day before the range. */
  before: string;
  /** The day the "after" segments are scored as of: the range's last day. */
  at: string;
  customers_before: number;
  customers_after: number;
  /** Customers whose first paid order falls in the range (moves from "none"). */
  new_customers: number;
  segments: SegmentFlow[];
  /** Every (before, after) pair with customers, segments in the usual order, "none" first. */
  moves: SegmentMove[];
  definitions: Record<string, MetricDefinition>;
}

/** The scored customers as of the day bound to `day`: the one RFM definition with its day renamed. */
export function scoredAsOf(day: 'before' | 'at'): string {
  return `(${loadQueryText('customers-rfm-scored').replaceAll('{at:Date}', `{${day}:Date}`)}
SELECT customer_id, r, f FROM scored)`;
}

// A customer missing on one side of the FULL JOIN reads r = f = 0 there: not scored that day.
const MOVES_SQL = `
SELECT b.r AS r_before, b.f AS f_before, a.r AS r_after, a.f AS f_after, count() AS customers
FROM ${scoredAsOf('at')} AS a
FULL OUTER JOIN ${scoredAsOf('before')} AS b ON a.customer_id = b.customer_id
GROUP BY r_before, f_before, r_after, f_after
SETTINGS join_use_nulls = 0`;

const ORDER = [UNSCORED, ...RFM_SEGMENTS.map((s) => s.segment)];
const segmentAt = (r: unknown, f: unknown) => (Number(r) > 0 ? segmentOf(Number(r), Number(f)) : UNSCORED);

export async function segmentMovement(
  scope: ShopScope,
  shop: Shop,
  range: { from: string; to: string },
  filters: AnalysisFilters = {},
): Promise<SegmentMovementResult> {
  const before = addDays(range.from, -1);
  const q = filteredSql(MOVES_SQL, filters, shop, range.from);
  const cells = await scope.rows<Record<'r_before' | 'f_before' | 'r_after' | 'f_after' | 'customers', unknown>>(
    q.sql,
    { ...q.params, before, at: range.to, tz: shop.time_zone },
    { purpose: 'analysis.segment-movement' },
  );
  const counts = new Map<string, number>();
  for (const c of cells) {
    const key = `${segmentAt(c.r_before, c.f_before)}>${segmentAt(c.r_after, c.f_after)}`;
    counts.set(key, (counts.get(key) ?? 0) + Number(c.customers));
  }
  const moves: SegmentMove[] = [];
  for (const from of ORDER)
    for (const to of ORDER) {
      const customers = counts.get(`${from}>${to}`) ?? 0;
      if (customers > 0) moves.push({ from_segment: from, to_segment: to, customers });
    }
  const sum = (keep: (m: SegmentMove) => boolean) => moves.filter(keep).reduce((a, m) => a + m.customers, 0);
  const segments = RFM_SEGMENTS.map(({ segment }): SegmentFlow => {
    const beforeCount = sum((m) => m.from_segment === segment);
    const afterCount = sum((m) => m.to_segment === segment);
    const stayed = sum((m) => m.from_segment === segment && m.to_segment === segment);
    return {
      segment,
      before: beforeCount,
      after: afterCount,
      stayed,
      moved_in: afterCount - stayed,
      moved_out: beforeCount - stayed,
      net_change: afterCount - beforeCount,
    };
  });
  return {
    shop: shop.slug,
    filters: activeFilters(filters),
    from: range.from,
    to: range.to,
    before,
    at: range.to,
    customers_before: sum((m) => m.from_segment !== UNSCORED),
    customers_after: sum((m) => m.to_segment !== UNSCORED),
    new_customers: sum((m) => m.from_segment === UNSCORED),
    segments,
    moves,
    definitions: definitionsOf([
      'rfm_segment',
      'segment_move',
      'segment_before',
      'segment_after',
      'segment_stayed',
      'segment_moved_in',
      'segment_moved_out',
      'segment_net_change',
    ]),
  };
}
