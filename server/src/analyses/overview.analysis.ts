/**
 * The overview: the store's core figures for a date range, as totals and a daily series, each
 * with its definition. Ratios are derived here from the additive counts the SQL returns.
 */
import { loadQuery, type QueryParams, type ShopScope } from '@storelens/sql';
import { BadRequestError } from '../errors.js';
import type { Shop } from '../metadata/index.js';
import { type AnalysisFilters, activeFilters, filteredQuery, readsRollup } from './filters.js';
import { isCalendarDate, localNow } from './local-time.js';
import { definitionsOf, type MetricDefinition, type MetricName } from './metrics-catalogue.js';
import { cents, ratio } from './rounding.js';

export const OVERVIEW_METRICS: MetricName[] = [
  'uv',
  'pv',
  'pv_per_visitor',
  'sessions',
  'bounce_sessions',
  'bounce_rate',
  'avg_session_seconds',
  'cart_visitors',
  'ordering_buyers',
  'paid_orders',
  'paying_buyers',
  'new_buyers',
  'returning_buyers',
  'repeat_buyers',
  'repurchase_rate',
  'gmv',
  'refund_amount',
  'net_gmv',
  'items_amount',
  'discounted_orders',
  'discount_amount',
  'discounted_order_rate',
  'discount_rate',
  'conversion_rate',
  'aov',
  'amount_per_order',
  'uv_value',
];

export type OverviewFigures = Record<MetricName, number | null>;

export interface Change {
  previous: number | null;
  /** value − previous */
  change: number | null;
  /** (value − previous) / previous; empty when previous is 0 or empty */
  changeRatio: number | null;
}

export interface OverviewResult {
  shop: string;
  timeZone: string;
  currency: string;
  from: string;
  to: string;
  filters: OverviewFilters;
  totals: Partial<OverviewFigures>;
  daily: Array<{ day: string } & Partial<OverviewFigures>>;
  /** The comparison period (same length, immediately before, unless given), its days, and each total's change. */
  comparison?: {
    from: string;
    to: string;
    totals: Partial<OverviewFigures>;
    /** Its daily series (computed with its totals anyway), so a chart can set the two periods side by side. */
    daily: OverviewResult['daily'];
    changes: Partial<Record<MetricName, Change>>;
  };
  definitions: Record<string, MetricDefinition>;
}

/** The period of the same length that ends the day before `range` starts. */
export function previousPeriod(range: { from: string; to: string }): { from: string; to: string } {
  const day = 86_400_000;
  const length = (Date.parse(range.to) - Date.parse(range.from)) / day + 1;
  const to = new Date(Date.parse(range.from) - day).toISOString().slice(0, 10);
  const from = new Date(Date.parse(to) - (length - 1) * day).toISOString().slice(0, 10);
  return { from, to };
}

export function changes(current: Partial<OverviewFigures>, previous: Partial<OverviewFigures>): Partial<Record<MetricName, Change>> {
  const out: Partial<Record<MetricName, Change>> = {};
  for (const key of Object.keys(current) as MetricName[]) {
    const now = current[key];
    const before = previous[key] ?? null;
    const change = now == null || before == null ? null : Math.round((now - before) * 1e6) / 1e6;
    out[key] = { previous: before, change, changeRatio: change == null || !before ? null : Math.round((change / before) * 1e6) / 1e6 };
  }
  return out;
}

interface Row {
  day: string;
  uv: number | null;
  pv: number | null;
  cart_visitors: number | null;
  sessions: number | null;
  bounce_sessions: number | null;
  session_seconds: number | null;
  paid_orders: number | null;
  paying_buyers: number | null;
  gmv: number | null;
  new_buyers: number | null;
  repeat_buyers: number | null;
  ordering_buyers: number | null;
  items_amount: number | null;
  discounted_orders: number | null;
  discount_amount: number | null;
  refund_amount: number | null;
}

const MAX_DAYS = 400;

/** Validates a date range; defaults to the 7 days ending yesterday in the shop's time zone. */
export function dateRange(shop: Shop, from?: string, to?: string): { from: string; to: string } {
  const check = (field: 'from' | 'to', value: string | undefined) => {
    if (value === undefined) return;
    if (!isCalendarDate(value)) {
      throw new BadRequestError(`${field} must be a calendar date YYYY-MM-DD, got "${value}".`, field);
    }
  };
  check('from', from);
  check('to', to);
  const { today } = localNow(shop.time_zone, new Date());
  const shift = (d: string, days: number) => new Date(Date.parse(`${d}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const end = to ?? shift(today, -1);
  const start = from ?? shift(end, -6);
  const days = (Date.parse(end) - Date.parse(start)) / 86_400_000 + 1;
  if (days < 1) throw new BadRequestError('from must not be after to.', 'from');
  if (days > MAX_DAYS) throw new BadRequestError(`A range can span at most ${MAX_DAYS} days; this one spans ${days}.`, 'to');
  if (start < '2000-01-01') throw new BadRequestError('from must be 2000-01-01 or later.', 'from');
  return { from: start, to: end };
}

function figures(r: Row): Partial<OverviewFigures> {
  const n = (v: number | null) => v ?? 0;
  const uv = n(r.uv);
  const sessions = n(r.sessions);
  const gmv = cents(n(r.gmv));
  const refunds = cents(n(r.refund_amount));
  const buyers = n(r.paying_buyers);
  const itemsAmount = cents(n(r.items_amount));
  const discounts = cents(n(r.discount_amount));
  return {
    uv,
    pv: n(r.pv),
    pv_per_visitor: ratio(n(r.pv), uv),
    sessions,
    bounce_sessions: n(r.bounce_sessions),
    bounce_rate: ratio(n(r.bounce_sessions), sessions),
    avg_session_seconds: sessions > 0 ? Math.round((n(r.session_seconds) / sessions) * 10) / 10 : null,
    cart_visitors: n(r.cart_visitors),
    ordering_buyers: n(r.ordering_buyers),
    paid_orders: n(r.paid_orders),
    paying_buyers: buyers,
    new_buyers: n(r.new_buyers),
    returning_buyers: buyers - n(r.new_buyers),
    repeat_buyers: n(r.repeat_buyers),
    repurchase_rate: ratio(n(r.repeat_buyers), buyers),
    gmv,
    refund_amount: refunds,
    net_gmv: cents(gmv - refunds),
    items_amount: itemsAmount,
    discounted_orders: n(r.discounted_orders),
    discount_amount: discounts,
    discounted_order_rate: ratio(n(r.discounted_orders), n(r.paid_orders)),
    discount_rate: ratio(discounts, itemsAmount),
    conversion_rate: ratio(buyers, uv),
    aov: buyers > 0 ? cents(gmv / buyers) : null,
    amount_per_order: n(r.paid_orders) > 0 ? cents(gmv / n(r.paid_orders)) : null,
    uv_value: uv > 0 ? cents(gmv / uv) : null,
  };
}

export type OverviewFilters = AnalysisFilters;

export async function overview(
  scope: ShopScope,
  shop: Shop,
  range: { from: string; to: string },
  filters: OverviewFilters = {},
  options: { rawTables?: boolean } = {},
): Promise<OverviewResult> {
  // Traffic (visitors joined with sessions in one statement) and orders run side by side on the
  // interactive lane's two connections and are joined here by day. An unfiltered overview reads
  // its visitors and sessions from the daily rollups (visitor bitmaps and per-day session sums:
  // 7 days of the largest bench shop in ~8 and ~3 ms instead of ~95 and ~100) and its order
  // figures from buyers' days (~15 ms instead of ~54); the rollups keep no filtered dimension, so a
  // filter reads the events and orders (pass rawTables to hold the two to the same answer, as the
  // rollup test does).
  const params = (q: { params: QueryParams }) => ({ ...q.params, from: range.from, to: range.to, tz: shop.time_zone });
  const run = (name: string, q: { sql: string; params: QueryParams }) => scope.rows<Row>(q.sql, params(q), { purpose: `analysis.${name}` });
  const rollup = !options.rawTables && readsRollup(filters);
  // Each traffic part has its rollup twin, `<name>-rollup.sql`.
  const part = (name: 'overview-visitors' | 'overview-sessions') =>
    rollup ? { sql: loadQuery(`${name}-rollup`), params: {} } : filteredQuery(name, filters, shop, range.from);
  const visitors = part('overview-visitors');
  const sessions = part('overview-sessions');
  // One statement, not two: on a small shop a round trip costs more than the query (the median
  // bench shop's overview took 45–51 ms as three statements on the lane's two connections, 34–41
  // as two).
  const traffic = {
    sql: `SELECT v.*, s.sessions AS sessions, s.bounce_sessions AS bounce_sessions, s.session_seconds AS session_seconds
FROM (${visitors.sql}) AS v
LEFT JOIN (${sessions.sql}) AS s ON s.day = v.day
ORDER BY v.day`,
    params: { ...visitors.params, ...sessions.params },
  };
  const [trafficRows, orders] = await Promise.all([
    run(rollup ? 'overview.traffic.rollup' : 'overview.traffic', traffic),
    rollup
      ? run('overview.orders.rollup', { sql: loadQuery('overview-orders-rollup'), params: {} })
      : run('overview.orders', filteredQuery('overview-orders', filters, shop, range.from)),
  ]);
  const ordersByDay = new Map(orders.map((r) => [r.day, r]));
  const rows = trafficRows.map((r): Row => Object.assign({}, ordersByDay.get(r.day), r));
  const totalsRow = rows.find((r) => r.day === '1970-01-01');
  return {
    shop: shop.slug,
    timeZone: shop.time_zone,
    currency: shop.currency,
    from: range.from,
    to: range.to,
    filters: activeFilters(filters),
    totals: totalsRow ? figures(totalsRow) : {},
    daily: rows.filter((r) => r.day !== '1970-01-01').map((r) => ({ day: r.day, ...figures(r) })),
    definitions: definitionsOf(OVERVIEW_METRICS),
  };
}

/** The overview with a comparison period (by default the previous period of the same length). */
export async function overviewCompared(
  scope: ShopScope,
  shop: Shop,
  range: { from: string; to: string },
  filters: OverviewFilters = {},
  compareTo: { from: string; to: string } = previousPeriod(range),
): Promise<OverviewResult> {
  const [current, previous] = await Promise.all([overview(scope, shop, range, filters), overview(scope, shop, compareTo, filters)]);
  return {
    ...current,
    comparison: { ...compareTo, totals: previous.totals, daily: previous.daily, changes: changes(current.totals, previous.totals) },
  };
}
