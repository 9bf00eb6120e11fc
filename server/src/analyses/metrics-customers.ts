/**
 * The written definitions of customers one by one: RFM scores and named segments, a segment's
 * totals, one customer's figures (the customer lists and profile), who bought a product, and the
 * lifecycle. Part of the one metric catalogue (metrics-catalogue.ts), which serves them with results
 * and renders docs/metrics.md.
 */
// A type-only import: erased at run time, so the two modules do not load each other.
import type { MetricDefinition } from './metrics-catalogue.js';

export const CUSTOMER_METRICS = {
  rfm_scores: {
    label: 'RFM scores',
    labelZh: 'RFM评分',
    unit: 'count',
    definition:
      'as of the last day of the range, for every customer with a paid order on or before it: recency (days since the last paid order), frequency (paid orders), monetary (payment amount); each scored 1 + floor(5 × share of customers with a strictly worse value), so 1-5 and ties score alike. Scores follow the shop’s own spread: where most customers have one order, they all score F1 and a second order jumps to F3 or higher, so need attention (F2) stays empty',
  },
  rfm_segment: {
    label: 'RFM segment',
    labelZh: 'RFM分层',
    unit: 'count',
    definition:
      'the first matching rule on (R, F): champions R4-5 F4-5; loyal R3-5 F3-5; new R5 F1; potential R3-5 F1-2; can’t lose R1 F4-5; at risk R1-2 F3-5; need attention R2 F2; hibernating R2 F1-2; lost R1 F1-2',
  },
  segment_customers: {
    label: 'Customers',
    labelZh: '客户数',
    unit: 'count',
    definition:
      'known customers (a guest order cannot be followed) with a paid order on or before the range’s last day whose (R, F) scores put them in the segment',
  },
  segment_share: { label: 'Share', labelZh: '占比', unit: 'ratio', definition: 'segment customers / all customers scored' },
  segment_orders: {
    label: 'Orders',
    labelZh: '订单数',
    unit: 'count',
    definition: 'paid orders of the segment’s customers on or before the range’s last day (their whole history, not only the range)',
  },
  segment_spend: {
    label: 'Spend',
    labelZh: '消费金额',
    unit: 'money',
    definition: 'payment amount of those orders (the segment’s customers’ whole history up to the range’s last day)',
  },
  segment_avg_recency_days: {
    label: 'Average days since last order',
    labelZh: '平均未购天数',
    unit: 'count',
    definition: 'mean over the segment’s customers of the days from their last paid order to the range’s last day',
  },
  segment_avg_spend: { label: 'Spend per customer', labelZh: '人均消费', unit: 'money', definition: 'segment spend / segment customers' },
  customer_recency_days: {
    label: 'Days since last paid order',
    labelZh: '最近一次支付距今天数',
    unit: 'days',
    definition: 'shop-local days from the customer’s last paid order to the range’s last day (0: paid that day); the R of RFM',
  },
  customer_orders: {
    label: 'Paid orders',
    labelZh: '支付订单数',
    unit: 'count',
    definition: 'the customer’s paid orders on or before the range’s last day (refunded ones included); the F of RFM',
  },
  customer_discounted_orders: {
    label: 'Orders with a coupon',
    labelZh: '用券订单数',
    unit: 'count',
    definition:
      'of those paid orders, the ones with an order-level discount (a coupon, a promotion) of any amount: how much the customer buys on a discount',
  },
  customer_spend: {
    label: 'Spend',
    labelZh: '累计支付金额',
    unit: 'money',
    definition: 'payment amount of those orders, refunds not deducted; the M of RFM',
  },
  customer_first_paid_day: {
    label: 'First paid',
    labelZh: '首次支付日',
    unit: 'date',
    definition: 'shop-local day of the customer’s first paid order',
  },
  customer_last_paid_day: {
    label: 'Last paid',
    labelZh: '最近支付日',
    unit: 'date',
    definition: 'shop-local day of the customer’s last paid order on or before the range’s last day',
  },
  product_buyer_orders: {
    label: 'Orders with it',
    labelZh: '含该商品订单数',
    unit: 'count',
    definition: 'the customer’s orders paid in the range (shop-local day of payment; refunded ones included) that contain the product',
  },
  product_buyer_units: {
    label: 'Units bought',
    labelZh: '购买件数',
    unit: 'count',
    definition: 'units of the product on those orders’ lines',
  },
  product_buyer_amount: {
    label: 'Amount on it',
    labelZh: '该商品金额',
    unit: 'money',
    definition: 'the product’s line amounts on those orders (quantity × unit price − line discount)',
  },
  product_guest_orders: {
    label: 'Guest orders',
    labelZh: '游客订单数',
    unit: 'count',
    definition: 'orders paid in the range that contain the product, placed without a customer id: counted, not listed',
  },
  customer_payment_amount: {
    label: 'Payment amount, all time',
    labelZh: '累计支付金额（全部）',
    unit: 'money',
    definition: 'payment amount of every paid order of the customer, whenever paid, as the orders stand now; refunds not deducted',
  },
  customer_refund_amount: {
    label: 'Refunds, all time',
    labelZh: '累计退款金额',
    unit: 'money',
    definition: 'refund amount of every order of the customer, as the orders stand now',
  },
  customer_events: {
    label: 'Events',
    labelZh: '行为次数',
    unit: 'count',
    definition:
      'events of every visitor id that ever carried the customer’s id — before signing in too, since the device is theirs; events of a shared device count for everyone who signed in on it',
  },
  customer_visitor_ids: {
    label: 'Devices',
    labelZh: '设备数',
    unit: 'count',
    definition: 'visitor ids (a browser or an app install) that ever carried the customer’s id',
  },
  lifecycle: {
    label: 'Lifecycle',
    labelZh: '客户生命周期',
    unit: 'count',
    definition:
      'per shop-local calendar month, customers who paid in it: new (first paid order ever), returning (paid the month before too), resurrecting (paid before, not the month before); dormant: paid the month before, not in this one (the last month may be partial)',
  },
} as const satisfies Record<string, MetricDefinition>;
