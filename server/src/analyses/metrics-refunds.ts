/**
 * The written definitions of the refunds-of-sales figures (refunds.analysis.ts, 售后). Part of the
 * one metric catalogue (metrics-catalogue.ts), which serves them with results and renders
 * docs/metrics.md. Unlike the overview's refunds (dated by the refund), these follow the sales of
 * the range: of what was paid then, how much has come back by now.
 */
// A type-only import: erased at run time, so the two modules do not load each other.
import type { MetricDefinition } from './metrics-catalogue.js';

export const REFUND_METRICS = {
  refund_sales_orders: {
    label: 'Paid orders',
    labelZh: '支付订单数',
    unit: 'count',
    definition:
      'orders paid in the range (the shop-local day of payment), as they stand now; for a category or product, those with a line of it (an order counts under each it holds)',
  },
  refund_sales_amount: {
    label: 'Payment amount',
    labelZh: '支付金额',
    unit: 'money',
    definition:
      'the amount paid for those orders, refunds not deducted; for a category or product, the amounts of its lines on them (line amounts do not include shipping)',
  },
  refunded_orders: {
    label: 'Refunded orders',
    labelZh: '退款订单数',
    unit: 'count',
    definition: 'of those orders, the ones with a refund of any amount by now, whenever it came',
  },
  full_refund_orders: {
    label: 'Fully refunded',
    labelZh: '全额退款订单数',
    unit: 'count',
    definition: 'of the refunded orders, those whose refund is at least the amount paid',
  },
  sales_refund_amount: {
    label: 'Amount refunded',
    labelZh: '退款金额',
    unit: 'money',
    definition:
      'the refunds of those orders by now; for a category or product, each order’s refund shared among its lines in proportion to their amounts, summed for it',
  },
  refunded_order_rate: {
    label: 'Refunded order rate',
    labelZh: '退款订单率',
    unit: 'ratio',
    definition:
      'refunded orders / paid orders; refunds arrive up to 14 days after a sale, so for orders paid within the last 14 days it is provisional and can only rise',
  },
  sales_refund_rate: {
    label: 'Refunded amount rate',
    labelZh: '退款金额率',
    unit: 'ratio',
    definition: 'refunded / payment amount, of the same orders (provisional, like the order rate, for recent sales)',
  },
  days_to_refund: {
    label: 'Days to refund',
    labelZh: '退款时长（天）',
    unit: 'days',
    definition:
      'for a refunded order with a refund time: shop-local days from the day of payment to the day of the refund (0 = the same day, as is a refund recorded before its payment); the median of an even number of orders is the mean of the middle two',
  },
  refund_reason: {
    label: 'Refund reason',
    labelZh: '退款原因',
    unit: 'text',
    definition:
      'why the order was refunded, as its latest version records it (trimmed, in lower case; the suggested codes are changed_mind, not_as_described, quality, wrong_size, damaged, wrong_item, late_delivery and other); empty when the source gave none',
  },
  refund_reason_order_share: {
    label: 'Share of refunded orders',
    labelZh: '退款订单占比',
    unit: 'ratio',
    definition: 'the reason’s refunded orders / all refunded orders of the same sales (the shares of all reasons add up to 1)',
  },
  refund_reason_amount_share: {
    label: 'Share of refunded amount',
    labelZh: '退款金额占比',
    unit: 'ratio',
    definition: 'the refunds of the reason’s orders / all refunds of the same sales',
  },
  refund_top_reason: {
    label: 'Top refund reason',
    labelZh: '主要退款原因',
    unit: 'text',
    definition:
      'for a channel, category or product: the reason given by most of its refunded orders (then the larger amount refunded, then by name), with its share of the row’s refunded orders, those without a reason included; empty when none gave one',
  },
  last_refund_day: {
    label: 'Last refund',
    labelZh: '最近退款日',
    unit: 'date',
    definition:
      'the shop-local day of the customer’s latest refund among their orders paid in the range (empty when none has a refund time)',
  },
  refund_guest_orders: {
    label: 'Guest refunds',
    labelZh: '游客退款订单数',
    unit: 'count',
    definition:
      'refunded orders paid in the range that were placed as a guest (no customer id): counted, not listed, since a guest cannot be followed up',
  },
} as const satisfies Record<string, MetricDefinition>;
