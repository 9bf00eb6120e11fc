/**
 * The refunds analysis's reasons (售后原因; refunds.analysis.ts reads them in its one statement):
 * the refunded orders by the reason each records, and each channel's, category's or product's most
 * common given reason. A reason counts only with a refund; '' is "not given".
 */
import { medianOf } from './median.js';
import { cents, ratio } from './rounding.js';

/** A channel's, category's or product's most common given reason among its refunded orders. */
export interface TopReason {
  /** Most refunded orders, then most refunded, then by name; null when none of its refunds gave a reason. */
  top_reason: string | null;
  /** Its refunded orders / the row's refunded orders (those without a reason included). */
  top_reason_share: number | null;
}

export interface RefundReasonRow {
  reason: string;
  refunded_orders: number;
  full_refunds: number;
  refund_amount: number;
  /** Of all refunded orders (any reason). */
  refunded_order_share: number | null;
  /** Of the whole amount refunded. */
  refund_amount_share: number | null;
  median_days_to_refund: number | null;
}

/** A count of refunded orders under one value (a reason, a delay, a channel …) and, where split so, a reason. */
export interface ReasonTally {
  value: string;
  reason: string;
  refunded_orders: number | string;
  full_refunds: number | string;
  refund_amount: number | string;
}

/** Per reason, summed over the values it is split by (the paying days): value = the reason. */
export function byReasonAlone(tallies: readonly ReasonTally[]): ReasonTally[] {
  const sums = new Map<string, { value: string; reason: string; refunded_orders: number; full_refunds: number; refund_amount: number }>();
  for (const t of tallies) {
    const s = sums.get(t.reason) ?? { value: t.reason, reason: '', refunded_orders: 0, full_refunds: 0, refund_amount: 0 };
    s.refunded_orders += Number(t.refunded_orders);
    s.full_refunds += Number(t.full_refunds);
    s.refund_amount += Number(t.refund_amount);
    sums.set(t.reason, s);
  }
  return [...sums.values()];
}

/**
 * Per reason (`reasons`: value = the reason), with its share of all refunded orders and money and
 * its median days to refund (from `delays`: value = days, split by reason); most orders first.
 */
export function reasonRows(
  reasons: readonly ReasonTally[],
  delays: readonly ReasonTally[],
  total: { refunded_orders: number; refund_amount: number },
): RefundReasonRow[] {
  return reasons
    .map((r): RefundReasonRow => {
      const orders = Number(r.refunded_orders);
      const amount = Number(r.refund_amount);
      return {
        reason: r.value,
        refunded_orders: orders,
        full_refunds: Number(r.full_refunds),
        refund_amount: cents(amount),
        refunded_order_share: ratio(orders, total.refunded_orders),
        refund_amount_share: ratio(amount, total.refund_amount),
        median_days_to_refund: medianOf(
          delays.filter((d) => d.reason === r.value).map((d) => [Number(d.value), Number(d.refunded_orders)]),
        ),
      };
    })
    .sort((a, b) => b.refunded_orders - a.refunded_orders || b.refund_amount - a.refund_amount || a.reason.localeCompare(b.reason));
}

/** Each value's most common given reason (`tallies`: value × reason): most refunded orders, then most refunded, then by name. */
export function topReasons(tallies: readonly ReasonTally[]): Map<string, ReasonTally> {
  // Positive when a comes before b.
  const beats = (a: ReasonTally, b: ReasonTally) =>
    Number(a.refunded_orders) - Number(b.refunded_orders) ||
    Number(a.refund_amount) - Number(b.refund_amount) ||
    b.reason.localeCompare(a.reason);
  const top = new Map<string, ReasonTally>();
  for (const t of tallies) {
    const best = top.get(t.value);
    if (!best || beats(t, best) > 0) top.set(t.value, t);
  }
  return top;
}
