/**
 * The written definitions of the order-value figures (order-values.analysis.ts). Part of the one
 * metric catalogue (metrics-catalogue.ts), which serves them with results and renders docs/metrics.md.
 */
// A type-only import: erased at run time, so the two modules do not load each other.
import type { MetricDefinition } from './metrics-catalogue.js';

export const ORDER_VALUE_METRICS = {
  order_value_band: {
    label: 'Order value',
    labelZh: '订单金额区间',
    unit: 'text',
    definition:
      'the band of an order’s amount paid, from its lower edge up to but not including its upper one; by default, in CNY, under 50, 50-100, 100-150, 150-200, 200-300, 300-500, 500-1000 and 1000 and over (other currencies: the same edges converted at a rough rate and rounded to two figures), or the edges the request gives (满减 thresholds)',
  },
  ov_orders: {
    label: 'Paid orders',
    labelZh: '支付订单数',
    unit: 'count',
    definition:
      'orders whose payment time falls in the period (whatever happened to them later), in the band or group; the bands add up to the overview’s paid orders',
  },
  ov_order_share: {
    label: 'Share of orders',
    labelZh: '订单占比',
    unit: 'ratio',
    definition: 'the group’s paid orders / all paid orders of the period',
  },
  ov_gmv: {
    label: 'Payment amount',
    labelZh: '支付金额',
    unit: 'money',
    definition:
      'the amount paid for the group’s paid orders (later refunds do not reduce it); the bands add up to the overview’s payment amount',
  },
  ov_gmv_share: {
    label: 'Share of payment amount',
    labelZh: '金额占比',
    unit: 'ratio',
    definition: 'the group’s payment amount / the payment amount of all paid orders of the period',
  },
  ov_buyers: {
    label: 'Paying buyers',
    labelZh: '支付买家数',
    unit: 'count',
    definition:
      'distinct buyers of the group’s paid orders (a guest order is its own buyer); a buyer with orders in two bands counts in both',
  },
  ov_median_order_value: {
    label: 'Median order',
    labelZh: '订单金额中位数',
    unit: 'money',
    definition:
      'the middle amount paid of the period’s paid orders (of an even count, the mean of the middle two): half the orders paid less',
  },
  ov_units_per_order: {
    label: 'Units per order',
    labelZh: '连带率',
    unit: 'average',
    definition: 'units on the lines of the paid orders / those orders (orders imported without lines are left out of both)',
  },
  ov_orders_per_buyer: {
    label: 'Orders per buyer',
    labelZh: '人均订单数',
    unit: 'average',
    definition:
      'paid orders / paying buyers (a guest order is its own buyer): spend per buyer (客单价) = orders per buyer × amount per order',
  },
  ov_amount_per_unit: {
    label: 'Amount per unit',
    labelZh: '件单价',
    unit: 'money',
    definition:
      'the amount paid for the orders with lines / the units on their lines: over those orders, amount per order = units per order (连带率) × amount per unit',
  },
  ov_multi_unit_share: {
    label: 'Orders of 2+ units',
    labelZh: '多件订单占比',
    unit: 'ratio',
    definition: 'paid orders with two or more units on their lines / paid orders with lines',
  },
  ov_discounted_share: {
    label: 'Discounted orders',
    labelZh: '用券订单占比',
    unit: 'ratio',
    definition: 'the group’s paid orders with an order-level discount (coupon) / its paid orders',
  },
  ov_refunded_rate: {
    label: 'Refunded order rate',
    labelZh: '退款订单占比',
    unit: 'ratio',
    definition: 'the group’s paid orders refunded in any amount, as they stand now / its paid orders',
  },
  ov_units_group: {
    label: 'Units on the order',
    labelZh: '订单件数',
    unit: 'text',
    definition: 'the units on an order’s lines: 1, 2, 3, 4, or 5 and more; "none" for an order imported without lines',
  },
  order_channel: {
    label: 'Channel',
    labelZh: '渠道',
    unit: 'text',
    definition: 'the channel an order came through (its own channel, as the traffic analysis’s last touch counts it)',
  },
  ov_threshold: {
    label: 'Threshold',
    labelZh: '满减门槛',
    unit: 'money',
    definition:
      'an amount asked about (满减: "spend this much, get money off"; up to five at once, the tiers of one promotion, each weighed on its own); compared with each paid order’s goods amount — its lines before the order-level discount, without shipping — as such thresholds are',
  },
  ov_threshold_reached: {
    label: 'Orders reaching it',
    labelZh: '已达门槛订单',
    unit: 'count',
    definition: 'paid orders whose goods amount is at least the threshold: a discount there would go to orders that reached it anyway',
  },
  ov_threshold_near: {
    label: 'Orders just short',
    labelZh: '差一点达门槛订单',
    unit: 'count',
    definition:
      'paid orders whose goods amount is at least four fifths of the threshold but under it: the orders a threshold there could pull up',
  },
  ov_threshold_gap: {
    label: 'Short by, in all',
    labelZh: '距门槛差额合计',
    unit: 'money',
    definition:
      'the threshold minus the goods amount, summed over the orders just short of it (what they would have had to add); per order, divided by those orders',
  },
} satisfies Record<string, MetricDefinition>;
