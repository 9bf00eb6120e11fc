/**
 * Refunds of the range's sales (售后): of the orders paid in the range, as they stand now, how many
 * came back refunded (in part or in full), for how much, how many days after payment, and where —
 * by paying day, by channel, by live room, by category, by product and by the reason recorded with
 * each refund
 * (sql/queries/refunds.sql); compared with
 * the period before, its products are this period's top products (the same rows). The overview's
 * refunds are dated by the refund instead; this follows the sales, so a channel or a product
 * whose buyers send things back shows as such whenever the refunds came. Sales of the last 14
 * days are still settling (refunds arrive up to 14 days after a sale): the result says from
 * which paying day on.
 */
import type { ShopScope } from '@storelens/sql';
import type { Shop } from '../metadata/index.js';
import { type AnalysisFilters, activeFilters, filteredQuery } from './filters.js';
import { addDays, localNow } from './local-time.js';
import { medianOf } from './median.js';
import { definitionsOf, type MetricDefinition } from './metrics-catalogue.js';
import { productLabels } from './product-labels.js';
import { byReasonAlone, type RefundReasonRow, reasonRows, type TopReason, topReasons } from './refund-reasons.js';
import { cents, ratio } from './rounding.js';

/** Refunds arrive up to this many days after a sale (the diagnosis's refund rate settles as long). */
export const REFUND_SETTLING_DAYS = 14;

/** Days-to-refund histogram buckets: [label, fewest days, most days]. */
const DELAY_BUCKETS: Array<[string, number, number]> = [
  ['same day', 0, 0],
  ['1', 1, 1],
  ['2', 2, 2],
  ['3', 3, 3],
  ['4-7', 4, 7],
  ['8-14', 8, 14],
  ['15-30', 15, 30],
  ['31+', 31, Number.POSITIVE_INFINITY],
];

export interface RefundFigures {
  paid_orders: number;
  gmv: number;
  refunded_orders: number;
  full_refunds: number;
  refund_amount: number;
  refunded_order_rate: number | null;
  refund_amount_rate: number | null;
}

export interface RefundsResult {
  shop: string;
  from: string;
  to: string;
  filters: AnalysisFilters;
  currency: string;
  totals: RefundFigures & { median_days_to_refund: number | null };
  /** The first paying day whose refunds may still come (within the last 14 days); null when the range ends before it. */
  provisionalFrom: string | null;
  /** Every day of the range by the day of payment. */
  daily: Array<{ day: string; provisional: boolean } & RefundFigures>;
  /** Refunded orders (with a refund time) by shop-local days from payment to refund. */
  daysToRefund: {
    histogram: Array<{ bucket: string; orders: number; refund_amount: number }>;
    orders: number;
    median_days: number | null;
  };
  /** Largest refunded amount first. */
  byChannel: Array<{ channel: string } & RefundFigures & TopReason>;
  /** By the live room each order was placed in ('' = not in one; 直播退货): largest refunded amount first. */
  byLiveRoom: Array<{ live_room: string } & RefundFigures & TopReason>;
  byCategory: Array<{ category: string } & RefundFigures & TopReason>;
  /** The `limit` products with the largest refunded amount (then payment amount). */
  byProduct: Array<{ product_id: string; name: string; category: string } & RefundFigures & TopReason>;
  /** The refunded orders by the reason their refund records ('' = not given), most orders first. */
  byReason: RefundReasonRow[];
  /** The refunded orders by paying day and reason (only days and reasons with one), by day then reason. */
  reasonsDaily: Array<{ day: string; reason: string; refunded_orders: number; refund_amount: number }>;
  definitions: Record<string, MetricDefinition>;
}

interface Row {
  section:
    | 'day'
    | 'delay'
    | 'day_reason'
    | 'channel'
    | 'live_room'
    | 'category'
    | 'product'
    | 'channel_reason'
    | 'live_room_reason'
    | 'category_reason'
    | 'product_reason';
  value: string;
  paid_orders: number;
  gmv: number;
  refunded_orders: number;
  full_refunds: number;
  refund_amount: number;
  /** Delay and *_reason rows: the refunds' reason. */
  reason: string;
}

type Sums = Pick<RefundFigures, 'paid_orders' | 'gmv' | 'refunded_orders' | 'full_refunds' | 'refund_amount'>;

function figures(s: Sums): RefundFigures {
  return {
    paid_orders: s.paid_orders,
    gmv: cents(s.gmv),
    refunded_orders: s.refunded_orders,
    full_refunds: s.full_refunds,
    refund_amount: cents(s.refund_amount),
    refunded_order_rate: ratio(s.refunded_orders, s.paid_orders),
    refund_amount_rate: ratio(s.refund_amount, s.gmv),
  };
}

const sumsOf = (r: Row | undefined): Sums => ({
  paid_orders: Number(r?.paid_orders ?? 0),
  gmv: Number(r?.gmv ?? 0),
  refunded_orders: Number(r?.refunded_orders ?? 0),
  full_refunds: Number(r?.full_refunds ?? 0),
  refund_amount: Number(r?.refund_amount ?? 0),
});

const largestFirst = (a: RefundFigures & { key: string }, b: RefundFigures & { key: string }) =>
  b.refund_amount - a.refund_amount || b.gmv - a.gmv || a.key.localeCompare(b.key);

export async function refunds(
  scope: ShopScope,
  shop: Shop,
  range: { from: string; to: string },
  /** `products`: exactly these products in `byProduct` instead of the top `limit` (the period before, compared row by row). */
  options: { limit?: number; products?: readonly string[]; now?: Date } = {},
  filters: AnalysisFilters = {},
): Promise<RefundsResult> {
  const q = filteredQuery('refunds', filters, shop, range.from);
  const rows = await scope.rows<Row>(
    q.sql,
    { ...q.params, from: range.from, to: range.to, tz: shop.time_zone },
    { purpose: 'analysis.refunds' },
  );
  const of = (section: Row['section']) => rows.filter((r) => r.section === section);

  const settling = addDays(localNow(shop.time_zone, options.now ?? new Date()).today, -REFUND_SETTLING_DAYS);
  const byDay = new Map(of('day').map((r) => [r.value, r]));
  const daily: RefundsResult['daily'] = [];
  for (let day = range.from; day <= range.to; day = addDays(day, 1)) {
    daily.push({ day, provisional: day >= settling, ...figures(sumsOf(byDay.get(day))) });
  }
  const total = of('day')
    .map(sumsOf)
    .reduce(
      (a, s) => ({
        paid_orders: a.paid_orders + s.paid_orders,
        gmv: a.gmv + s.gmv,
        refunded_orders: a.refunded_orders + s.refunded_orders,
        full_refunds: a.full_refunds + s.full_refunds,
        refund_amount: a.refund_amount + s.refund_amount,
      }),
      sumsOf(undefined),
    );

  const delays: Array<[number, number]> = of('delay').map((r) => [Number(r.value), Number(r.refunded_orders)]);
  const histogram = DELAY_BUCKETS.map(([bucket, lo, hi]) => {
    const inside = of('delay').filter((r) => Number(r.value) >= lo && Number(r.value) <= hi);
    return {
      bucket,
      orders: inside.reduce((a, r) => a + Number(r.refunded_orders), 0),
      refund_amount: cents(inside.reduce((a, r) => a + Number(r.refund_amount), 0)),
    };
  });
  const medianDays = medianOf(delays);
  const byReason = reasonRows(byReasonAlone(of('day_reason')), of('delay'), total);
  const reasonsDaily = of('day_reason')
    .map((r) => ({
      day: r.value,
      reason: r.reason,
      refunded_orders: Number(r.refunded_orders),
      refund_amount: cents(Number(r.refund_amount)),
    }))
    .sort((a, b) => a.day.localeCompare(b.day) || a.reason.localeCompare(b.reason));

  const ranked = (section: 'channel' | 'live_room' | 'category' | 'product') => {
    const top = topReasons(of(`${section}_reason`));
    return of(section)
      .map((r) => {
        const f = figures(sumsOf(r));
        const t = top.get(r.value);
        return {
          key: r.value,
          ...f,
          top_reason: t?.reason ?? null,
          top_reason_share: t ? ratio(Number(t.refunded_orders), f.refunded_orders) : null,
        };
      })
      .sort(largestFirst);
  };
  const wanted = options.products ? new Set(options.products) : null;
  const products = wanted ? ranked('product').filter((p) => wanted.has(p.key)) : ranked('product').slice(0, options.limit ?? 20);
  // Named after the top rows are picked: one small read for at most `limit` ids.
  const labels = await productLabels(
    scope,
    products.map((p) => p.key),
  );
  // The later of the range's first day and the first settling day (dates as YYYY-MM-DD sort as they fall).
  const provisionalFrom = range.to >= settling ? ([range.from, settling].sort().at(-1) ?? null) : null;
  return {
    shop: shop.slug,
    from: range.from,
    to: range.to,
    filters: activeFilters(filters),
    currency: shop.currency,
    totals: { ...figures(total), median_days_to_refund: medianDays },
    provisionalFrom,
    daily,
    daysToRefund: { histogram, orders: delays.reduce((a, [, n]) => a + n, 0), median_days: medianDays },
    byChannel: ranked('channel').map(({ key, ...f }) => ({ channel: key, ...f })),
    byLiveRoom: ranked('live_room').map(({ key, ...f }) => ({ live_room: key, ...f })),
    byCategory: ranked('category').map(({ key, ...f }) => ({ category: key, ...f })),
    byProduct: products.map(({ key, ...f }) => ({
      product_id: key,
      name: labels.get(key)?.name ?? '',
      category: labels.get(key)?.category ?? '',
      ...f,
    })),
    byReason,
    reasonsDaily,
    definitions: definitionsOf([
      'refund_sales_orders',
      'refund_sales_amount',
      'refunded_orders',
      'full_refund_orders',
      'sales_refund_amount',
      'refunded_order_rate',
      'sales_refund_rate',
      'days_to_refund',
      'refund_reason',
      'refund_reason_order_share',
      'refund_reason_amount_share',
      'refund_top_reason',
    ]),
  };
}
