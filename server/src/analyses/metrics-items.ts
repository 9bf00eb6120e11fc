/**
 * The written definitions of the order-line figures (商品/类目: what was sold, line by line) the
 * dataset builder offers, so a table can be split by category or product. Part of the one metric
 * catalogue (metrics-catalogue.ts), which serves them with results and renders docs/metrics.md.
 * Like the payment amount, they follow the orders paid in the period.
 */
// A type-only import: erased at run time, so the two modules do not load each other.
import type { MetricDefinition } from './metrics-catalogue.js';

export const ITEM_METRICS = {
  item_orders: {
    label: 'Orders with the goods',
    labelZh: '含商品订单数',
    unit: 'count',
    definition:
      'paid orders of the period with a line of the row’s goods (its category or product); an order with lines in two categories counts under each, so rows can add up to more than the paid orders',
  },
  item_buyers: {
    label: 'Buyers of the goods',
    labelZh: '商品支付买家数',
    unit: 'count',
    definition: 'distinct buyers of those orders (a guest order is a buyer of its own)',
  },
  item_units: {
    label: 'Units sold',
    labelZh: '支付件数',
    unit: 'count',
    definition: 'the quantities on the lines of the paid orders of the period',
  },
  item_sales: {
    label: 'Goods sales',
    labelZh: '商品销售额',
    unit: 'money',
    definition:
      'the line amounts (after line discounts, before order-level discounts and shipping) of the paid orders of the period; categories and products add up to it, and it can differ from the payment amount by those order-level amounts',
  },
  item_refunded_orders: {
    label: 'Orders with the goods refunded',
    labelZh: '含商品退款订单数',
    unit: 'count',
    definition:
      'of the orders with the goods, those with a refund of any amount, as they stand now (the refunds analysis’s refunded orders by category or product)',
  },
  item_refund_amount: {
    label: 'Goods refunds',
    labelZh: '商品退款金额',
    unit: 'money',
    definition:
      'each of those orders’ refund shared among its lines in proportion to their amounts, summed for the row’s goods (as the refunds analysis and the products ranking share a refund)',
  },
  item_refund_rate: {
    label: 'Goods refund rate',
    labelZh: '商品退款率',
    unit: 'ratio',
    definition: 'goods refunds / goods sales',
  },
  item_units_per_order: {
    label: 'Units per order',
    labelZh: '单均件数',
    unit: 'average',
    definition: 'units sold / orders with the goods',
  },
} as const satisfies Record<string, MetricDefinition>;
