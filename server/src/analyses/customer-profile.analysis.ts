/**
 * One customer, whole (单客详情): what an operations person looks up after a customer list names
 * someone — their RFM scores and segment as of a day (scored among all customers by the one RFM
 * definition, so they match the lists and the grid), the customer record and first facts, every
 * order as it stands now, and what they did in the shop: counts by event and the latest events,
 * across every visitor id (device) that ever signed in as them, signed in or not at the time.
 */
import { loadQueryText, type ShopScope } from '@storelens/sql';
import { NotFoundError } from '../errors.js';
import type { Shop } from '../metadata/index.js';
import { type ListedCustomer, SCORED_CUSTOMER_METRICS, scoredCustomer } from './customer-list.analysis.js';
import { filteredSql } from './filters.js';
import { definitionsOf, type MetricDefinition } from './metrics-catalogue.js';
import { productLabels } from './product-labels.js';

/** Orders and latest events listed; totals cover all of them. */
export const PROFILE_ORDERS_MAX = 500;
export const PROFILE_EVENTS_MAX = 50;

export interface ProfileOrder {
  order_id: string;
  /** Shop-local times, YYYY-MM-DD HH:MM:SS. */
  created_at: string;
  paid_at: string | null;
  status: string;
  channel: string;
  paid_amount: number;
  /** The order-level discount (a coupon) taken off before payment; 0 when none. */
  discount_amount: number;
  refund_amount: number;
  refunded_at: string | null;
  /** Why it was refunded, as recorded ('' when not given or not refunded). */
  refund_reason: string;
  lines: number;
  units: number;
  /** What was bought, line by line. */
  items: Array<{ product_id: string; product_name: string; quantity: number; amount: number }>;
}

export interface ProfileEvent {
  ts: string;
  event: string;
  channel: string;
  device: string;
  product_id: string;
  /** The product's name (catalogue, else its latest order line), '' when nothing names it. */
  product_name: string;
  order_id: string;
  search_term: string;
  /** Whether the customer was signed in (the event carries their id) or only known by the device. */
  signed_in: boolean;
}

export interface CustomerProfileResult {
  shop: string;
  customer_id: string;
  /** RFM is scored as of this shop-local day. */
  at: string;
  /** Scored as the customer lists score them; null when they had no paid order by `at`. */
  rfm: Omit<ListedCustomer, 'customer_id'> | null;
  record: { signed_up_at: string | null; region: string; member_level: string; attributes: Record<string, string> } | null;
  first: {
    seen_at: string | null;
    channel: string | null;
    paid_at: string | null;
    order_id: string | null;
    order_channel: string | null;
  };
  totals: { orders: number; paid_orders: number; payment_amount: number; refund_amount: number };
  orders: ProfileOrder[];
  activity: {
    events: number;
    sessions: number;
    visitor_ids: number;
    first_event_at: string | null;
    last_event_at: string | null;
    by_event: Array<{ event: string; events: number }>;
    latest: ProfileEvent[];
  };
  definitions: Record<string, MetricDefinition>;
}

const LOCAL = (column: string) => `formatDateTime(${column}, '%Y-%m-%d %H:%i:%S', {tz:String})`;

/** The orders, each with its lines, newest first. */
const ORDERS_SQL = `
SELECT o.order_id AS order_id, ${LOCAL('o.created_at')} AS created_at,
       if(o.paid_at IS NULL, NULL, ${LOCAL('assumeNotNull(o.paid_at)')}) AS paid_at,
       toString(o.status) AS status, toString(o.channel) AS channel,
       toFloat64(o.paid_amount) AS paid_amount, toFloat64(o.discount_amount) AS discount_amount, toFloat64(o.refund_amount) AS refund_amount,
       if(o.refunded_at IS NULL, NULL, ${LOCAL('assumeNotNull(o.refunded_at)')}) AS refunded_at,
       if(o.refund_amount > 0, toString(o.refund_reason), '') AS refund_reason,
       ifNull(i.lines, 0) AS lines, ifNull(i.units, 0) AS units, ifNull(i.items, []) AS items
FROM their_orders AS o
LEFT JOIN their_lines AS i ON i.order_id = o.order_id
ORDER BY o.created_at DESC, o.order_id
SETTINGS join_use_nulls = 1`;

const RECORD_SQL = `
SELECT if(signed_up_at IS NULL, NULL, ${LOCAL('assumeNotNull(signed_up_at)')}) AS signed_up_at,
       toString(region) AS region, toString(member_level) AS member_level, attributes
FROM customers FINAL
WHERE shop_id = {shop_id:UInt32} AND customer_id = {customer:String}`;

const FIRST_SQL = `
SELECT if(min(first_seen_at) IS NULL, NULL, ${LOCAL('assumeNotNull(min(first_seen_at))')}) AS seen_at,
       nullIf(argMinMerge(first_channel), '') AS channel,
       if(min(first_order_at) IS NULL, NULL, ${LOCAL('assumeNotNull(min(first_order_at))')}) AS paid_at,
       nullIf(argMinMerge(first_order_id), '') AS order_id,
       nullIf(argMinMerge(first_order_channel), '') AS order_channel
FROM customer_first_facts
WHERE shop_id = {shop_id:UInt32} AND customer_id = {customer:String}
GROUP BY customer_id`;

const ACTIVITY_SQL = `
SELECT toString(event_name) AS event, count() AS events,
       uniqExactIf(session_id, session_id != '') AS sessions,
       uniqExact(visitor_id) AS visitor_ids,
       ${LOCAL('min(ts)')} AS first_event_at, ${LOCAL('max(ts)')} AS last_event_at
FROM their_events
-- The second set is every event together: the customer's totals, with an empty event name.
GROUP BY GROUPING SETS ((event_name), ())
ORDER BY events DESC, event`;

const LATEST_SQL = `
SELECT ${LOCAL('ts')} AS ts, toString(event_name) AS event, toString(channel) AS channel, toString(device) AS device,
       product_id, order_id, search_term, customer_id = {customer:String} AS signed_in
FROM their_events
ORDER BY ts DESC, event_id DESC
LIMIT ${PROFILE_EVENTS_MAX}`;

const RFM_SQL = `
SELECT r, f, m, recency_days, orders, discounted_orders, spend, toString(first_paid_day) AS first_paid_day, toString(last_paid_day) AS last_paid_day
FROM scored
WHERE customer_id = {customer:String}`;

type Row = Record<string, unknown>;

export async function customerProfile(scope: ShopScope, shop: Shop, customerId: string, at: string): Promise<CustomerProfileResult> {
  const params = { customer: customerId, tz: shop.time_zone, at };
  const tag = { purpose: 'analysis.customer-profile' };
  const profile = loadQueryText('customer-profile');
  const rfmQuery = filteredSql(`${loadQueryText('customers-rfm-scored')}${RFM_SQL}`, {}, shop, at);
  const [orders, record, first, rfm, activity, latest] = await Promise.all([
    scope.rows<Row>(`${profile}${ORDERS_SQL}`, params, tag),
    scope.rows<Row>(RECORD_SQL, params, tag),
    scope.rows<Row>(FIRST_SQL, params, tag),
    scope.rows<Row>(rfmQuery.sql, { ...rfmQuery.params, ...params }, tag),
    scope.rows<Row>(`${profile}${ACTIVITY_SQL}`, params, tag),
    scope.rows<Row>(`${profile}${LATEST_SQL}`, params, tag),
  ]);
  type Line = [number, string, string, number, number];
  const linesOf = (o: Row) => (Array.isArray(o.items) ? (o.items as Line[]) : []);
  // Products named once for the events and the order lines (a line's own name first).
  const labels = await productLabels(
    scope,
    [
      ...new Set([
        ...latest.map((e) => String(e.product_id)),
        ...orders.slice(0, PROFILE_ORDERS_MAX).flatMap((o) => linesOf(o).map((l) => l[1])),
      ]),
    ].filter(Boolean),
  );
  const byEvent = activity.filter((r) => r.event !== '');
  const total = activity.find((r) => r.event === '');
  if (orders.length === 0 && record.length === 0 && byEvent.length === 0 && first.length === 0) {
    throw new NotFoundError(`No customer "${customerId}" in this shop: no order, customer record or event carries that id.`);
  }
  const n = (v: unknown) => Number(v ?? 0);
  const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const scored = rfm[0];
  const paid = orders.filter((o) => o.paid_at !== null);
  return {
    shop: shop.slug,
    customer_id: customerId,
    at,
    rfm: scored ? scoredCustomer(scored) : null,
    record: record[0]
      ? {
          signed_up_at: s(record[0].signed_up_at),
          region: String(record[0].region),
          member_level: String(record[0].member_level),
          attributes: (record[0].attributes ?? {}) as Record<string, string>,
        }
      : null,
    first: {
      seen_at: s(first[0]?.seen_at),
      channel: s(first[0]?.channel),
      paid_at: s(first[0]?.paid_at),
      order_id: s(first[0]?.order_id),
      order_channel: s(first[0]?.order_channel),
    },
    totals: {
      orders: orders.length,
      paid_orders: paid.length,
      payment_amount: paid.reduce((sum, o) => sum + Math.round(n(o.paid_amount) * 100), 0) / 100,
      refund_amount: orders.reduce((sum, o) => sum + Math.round(n(o.refund_amount) * 100), 0) / 100,
    },
    orders: orders.slice(0, PROFILE_ORDERS_MAX).map((o) => ({
      order_id: String(o.order_id),
      created_at: String(o.created_at),
      paid_at: s(o.paid_at),
      status: String(o.status),
      channel: String(o.channel),
      paid_amount: n(o.paid_amount),
      discount_amount: n(o.discount_amount),
      refund_amount: n(o.refund_amount),
      refunded_at: s(o.refunded_at),
      refund_reason: String(o.refund_reason),
      lines: n(o.lines),
      units: n(o.units),
      items: linesOf(o).map(([, product, name, quantity, amount]) => ({
        product_id: product,
        product_name: name || (labels.get(product)?.name ?? ''),
        quantity: Number(quantity),
        amount: Number(amount),
      })),
    })),
    activity: {
      events: n(total?.events),
      sessions: n(total?.sessions),
      visitor_ids: n(total?.visitor_ids),
      first_event_at: byEvent.length > 0 ? s(total?.first_event_at) : null,
      last_event_at: byEvent.length > 0 ? s(total?.last_event_at) : null,
      by_event: byEvent.map((r) => ({ event: String(r.event), events: n(r.events) })),
      latest: latest.map((e) => ({
        ts: String(e.ts),
        event: String(e.event),
        channel: String(e.channel),
        device: String(e.device),
        product_id: String(e.product_id),
        product_name: labels.get(String(e.product_id))?.name ?? '',
        order_id: String(e.order_id),
        search_term: String(e.search_term),
        signed_in: Boolean(Number(e.signed_in)),
      })),
    },
    definitions: definitionsOf([
      ...SCORED_CUSTOMER_METRICS,
      'customer_payment_amount',
      'customer_refund_amount',
      'customer_events',
      'customer_visitor_ids',
    ]),
  };
}
