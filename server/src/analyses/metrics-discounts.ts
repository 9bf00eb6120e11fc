/**
 * The written definitions of the order-level discount figures (coupons, 优惠) the overview, the
 * dataset builder and (the discount rate) the diagnosis give. Part of the one metric catalogue (metrics-catalogue.ts), which serves them with results
 * and renders docs/metrics.md. Like the payment amount, they follow the orders paid in the period.
 */
// A type-only import: erased at run time, so the two modules do not load each other.
import type { MetricDefinition } from './metrics-catalogue.js';

export const DISCOUNT_METRICS = {
  items_amount: {
    label: 'Goods amount',
    labelZh: '商品金额',
    unit: 'money',
    definition: 'the goods’ amount of the paid orders of the period, before order-level discounts and shipping',
  },
  discounted_orders: {
    label: 'Discounted orders',
    labelZh: '优惠订单数',
    unit: 'count',
    definition: 'paid orders of the period with an order-level discount (a coupon, a promotion) of any amount',
  },
  discount_amount: {
    label: 'Discount amount',
    labelZh: '优惠金额',
    unit: 'money',
    definition: 'the order-level discounts of the paid orders of the period',
  },
  discounted_order_rate: {
    label: 'Discounted order share',
    labelZh: '优惠订单占比',
    unit: 'ratio',
    definition: 'discounted orders / paid orders',
  },
  discount_rate: {
    label: 'Discount rate',
    labelZh: '优惠率',
    unit: 'ratio',
    definition: 'discount amount / goods amount: how much of the goods’ price the discounts gave away',
  },
} as const satisfies Record<string, MetricDefinition>;
