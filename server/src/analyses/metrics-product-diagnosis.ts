/**
 * The written definitions of product diagnosis (商品诊断): which products to look at and why. Part
 * of the one metric catalogue (metrics-catalogue.ts), which serves them with results and renders
 * docs/metrics.md. Each finding is counted in products; its definition says what ranks it (the
 * finding's size). The thresholds are product-diagnosis-rules.ts's; the figures it judges keep
 * their own definitions (product visitors, paying buyers, payment amount, refunds of the sales).
 */
// A type-only import: erased at run time, so the two modules do not load each other.
import type { MetricDefinition } from './metrics-catalogue.js';

const expected = (what: string) =>
  `the product’s ${what} in the comparison period at its rate per day there, over this period’s days (periods of the same length: the figure itself)`;

export const PRODUCT_DIAGNOSIS_METRICS = {
  finding_sales_falling: {
    label: 'Sales falling',
    labelZh: '支付下跌',
    unit: 'count',
    definition:
      'products with at least 1 % of all products’ payment amount in the comparison period whose payment amount is 70 % or less of its expected payment amount (down 30 % or more per day); ranked by the amount short: expected − actual',
  },
  finding_no_sales: {
    label: 'Visitors, no sales',
    labelZh: '有访客无支付',
    unit: 'count',
    definition:
      'products with at least the minimum of product visitors (default 20) in the period and not one paying buyer; ranked by their visitors',
  },
  finding_low_conversion: {
    label: 'Low conversion',
    labelZh: '支付转化率低',
    unit: 'count',
    definition:
      'products with at least the minimum of visitors (default 20) and at least one paying buyer whose view-to-pay conversion is under half of all viewed products’ (their paying buyers / their visitors, summed over the products viewed in the period); ranked by the buyers short: visitors × all products’ conversion − paying buyers',
  },
  finding_cart_no_pay: {
    label: 'Carted, not paid',
    labelZh: '加购未支付',
    unit: 'count',
    definition:
      'products with at least the minimum of cart-adding visitors (default 10) whose cart-to-pay rate is under half of all carted products’ (their paying buyers / their cart-adding visitors, summed over the products added to a cart in the period); ranked by the buyers short: cart-adding visitors × all products’ rate − paying buyers',
  },
  finding_traffic_falling: {
    label: 'Traffic falling',
    labelZh: '流量下跌',
    unit: 'count',
    definition:
      'products expected to have at least the minimum of visitors (default 20) whose visitors are 70 % or fewer of those expected (down 30 % or more per day); ranked by the visitors short: expected − actual',
  },
  finding_high_refunds: {
    label: 'High refunds',
    labelZh: '高退款',
    unit: 'count',
    definition:
      'of the orders paid in the period (as they stand now): products with at least 3 refunded orders whose refunded order rate is at least twice the shop’s of the same sales; ranked by the amount refunded. Sales of the last 14 days are still settling',
  },
  finding_rising: {
    label: 'Rising',
    labelZh: '飙升',
    unit: 'count',
    definition:
      'products with at least 1 % of all products’ payment amount in the period whose payment amount is at least 150 % of its expected payment amount (up 50 % or more per day, or new); ranked by the amount gained: actual − expected',
  },
  finding_size: {
    label: 'Size',
    labelZh: '影响量',
    unit: 'average',
    definition:
      'what ranks a finding, in its own unit: the amount short or gained (money) for sales falling and rising, the amount refunded for high refunds, visitors for no sales and traffic falling, buyers short for low conversion and carted, not paid',
  },
  expected_visitors: {
    label: 'Visitors expected',
    labelZh: '预期访客数',
    unit: 'average',
    definition: expected('product visitors'),
  },
  expected_gmv: {
    label: 'Payment amount expected',
    labelZh: '预期支付金额',
    unit: 'money',
    definition: expected('payment amount'),
  },
  visitors_change: {
    label: 'Visitors vs expected',
    labelZh: '访客数变化',
    unit: 'ratio',
    definition: 'product visitors / visitors expected − 1; empty when none were expected',
  },
  gmv_change: {
    label: 'Payment amount vs expected',
    labelZh: '支付金额变化',
    unit: 'ratio',
    definition: 'payment amount / payment amount expected − 1; empty when none was expected',
  },
  cart_to_pay_rate: {
    label: 'Cart-to-pay rate',
    labelZh: '加购支付转化率',
    unit: 'ratio',
    definition:
      'the product’s paying buyers / its cart-adding visitors in the period (buyers who never carted it count too, so it can exceed 1)',
  },
} as const satisfies Record<string, MetricDefinition>;
