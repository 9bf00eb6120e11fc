/**
 * Traffic: visitors and buyers by channel, or by source, medium, campaign, live room or sharer
 * (usually within one channel), or by device, region, hour of the day or day of the week (访客分析:
 * where, on what and when visitors and buyers come), with pass-through and last-touch attribution side by side.
 */
import { loadQuery, pickIdentifier, type QueryParams, type ShopScope } from '@storelens/sql';
import type { Shop } from '../metadata/index.js';
import { type AnalysisFilters, activeFilters, filteredQuery, readsRollup } from './filters.js';
import { localHourSql } from './local-time.js';
import { definitionsOf, type MetricDefinition } from './metrics-catalogue.js';
import { cents, ratio } from './rounding.js';

/**
 * The dimensions traffic can be broken down by: name → column (the same in events and orders), or
 * an expression over the events' columns when it is not a column (the hour and the weekday, whose
 * orders' side is in ORDER_EXPRESSIONS).
 */
export const TRAFFIC_DIMENSIONS = {
  channel: 'channel',
  source: 'source',
  medium: 'medium',
  campaign: 'campaign',
  live_room: 'live_room_id',
  sharer: 'sharer_id',
  // A visit's device and region, an order's the ones it was placed on and from: a visitor on the
  // app and the web counts in both (as in two channels), an order in one.
  device: 'device',
  region: 'region',
  // The hour of the day in the shop's time zone, "00" to "23" (two digits, so they sort as hours):
  // a visitor counts in every hour they were seen in, on any day of the range.
  hour: localHourSql('ts'),
  // The day of the week in the shop's time zone, "1" (Monday) to "7" (Sunday), likewise.
  weekday: 'toString(toDayOfWeek(ts, 0, {tz:String}))',
} as const;
export type TrafficDimension = keyof typeof TRAFFIC_DIMENSIONS;

/** An order's side of a dimension that is not a column: the hour or weekday it was placed in (last touch, as the order's visit). */
const ORDER_EXPRESSIONS: Partial<Record<TrafficDimension, string>> = {
  hour: localHourSql('created_at'),
  weekday: 'toString(toDayOfWeek(created_at, 0, {tz:String}))',
};
/** Dimensions whose groups come in their own order (the day's hours, the week's days), not most visited first. */
const ORDERED_DIMENSIONS: ReadonlySet<string> = new Set(['hour', 'weekday']);

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

type Raw = Record<string, number | string | null>;

/** Strings in the engine's order (bytes of UTF-8), so ties sort as ORDER BY would. */
const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

export async function traffic(
  scope: ShopScope,
  shop: Shop,
  range: { from: string; to: string },
  dimension: string,
  filters: AnalysisFilters = {},
  options: { rawTables?: boolean } = {},
): Promise<TrafficResult> {
  const column = pickIdentifier('dimension', TRAFFIC_DIMENSIONS, dimension);
  const orderColumn = ORDER_EXPRESSIONS[dimension as TrafficDimension] ?? column;
  const params = { from: range.from, to: range.to, tz: shop.time_zone };
  const run = (name: string, q: { sql: string; params: QueryParams }) =>
    scope.rows<Raw>(
      q.sql.replaceAll('{order_dimension}', orderColumn).replaceAll('{dimension}', column),
      { ...q.params, ...params },
      {
        purpose: `analysis.${name}`,
      },
    );
  // Two statements side by side on the interactive lane's two connections, joined here by group.
  // Unfiltered, the visitor half takes who was seen before the range (and the range's visitors in
  // all) from the daily visitor bitmaps instead of grouping every event of the shop's history per
  // visitor; by channel, each group's visitors come from the bitmaps too, by the other dimensions
  // from the range's events (pass rawTables to hold them to the same answer, as the rollup test
  // does). Filtered, every part must see the filter, which the rollups cannot.
  const bitmaps = !options.rawTables && readsRollup(filters);
  const [visitorRows, buyerRows] = await Promise.all([
    bitmaps
      ? run('traffic.visitors.rollup', {
          sql: loadQuery(column === 'channel' ? 'traffic-visitors-channel-rollup' : 'traffic-visitors-bitmaps'),
          params: {},
        })
      : run('traffic.visitors', filteredQuery('traffic-visitors', filters, shop, range.from)),
    run('traffic.buyers', filteredQuery('traffic-buyers', filters, shop, range.from)),
  ]);
  const n = (v: unknown) => Number(v ?? 0);
  const groups = new Map<string, { visitors?: Raw; pass?: Raw; last?: Raw }>();
  const group = (value: unknown) => {
    const key = String(value ?? '');
    const g = groups.get(key) ?? {};
    groups.set(key, g);
    return g;
  };
  for (const r of visitorRows) group(r.value).visitors = r;
  let totalGmv = 0;
  for (const r of buyerRows) {
    if (r.kind === 'total') totalGmv = n(r.amount);
    else if (r.kind === 'pass') group(r.value).pass = r;
    else group(r.value).last = r;
  }
  const allVisitors = visitorRows.reduce((most, r) => Math.max(most, n(r.all_visitors)), 0);
  const rows = [...groups.entries()]
    .map(([value, g]): TrafficRow => {
      const visitors = n(g.visitors?.visitors);
      const lastGmv = cents(n(g.last?.amount));
      return {
        value,
        visitors,
        new_visitors: n(g.visitors?.new_visitors),
        visitor_share: ratio(visitors, allVisitors),
        pass_through_buyers: n(g.pass?.buyers),
        pass_through_gmv: cents(n(g.pass?.amount)),
        pass_through_conversion: ratio(n(g.pass?.buyers), visitors),
        last_touch_buyers: n(g.last?.buyers),
        last_touch_orders: n(g.last?.orders),
        last_touch_gmv: lastGmv,
        last_touch_gmv_share: ratio(lastGmv, totalGmv),
        uv_value: visitors > 0 ? cents(lastGmv / visitors) : null,
      };
    })
    // Hours and weekdays in their own order; any other dimension's groups most visited first.
    .sort((a, b) =>
      ORDERED_DIMENSIONS.has(dimension) ? byteOrder(a.value, b.value) : b.visitors - a.visitors || byteOrder(a.value, b.value),
    );
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
      'last_touch_orders',
      'last_touch_gmv',
      'last_touch_gmv_share',
      'channel_uv_value',
    ]),
  };
}
