/**
 * Product diagnosis's rules (商品诊断): which products a merchant should look at, and why. Each
 * product's figures for the period and the comparison period go in; its findings come out, each
 * with a size to rank by. Pure: the analysis reads the figures, this decides. The written
 * definitions (metrics-product-diagnosis.ts, docs/metrics.md) say the same in words; the numbers
 * they name are the constants below.
 */
import { cents, ratio } from './rounding.js';

/** The findings, in the order a merchant should read them: money lost first, a rising product last. */
export const FINDING_KINDS = [
  'sales_falling',
  'no_sales',
  'low_conversion',
  'cart_no_pay',
  'traffic_falling',
  'high_refunds',
  'rising',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/**
 * How much each finding asks of the merchant, for alert schedules (report_schedules.only_when):
 * money already lost or handed back is abnormal, a product that will lose it if left alone is
 * watch, a rising one is good news.
 */
export const FINDING_STATUS: Record<FindingKind, 'abnormal' | 'watch' | 'normal'> = {
  sales_falling: 'abnormal',
  high_refunds: 'abnormal',
  no_sales: 'watch',
  low_conversion: 'watch',
  cart_no_pay: 'watch',
  traffic_falling: 'watch',
  rising: 'normal',
};

export const DIAGNOSIS_RULES = {
  /** Visitors a product needs (this period, or expected from the comparison) before its conversion or traffic is judged. */
  min_visitors: 20,
  /** Cart-adding visitors a product needs before its cart-to-pay rate is judged. */
  min_cart_visitors: 10,
  /** A rate under this multiple of all products' rate is low. */
  low_rate_multiple: 0.5,
  /** A product's share of all products' payment amount (in the period judged) before its sales are. */
  significant_share: 0.01,
  /** Falling: this change or worse against the comparison period's rate per day. */
  fall: -0.3,
  /** Rising: this change or better. */
  rise: 0.5,
  /** Refunded orders a product needs before its refund rate is judged. */
  min_refunded_orders: 3,
  /** A refunded order rate this many times the shop's (of the same sales) is high. */
  refund_multiple: 2,
};
export type DiagnosisRules = typeof DIAGNOSIS_RULES;

/** One product's figures, as read: this period's and the comparison period's. */
export interface ProductFigures {
  product_id: string;
  name: string;
  category: string;
  visitors: number;
  cart_visitors: number;
  buyers: number;
  gmv: number;
  compared_visitors: number;
  compared_gmv: number;
  /** Of the orders paid in the period (as they stand now): with a line of the product, and those refunded. */
  sales_orders: number;
  refunded_orders: number;
  refund_amount: number;
}

/** All products together, the yardsticks the rules hold each product to. */
export interface DiagnosisBaseline {
  /** Paying buyers / visitors, over the products viewed in the period. */
  view_to_pay_conversion: number | null;
  /** Paying buyers / cart-adding visitors, over the products added to a cart in the period. */
  cart_to_pay_rate: number | null;
  gmv: number;
  compared_gmv: number;
  /** The shop's refunded order rate of the period's sales. */
  refunded_order_rate: number | null;
  /** The rates' own parts: the rules compare with them, not with the rounded rates. */
  parts: {
    viewed_buyers: number;
    viewed_visitors: number;
    carted_buyers: number;
    cart_visitors: number;
    sales_orders: number;
    refunded_orders: number;
  };
}

export interface Finding {
  kind: FindingKind;
  /** What ranks it, in the kind's own unit (see its definition): visitors, buyers or money. */
  size: number;
}

export interface DiagnosedProduct extends ProductFigures {
  /** The comparison period's figure at its daily rate over this period's days. */
  expected_visitors: number;
  expected_gmv: number;
  visitors_change: number | null;
  gmv_change: number | null;
  view_to_pay_conversion: number | null;
  cart_to_pay_rate: number | null;
  refunded_order_rate: number | null;
  findings: Finding[];
}

const sum = (xs: number[]) => xs.reduce((a, x) => a + x, 0);

/** The yardsticks from every product read (not only the flagged ones) and the shop's sales. */
export function baselineOf(
  products: readonly ProductFigures[],
  shopSales: { sales_orders: number; refunded_orders: number },
): DiagnosisBaseline {
  const viewed = products.filter((p) => p.visitors > 0);
  const carted = products.filter((p) => p.cart_visitors > 0);
  const parts = {
    viewed_buyers: sum(viewed.map((p) => p.buyers)),
    viewed_visitors: sum(viewed.map((p) => p.visitors)),
    carted_buyers: sum(carted.map((p) => p.buyers)),
    cart_visitors: sum(carted.map((p) => p.cart_visitors)),
    ...shopSales,
  };
  return {
    view_to_pay_conversion: ratio(parts.viewed_buyers, parts.viewed_visitors),
    cart_to_pay_rate: ratio(parts.carted_buyers, parts.cart_visitors),
    gmv: cents(sum(products.map((p) => p.gmv))),
    compared_gmv: cents(sum(products.map((p) => p.compared_gmv))),
    refunded_order_rate: ratio(parts.refunded_orders, parts.sales_orders),
    parts,
  };
}

/** a ≤ b, forgiving the last bits of binary floating point (0.7 × 3 is 2.0999999999999996). */
const atMost = (a: number, b: number) => a <= b + 1e-9 * Math.max(1, Math.abs(b));

/**
 * Each product's findings. `scale` is this period's days / the comparison period's: the
 * comparison's figures at its own daily rate over this period's days are what the product was
 * expected to do (periods of the same length: the figures themselves).
 */
export function diagnose(
  p: ProductFigures,
  base: DiagnosisBaseline,
  scale: number,
  rules: DiagnosisRules = DIAGNOSIS_RULES,
): DiagnosedProduct {
  const expectedVisitors = p.compared_visitors * scale;
  const expectedGmv = p.compared_gmv * scale;
  const conversion = ratio(p.buyers, p.visitors);
  const cartToPay = ratio(p.buyers, p.cart_visitors);
  const refundRate = ratio(p.refunded_orders, p.sales_orders);
  const findings: Finding[] = [];
  const add = (kind: FindingKind, size: number) => findings.push({ kind, size });

  // Sales falling: a product that mattered before (its share of all products' payment amount
  // then) selling at 70 % or less of its rate then.
  if (
    base.compared_gmv > 0 &&
    atMost(rules.significant_share * base.compared_gmv, p.compared_gmv) &&
    atMost(p.gmv, (1 + rules.fall) * expectedGmv)
  ) {
    add('sales_falling', cents(expectedGmv - p.gmv));
  }
  if (p.visitors >= rules.min_visitors && p.buyers === 0) add('no_sales', p.visitors);
  // Rates against all products' from their whole-number parts: buyers / visitors < ½ × all
  // buyers / all visitors, multiplied out, so no rounding decides a case at the edge.
  const { parts } = base;
  if (
    p.visitors >= rules.min_visitors &&
    p.buyers > 0 &&
    p.buyers * parts.viewed_visitors < rules.low_rate_multiple * parts.viewed_buyers * p.visitors
  ) {
    add('low_conversion', cents((parts.viewed_buyers * p.visitors) / parts.viewed_visitors - p.buyers));
  }
  if (
    p.cart_visitors >= rules.min_cart_visitors &&
    p.buyers * parts.cart_visitors < rules.low_rate_multiple * parts.carted_buyers * p.cart_visitors
  ) {
    add('cart_no_pay', cents((parts.carted_buyers * p.cart_visitors) / parts.cart_visitors - p.buyers));
  }
  if (atMost(rules.min_visitors, expectedVisitors) && atMost(p.visitors, (1 + rules.fall) * expectedVisitors)) {
    add('traffic_falling', cents(expectedVisitors - p.visitors));
  }
  if (
    p.refunded_orders >= rules.min_refunded_orders &&
    parts.refunded_orders > 0 &&
    p.refunded_orders * parts.sales_orders >= rules.refund_multiple * parts.refunded_orders * p.sales_orders
  ) {
    add('high_refunds', p.refund_amount);
  }
  if (base.gmv > 0 && atMost(rules.significant_share * base.gmv, p.gmv) && atMost((1 + rules.rise) * expectedGmv, p.gmv)) {
    add('rising', cents(p.gmv - expectedGmv));
  }
  return {
    ...p,
    expected_visitors: cents(expectedVisitors),
    expected_gmv: cents(expectedGmv),
    visitors_change: ratio(p.visitors - expectedVisitors, expectedVisitors),
    gmv_change: ratio(p.gmv - expectedGmv, expectedGmv),
    view_to_pay_conversion: conversion,
    cart_to_pay_rate: cartToPay,
    refunded_order_rate: refundRate,
    findings,
  };
}

/** The most pressing first: by the first finding's kind in FINDING_KINDS order, then its size, then id. */
export function byUrgency(a: DiagnosedProduct, b: DiagnosedProduct): number {
  const rank = (p: DiagnosedProduct) => FINDING_KINDS.indexOf(p.findings[0]?.kind ?? 'rising');
  return rank(a) - rank(b) || (b.findings[0]?.size ?? 0) - (a.findings[0]?.size ?? 0) || a.product_id.localeCompare(b.product_id);
}
