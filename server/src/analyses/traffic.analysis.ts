/**
 * Traffic: visitors and buyers by channel, or by source, medium, campaign, live room or sharer
 * (usually within one channel), with pass-through and last-touch attribution side by side.
 */
import { pickIdentifier, type ShopScope } from '@storelens/sql';
import type { Shop } from '../metadata/index.js';
import { type AnalysisFilters, activeFilters, filteredQuery, filteredSql } from './filters.js';
import { definitionsOf, type MetricDefinition } from './metrics-catalogue.js';
import { cents, ratio } from './rounding.js';

/** The dimensions traffic can be broken down by: name → column (the same in events and orders). */
export const TRAFFIC_DIMENSIONS = {
  channel: 'channel',
  source: 'source',
  medium: 'medium',
  campaign: 'campaign',
  live_room: 'live_room_id',
  sharer: 'sharer_id',
} as const;
export type TrafficDimension = keyof typeof TRAFFIC_DIMENSIONS;

export interface TrafficRow {
  value: string;
  visitors: number;
  new_visitors: number;
  visitor_share: number | null;
  pass_through_buyers: number;
  pass_through_gmv: number;
  pass_through_conversion: number | null;
  last_touch_buyers: number;
  last_touch_orders: number;
  last_touch_gmv: number;
  last_touch_gmv_share: number | null;
  uv_value: number | null;
}

export interface TrafficResult {
  shop: string;
  from: string;
  to: string;
  dimension: TrafficDimension;
  filters: AnalysisFilters;
  rows: TrafficRow[];
  definitions: Record<string, MetricDefinition>;
}

export async function traffic(
  scope: ShopScope,
  shop: Shop,
  range: { from: string; to: string },
  dimension: string,
  filters: AnalysisFilters = {},
): Promise<TrafficResult> {
  // The one identifier in this query comes from the whitelist; an unknown name is a 400.
  const column = pickIdentifier('dimension', TRAFFIC_DIMENSIONS, dimension);
  const q = filteredQuery('traffic', filters, shop, range.from);
  const params = { ...q.params, from: range.from, to: range.to, tz: shop.time_zone };
  // The payment amount of the range in all, beside the groups (two interactive connections); the
  // range's visitors in all come with the groups (all_visitors).
  const totalsQuery = filteredSql(
    `SELECT sum(paid_amount) AS gmv FROM {{orders}} WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} - 31 AND {to:Date}
       AND paid_at IS NOT NULL AND toDate(assumeNotNull(paid_at), {tz:String}) BETWEEN {from:Date} AND {to:Date}`,
    filters,
    shop,
    range.from,
  );
  const [raw, [totals]] = await Promise.all([
    scope.rows<Record<string, number | string | null>>(q.sql.replaceAll('{dimension}', column), params, { purpose: 'analysis.traffic' }),
    scope.rows<{ gmv: number }>(totalsQuery.sql, params, { purpose: 'analysis.traffic.totals' }),
  ]);
  // Every group row carries the same all_visitors (a group only in last-touch orders has none).
  // A loop, not Math.max(...rows): a sharer or campaign breakdown can have more rows than a call takes arguments.
  const allVisitors = raw.reduce((most, r) => Math.max(most, Number(r.all_visitors ?? 0)), 0);
  const n = (v: unknown) => Number(v ?? 0);
  const rows = raw.map((r): TrafficRow => {
    const visitors = n(r.visitors);
    const lastGmv = cents(n(r.last_touch_gmv));
    return {
      value: String(r.value ?? ''),
      visitors,
      new_visitors: n(r.new_visitors),
      visitor_share: ratio(visitors, allVisitors),
      pass_through_buyers: n(r.pass_through_buyers),
      pass_through_gmv: cents(n(r.pass_through_gmv)),
      pass_through_conversion: ratio(n(r.pass_through_buyers), visitors),
      last_touch_buyers: n(r.last_touch_buyers),
      last_touch_orders: n(r.last_touch_orders),
      last_touch_gmv: lastGmv,
      last_touch_gmv_share: ratio(lastGmv, n(totals?.gmv)),
      uv_value: visitors > 0 ? cents(lastGmv / visitors) : null,
    };
  });
  return {
    shop: shop.slug,
    from: range.from,
    to: range.to,
    dimension: dimension as TrafficDimension,
    filters: activeFilters(filters),
    rows,
    definitions: definitionsOf([
      'channel_visitors',
      'new_visitors',
      'visitor_share',
      'pass_through_buyers',
      'pass_through_gmv',
      'pass_through_conversion',
      'last_touch_buyers',
      'last_touch_gmv',
      'last_touch_gmv_share',
      'channel_uv_value',
    ]),
  };
}
