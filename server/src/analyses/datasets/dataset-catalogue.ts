/**
 * What the dataset builder offers: its dimensions, each with the SQL that computes it on each of
 * the three sides a dataset reads — events, orders paid in the range, and those orders' lines —
 * and its measures, each a catalogue metric computed on one side (or a ratio of two). Identifiers
 * in a dataset's SQL come only from here, never from the request.
 */
import { localHourSql } from '../local-time.js';
import type { MetricName } from '../metrics-catalogue.js';
import { cents, ratio } from '../rounding.js';

/** Where a measure is counted: events of the range, orders paid in it, or those orders' lines. */
export type DatasetSide = 'events' | 'orders' | 'lines';

/**
 * Dimensions: the SQL that computes each on every side (same meaning on all three); null where a
 * side has no such thing, so its measures cannot be split by it. A line carries its order's
 * columns, so order dimensions apply to lines unchanged.
 */
const ORDER_TIME = {
  day: 'pay_day',
  week: 'toStartOfWeek(pay_day, 1)',
  month: 'toStartOfMonth(pay_day)',
  hour: localHourSql('assumeNotNull(paid_at)'),
  weekday: 'toDayOfWeek(pay_day)',
};
/** The label of the order's band: as many edges as its amount (in cents) reaches pick the label. */
const ORDER_VALUE_BAND =
  '{order_value_labels:Array(String)}[1 + arrayCount(e -> toInt64(o.paid_amount * 100) >= e, {order_value_edge_cents:Array(Int64)})]';
export const DATASET_DIMENSIONS = {
  day: { events: 'day', orders: ORDER_TIME.day, lines: ORDER_TIME.day, label: 'shop-local day' },
  week: { events: 'toStartOfWeek(day, 1)', orders: ORDER_TIME.week, lines: ORDER_TIME.week, label: 'week starting Monday' },
  month: { events: 'toStartOfMonth(day)', orders: ORDER_TIME.month, lines: ORDER_TIME.month, label: 'calendar month' },
  // When in the day and the week (时段, 周几): an event's time, an order's payment, in the shop's time zone.
  hour: {
    events: localHourSql('ts'),
    orders: ORDER_TIME.hour,
    lines: ORDER_TIME.hour,
    label: "hour of the day, 00 to 23, in the shop's time zone (orders: the hour paid)",
  },
  weekday: {
    events: 'toDayOfWeek(day)',
    orders: ORDER_TIME.weekday,
    lines: ORDER_TIME.weekday,
    label: 'day of the week, 1 = Monday to 7 = Sunday (orders: the day paid)',
  },
  channel: {
    events: 'toString(channel)',
    orders: 'toString(channel)',
    lines: 'toString(channel)',
    label: 'traffic channel (orders: the channel the order came through)',
  },
  source: { events: 'toString(source)', orders: 'toString(source)', lines: 'toString(source)', label: 'traffic source' },
  medium: { events: 'toString(medium)', orders: 'toString(medium)', lines: 'toString(medium)', label: 'traffic medium' },
  campaign: { events: 'campaign', orders: 'campaign', lines: 'campaign', label: 'campaign' },
  device: { events: 'toString(device)', orders: 'toString(device)', lines: 'toString(device)', label: 'device' },
  region: { events: 'toString(region)', orders: 'toString(region)', lines: 'toString(region)', label: 'region' },
  live_room: {
    events: 'live_room_id',
    orders: 'live_room_id',
    lines: 'live_room_id',
    label: 'live room (events: the visit’s; orders: the live room the order was placed in; empty when none)',
  },
  // 类目 / 商品: an event's product, an order line's. An order holds several, so order measures
  // (one payment per order) are not split by them; the goods measures are.
  category: {
    events: 'toString(category)',
    orders: null,
    lines: 'toString(line_category)',
    label: 'product category (events: the product’s; goods measures: the order line’s; order measures are not split by it)',
  },
  product: {
    events: 'product_id',
    orders: null,
    lines: 'line_product_id',
    label: 'product id, with its name (events: the product’s; goods measures: the order line’s; order measures are not split by it)',
  },
  // 客单价区间: the band of the order's amount paid on the order values' default ladder for the
  // shop's currency (bound as parameters by the dataset; compared in whole cents, a band holds its
  // lower edge). A line is in its order's band; events have no amount.
  order_value: {
    events: null,
    orders: ORDER_VALUE_BAND,
    lines: ORDER_VALUE_BAND,
    label:
      'band of the order’s amount paid, on the order values’ default ladder for the shop’s currency (CNY <50, 50-100, …, 1000+; a band holds its lower edge; events have none)',
  },
  // As the refunds analysis groups them: a reason counts only with a refund.
  refund_reason: {
    events: null,
    orders: "if(refund_amount > 0, toString(refund_reason), '')",
    lines: "if(refund_amount > 0, toString(refund_reason), '')",
    label: 'refund reason (orders only: the reason the order’s refund records; empty when not refunded or none was given)',
  },
} as const satisfies Record<string, { events: string | null; orders: string | null; lines: string | null; label: string }>;
export type DatasetDimension = keyof typeof DATASET_DIMENSIONS;

/** Distinct buyers of the rows' orders: a customer, or a guest order as a buyer of its own. */
const BUYERS = "uniqExact(if(customer_id != '', customer_id, concat('guest:', order_id)))";

/** Base measures: the side each is counted on and its SQL there. */
export const BASE_MEASURES = {
  // Visitors by their dense numbers (docs/dense-visitor-numbers.md): one per visitor id, so the
  // same count, and a set of integers instead of strings (largest bench shop, visitors and goods by
  // category over 90 days: 1,192 -> 378 ms).
  uv: { side: 'events', sql: 'uniqExact(visitor_no)' },
  pv: { side: 'events', sql: "countIf(event_name IN ('page_view', 'product_view'))" },
  cart_visitors: { side: 'events', sql: "uniqExactIf(visitor_no, event_name = 'add_to_cart')" },
  paid_orders: { side: 'orders', sql: 'count()' },
  paying_buyers: { side: 'orders', sql: BUYERS },
  gmv: { side: 'orders', sql: 'sum(paid_amount)' },
  // The orders paid in the range that came back, as they stand now (the refunds analysis's figures).
  refunded_orders: { side: 'orders', sql: 'countIf(refund_amount > 0)' },
  full_refund_orders: { side: 'orders', sql: 'countIf(refund_amount > 0 AND refund_amount >= paid_amount)' },
  sales_refund_amount: { side: 'orders', sql: 'sum(refund_amount)' },
  // Order-level discounts (coupons) of the orders paid in the range. Columns qualified (o.): a
  // measure named as the column it sums is an alias the engine would otherwise read instead.
  items_amount: { side: 'orders', sql: 'sum(o.items_amount)' },
  discounted_orders: { side: 'orders', sql: 'countIf(o.discount_amount > 0)' },
  discount_amount: { side: 'orders', sql: 'sum(o.discount_amount)' },
  // What was sold, line by line (metrics-items.ts).
  item_orders: { side: 'lines', sql: 'uniqExact(order_id)' },
  item_buyers: { side: 'lines', sql: BUYERS },
  item_units: { side: 'lines', sql: 'sum(line_quantity)' },
  item_sales: { side: 'lines', sql: 'sum(line_amount)' },
  // The orders' refunds as they stand now, each shared among its lines by amount (metrics-items.ts).
  item_refunded_orders: { side: 'lines', sql: 'uniqExactIf(order_id, refund_amount > 0)' },
  item_refund_amount: {
    side: 'lines',
    sql: 'sum(if(order_lines_amount > 0, toFloat64(refund_amount) * toFloat64(line_amount) / order_lines_amount, 0))',
  },
} as const satisfies Record<string, { side: DatasetSide; sql: string }>;
export type BaseMeasure = keyof typeof BASE_MEASURES;

type Values = Record<string, number>;
const share = (a: BaseMeasure, b: BaseMeasure) => ({ parts: [a, b], compute: (r: Values) => ratio(r[a] ?? 0, r[b] ?? 0) });
const moneyPer = (a: BaseMeasure, b: BaseMeasure) => ({
  parts: [a, b],
  compute: (r: Values) => ((r[b] ?? 0) > 0 ? cents((r[a] ?? 0) / (r[b] ?? 1)) : null),
});

/** Measures derived from base ones, after the rows are counted. */
export const DERIVED_MEASURES: Record<string, { parts: BaseMeasure[]; compute: (r: Values) => number | null }> = {
  conversion_rate: share('paying_buyers', 'uv'),
  aov: moneyPer('gmv', 'paying_buyers'),
  amount_per_order: moneyPer('gmv', 'paid_orders'),
  uv_value: moneyPer('gmv', 'uv'),
  pv_per_visitor: share('pv', 'uv'),
  refunded_order_rate: share('refunded_orders', 'paid_orders'),
  sales_refund_rate: share('sales_refund_amount', 'gmv'),
  discounted_order_rate: share('discounted_orders', 'paid_orders'),
  discount_rate: share('discount_amount', 'items_amount'),
  item_units_per_order: share('item_units', 'item_orders'),
  item_refund_rate: share('item_refund_amount', 'item_sales'),
};

/** The sides a measure is counted on (a ratio: its parts'), so a client can tell which dimensions split it. */
export function sidesOfMeasure(measure: string): DatasetSide[] {
  const parts = DERIVED_MEASURES[measure]?.parts ?? [measure as BaseMeasure];
  return [...new Set(parts.map((p) => BASE_MEASURES[p].side))];
}

/** The sides a dimension splits (those where it has SQL). */
export function sidesOfDimension(dimension: DatasetDimension): DatasetSide[] {
  const d = DATASET_DIMENSIONS[dimension];
  return (['events', 'orders', 'lines'] as const).filter((side) => d[side] !== null);
}

export const DATASET_MEASURES = [...Object.keys(BASE_MEASURES), ...Object.keys(DERIVED_MEASURES)] as MetricName[];
/** Measures summed from decimals: rounded to the cent once summed. */
export const MONEY_MEASURES = new Set<string>([
  'gmv',
  'sales_refund_amount',
  'items_amount',
  'discount_amount',
  'item_sales',
  'item_refund_amount',
]);
