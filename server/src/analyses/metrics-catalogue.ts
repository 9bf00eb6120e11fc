/**
 * Every metric's one written definition. The API serves these texts with each result (the
 * dashboard shows them as tooltips), docs/metrics.md is generated from this file, and the tests
 * check the numbers against computations written independently from it. Some families live in
 * their own files (metrics-customers.ts, metrics-in-shop.ts, metrics-price-bands.ts, metrics-categories.ts, metrics-order-values.ts,
 * metrics-segment-movement.ts, metrics-refunds.ts, metrics-discounts.ts, metrics-items.ts, metrics-targets.ts, metrics-campaign.ts, metrics-audience.ts) and join the catalogue here, in the order docs/metrics.md lists them.
 */
import { AUDIENCE_METRICS } from './metrics-audience.js';
import { CAMPAIGN_METRICS } from './metrics-campaign.js';
import { CATEGORY_METRICS } from './metrics-categories.js';
import { CUSTOMER_METRICS } from './metrics-customers.js';
import { DISCOUNT_METRICS } from './metrics-discounts.js';
import { IN_SHOP_METRICS } from './metrics-in-shop.js';
import { ITEM_METRICS } from './metrics-items.js';
import { ORDER_VALUE_METRICS } from './metrics-order-values.js';
import { PRICE_BAND_METRICS } from './metrics-price-bands.js';
import { PRODUCT_DIAGNOSIS_METRICS } from './metrics-product-diagnosis.js';
import { REFUND_METRICS } from './metrics-refunds.js';
import { SEGMENT_MOVEMENT_METRICS } from './metrics-segment-movement.js';
import { TARGET_METRICS_DEFINED } from './metrics-targets.js';

export interface MetricDefinition {
  label: string;
  labelZh: string;
  definition: string;
  /** 'ratio' is a share (shown as a percentage); 'average' a plain number per something (PV per visitor). */
  unit: 'count' | 'money' | 'ratio' | 'average' | 'seconds' | 'days' | 'date' | 'text';
}

export const CONVENTIONS = [
  "**Day**: the calendar day in the shop's IANA time zone. An event belongs to the local day of its `ts`; an order's payment to the local day of `paid_at`; a refund to the local day of `refunded_at`.",
  '**Visitor**: a `visitor_id` (device or cookie). **Customer**: a `customer_id`; a guest checkout (no customer) counts as one buyer per order.',
  '**Session**: a `session_id` from the source, or derived on import (a visitor’s events split where 30 minutes pass without one). A session ends at midnight (as in Universal Analytics): its events on one local day are one session of that day, so a day’s figures never depend on the range asked for, and a session that runs past midnight counts on both days.',
  "**Order state**: orders change after the fact; every figure reads each order's latest version.",
  '**Units**: `ratio` is a share, shown as a percentage (0.25 = 25 %); `average` is a plain number per something (PV per visitor, units per order); `money` is in the shop’s currency, to the cent.',
  "**Money** is in the shop's currency, exact to the cent.",
  '**Ratios** are empty (not zero) when their denominator is zero; a day without data is zero for counts and money.',
  "**Late payments**: an order's payment is looked for among orders placed up to 31 days before the period (the overview looks at every order, however long before it was placed: its payments, its refunds, and a buyer's earlier payments that tell new buyers from returning).",
  '**Filters** (channel, device, region, live room, product category, new vs returning) restrict the rows an analysis reads, as if the shop had only those: events and orders with the channel / device / region / live room (a live room’s events are the visits through it, its orders the ones placed in it); order lines of those orders; events about a product in the category, orders with a line in it and those lines (and, where listings are counted — the categories analysis —, the catalogue’s products of the category). **Returning** is a visitor with an event (for events) or a customer with a paid order (for orders) in the 360 days before the period; **new** is everyone else, guests included. A filtered figure is therefore the figure of that slice of the shop (a buyer new to the search channel is new in a search-filtered overview, and one who never bought in a live room before is new in that room’s).',
  '**Comparison**: any analysis can be run for a second period (by default the previous period of the same length) and returned beside the first.',
  '**Real time** compares today with yesterday and the same weekday last week, each cut off at the end of the current local hour ("so far"); hours still to come today are empty, not zero.',
];

export const METRICS = {
  uv: { label: 'Visitors (UV)', labelZh: '访客数', unit: 'count', definition: 'distinct visitors with at least one event in the period' },
  pv: { label: 'Page views (PV)', labelZh: '浏览量', unit: 'count', definition: 'number of page_view and product_view events' },
  pv_per_visitor: { label: 'PV per visitor', labelZh: '人均浏览量', unit: 'average', definition: 'PV / UV' },
  sessions: {
    label: 'Sessions',
    labelZh: '访问次数',
    unit: 'count',
    definition:
      'visits: one session id’s events on one local day (a session ends at 30 minutes without activity, or at midnight); a period’s sessions add its days up',
  },
  bounce_sessions: { label: 'Bounce sessions', labelZh: '跳失访问数', unit: 'count', definition: 'sessions with exactly one event' },
  bounce_rate: { label: 'Bounce rate', labelZh: '跳失率', unit: 'ratio', definition: 'bounce sessions / sessions' },
  avg_session_seconds: {
    label: 'Average session duration',
    labelZh: '平均停留时长',
    unit: 'seconds',
    definition: 'mean time from the first to the last event of a session (within its day), over the period’s sessions',
  },
  cart_visitors: {
    label: 'Cart-adding visitors',
    labelZh: '加购人数',
    unit: 'count',
    definition: 'distinct visitors with an add_to_cart event',
  },
  paid_orders: {
    label: 'Paid orders',
    labelZh: '支付订单数',
    unit: 'count',
    definition: 'orders whose payment time falls in the period, whatever happened to them later',
  },
  paying_buyers: {
    label: 'Paying buyers',
    labelZh: '支付买家数',
    unit: 'count',
    definition: 'distinct customers with a paid order in the period (a guest checkout counts as one buyer)',
  },
  ordering_buyers: {
    label: 'Ordering buyers',
    labelZh: '下单买家数',
    unit: 'count',
    definition: 'distinct customers who placed an order in the period, paid or not',
  },
  new_buyers: {
    label: 'New paying buyers',
    labelZh: '新买家数',
    unit: 'count',
    definition: 'paying buyers with no paid order in the 360 days before the period (per day: before that day); a guest checkout is new',
  },
  returning_buyers: {
    label: 'Returning paying buyers',
    labelZh: '老买家数',
    unit: 'count',
    definition: 'paying buyers − new paying buyers',
  },
  repeat_buyers: {
    label: 'Repeat buyers',
    labelZh: '复购买家数',
    unit: 'count',
    definition: 'paying buyers with two or more paid orders in the period',
  },
  repurchase_rate: { label: 'Repurchase rate', labelZh: '复购率', unit: 'ratio', definition: 'repeat buyers / paying buyers' },
  gmv: {
    label: 'Payment amount (GMV)',
    labelZh: '支付金额',
    unit: 'money',
    definition: 'sum of the amount paid for the paid orders of the period; later refunds do not reduce it',
  },
  refund_amount: {
    label: 'Refunds',
    labelZh: '退款金额',
    unit: 'money',
    definition: 'sum of refunds of orders refunded in the period (by refund time)',
  },
  net_gmv: { label: 'Net payment amount', labelZh: '净支付金额', unit: 'money', definition: 'GMV − refunds of the period' },
  conversion_rate: { label: 'Payment conversion rate', labelZh: '支付转化率', unit: 'ratio', definition: 'paying buyers / UV' },
  aov: { label: 'Spend per buyer (AOV)', labelZh: '客单价', unit: 'money', definition: 'GMV / paying buyers' },
  amount_per_order: {
    label: 'Amount per order',
    labelZh: '笔单价',
    unit: 'money',
    definition:
      'payment amount / paid orders (of the period, or of a group of them) — per order, where spend per buyer (客单价, AOV) is per buyer',
  },
  uv_value: { label: 'UV value', labelZh: 'UV价值', unit: 'money', definition: 'GMV / UV' },
  channel_visitors: {
    label: 'Visitors',
    labelZh: '访客数',
    unit: 'count',
    definition:
      "distinct visitors with at least one event from this group in the period (a visitor can count in several groups); a group is a channel, source, medium, campaign, live room, sharer, device, region, or hour of the day in the shop's time zone — an order's hour being the one it was placed in",
  },
  new_visitors: {
    label: 'New visitors',
    labelZh: '新访客数',
    unit: 'count',
    definition: 'visitors of the group with no event in the shop before the period',
  },
  visitor_share: {
    label: 'Visitor share',
    labelZh: '访客占比',
    unit: 'ratio',
    definition: 'group visitors / all visitors of the period; shares can add up to more than 100%',
  },
  pass_through_buyers: {
    label: 'Buyers (pass-through)',
    labelZh: '支付买家数（渠道经过）',
    unit: 'count',
    definition:
      'paying buyers of the period who came through this group at least once in the period; a buyer counts in every group they came through',
  },
  pass_through_gmv: {
    label: 'Payment amount (pass-through)',
    labelZh: '支付金额（渠道经过）',
    unit: 'money',
    definition: 'the whole payment amount of the period of the pass-through buyers',
  },
  pass_through_conversion: {
    label: 'Conversion (pass-through)',
    labelZh: '支付转化率（渠道经过）',
    unit: 'ratio',
    definition: 'pass-through buyers / group visitors',
  },
  last_touch_buyers: {
    label: 'Buyers (last touch)',
    labelZh: '支付买家数（末次触点）',
    unit: 'count',
    definition: 'distinct buyers of the paid orders placed in a visit from this group',
  },
  last_touch_orders: {
    label: 'Paid orders (last touch)',
    labelZh: '支付订单数（末次触点）',
    unit: 'count',
    definition: 'paid orders placed in a visit from this group; groups add up to the total',
  },
  last_touch_gmv: {
    label: 'Payment amount (last touch)',
    labelZh: '支付金额（末次触点）',
    unit: 'money',
    definition: 'payment amount of the paid orders placed in a visit from this group; groups add up to the total',
  },
  last_touch_gmv_share: {
    label: 'Payment share (last touch)',
    labelZh: '支付金额占比',
    unit: 'ratio',
    definition: 'last-touch payment amount / payment amount of the period',
  },
  channel_uv_value: { label: 'UV value', labelZh: 'UV价值', unit: 'money', definition: 'last-touch payment amount / group visitors' },
  product_views: {
    label: 'Product views',
    labelZh: '商品浏览量',
    unit: 'count',
    definition: 'product_view events of the product in the period',
  },
  product_visitors: {
    label: 'Product visitors',
    labelZh: '商品访客数',
    unit: 'count',
    definition: 'distinct visitors who viewed the product (product_view) in the period',
  },
  product_cart_adds: {
    label: 'Cart adds',
    labelZh: '加购件数',
    unit: 'count',
    definition: 'add_to_cart events of the product in the period',
  },
  product_cart_visitors: {
    label: 'Cart-adding visitors',
    labelZh: '加购人数',
    unit: 'count',
    definition: 'distinct visitors who added the product to the cart in the period',
  },
  product_buyers: {
    label: 'Paying buyers',
    labelZh: '支付买家数',
    unit: 'count',
    definition: 'distinct buyers of orders paid in the period that contain the product',
  },
  product_paid_orders: {
    label: 'Paid orders',
    labelZh: '支付订单数',
    unit: 'count',
    definition: 'orders paid in the period that contain the product',
  },
  product_units: {
    label: 'Units sold',
    labelZh: '支付件数',
    unit: 'count',
    definition: 'sum of the quantities on the product’s lines in orders paid in the period',
  },
  product_gmv: {
    label: 'Payment amount',
    labelZh: '支付金额',
    unit: 'money',
    definition:
      'sum of the product’s line amounts (after line discounts, before order-level discounts and shipping) in orders paid in the period; products together can differ from the shop’s GMV by those order-level amounts',
  },
  product_refund_amount: {
    label: 'Refunds',
    labelZh: '退款金额',
    unit: 'money',
    definition:
      'refunds of the period (by refund day) shared among each refunded order’s lines in proportion to their amounts, summed for the product',
  },
  orders_together: {
    label: 'Orders together',
    labelZh: '共同购买订单数',
    unit: 'count',
    definition: 'orders paid in the period that contain both the product and the other product',
  },
  attach_rate: {
    label: 'Attach rate',
    labelZh: '连带率',
    unit: 'ratio',
    definition: 'orders together / orders paid in the period that contain the product',
  },
  lift: {
    label: 'Lift',
    labelZh: '提升度',
    unit: 'ratio',
    definition:
      'attach rate / (orders paid in the period containing the other product / all orders paid in the period); above 1 means bought together more often than chance',
  },
  repurchase_window_rate: {
    label: 'N-day repurchase rate',
    labelZh: 'N天复购率',
    unit: 'ratio',
    definition:
      'of the customers whose first paid order falls in the cohort month and whose N days after it are all observed (up to the shop’s last payment day), the share with a second paid order on a local day at most N days after the first; guests are not counted',
  },
  first_purchase_customers: {
    label: 'First-time buyers in the month',
    labelZh: '当月首购客户数',
    unit: 'count',
    definition:
      'known customers whose first paid order ever falls in the cohort month, for the months of the range (guests are not counted)',
  },
  repurchase_eligible: {
    label: 'Customers with the whole window observed',
    labelZh: '完整观察期客户数',
    unit: 'count',
    definition: 'of the cohort’s customers, those whose N days after their first order all lie on or before the shop’s last payment day',
  },
  repurchase_repurchased: {
    label: 'Bought again within N days',
    labelZh: 'N天内复购客户数',
    unit: 'count',
    definition: 'of those, customers with a second paid order on a local day at most N days after the first',
  },
  purchase_gaps: {
    label: 'Gaps between purchases',
    labelZh: '回购间隔数',
    unit: 'count',
    definition: 'paid orders in the period that follow an earlier paid order of the same customer (one gap each)',
  },
  purchase_interval: {
    label: 'Days between purchases',
    labelZh: '回购周期',
    unit: 'count',
    definition:
      'local days between a customer’s paid order in the period and their previous paid order; the median of an even number of gaps is the mean of the middle two',
  },
  first_buyers: {
    label: 'First-time buyers',
    labelZh: '首购客户数',
    unit: 'count',
    definition:
      'known customers whose first paid order ever falls in the period (by that order’s channel or live room, under each category / product on it, by whether it was refunded or bought at an order-level discount, or by the band of its amount paid — the order values’ default ladder; a guest order cannot be followed)',
  },
  second_buyers: {
    label: 'Ordered again',
    labelZh: '复购客户数',
    unit: 'count',
    definition: 'of the first-time buyers, those with a second paid order so far (up to the latest data, not only in the period)',
  },
  second_order_rate: {
    label: 'Second-order rate',
    labelZh: '二次购买率',
    unit: 'ratio',
    definition:
      'of the customers whose first paid order falls in the period (grouped by that order’s channel or live room, each category / product on it, whether it has been refunded — any amount, as it stands now —, whether it was bought at an order-level discount, or the band of its amount paid), the share with a second paid order so far',
  },
  // Customers one by one: RFM, segments, a customer's figures, a product's buyers (metrics-customers.ts).
  ...CUSTOMER_METRICS,
  retention_cohort: {
    label: 'Cohort',
    labelZh: '同期群',
    unit: 'count',
    definition:
      'first-time: people whose first cohort event ever (first purchase, first visit or first occurrence of the chosen event) falls in the period; recurring: people who did the cohort event in the period (one cohort per period they did it in). A person is the visitor when neither the cohort nor the return event is a purchase, otherwise the customer. Split by first channel (of the first cohort event; an order’s channel for purchases; of events at the same instant, the alphabetically first channel) or first category (the largest line of the first paid order)',
  },
  retention_rate: {
    label: 'Retention rate',
    labelZh: '留存率',
    unit: 'ratio',
    definition:
      'cohort members who did the return event, on or after their first day, in period k after the cohort’s period ("on") or in period k or later ("on or after"), / cohort size; empty for periods starting after the last day with return activity',
  },
  retention_revenue_per_member: {
    label: 'Revenue per member (LTV)',
    labelZh: '人均累计支付金额',
    unit: 'money',
    definition:
      'paid amount of the cohort members’ orders paid from their first day to the end of period k (cumulative, refunds not deducted) / cohort size; empty for periods starting after the last payment day, and when people are visitors',
  },
  funnel_people: {
    label: 'People at step',
    labelZh: '步骤人数',
    unit: 'count',
    definition:
      'people whose furthest attempt reached the step: an attempt starts at each step-1 event in the range and fills the steps in order within the window from its first step (inclusive); a person is the customer once signed in, else the visitor; an attempt with an exclusion event between its steps does not count (rules: docs/funnels.md)',
  },
  funnel_conversion_from_start: {
    label: 'Overall conversion',
    labelZh: '总体转化率',
    unit: 'ratio',
    definition: 'people at the step / people at step 1',
  },
  funnel_conversion_from_previous: {
    label: 'Step conversion',
    labelZh: '步骤转化率',
    unit: 'ratio',
    definition: 'people at the step / people at the previous step',
  },
  funnel_time_to_convert: {
    label: 'Time to convert',
    labelZh: '转化耗时',
    unit: 'seconds',
    definition:
      'seconds from the previous step to this one in each person’s furthest attempt (average and median; the median of an even count is the mean of the middle two); the histogram counts people who completed the funnel by time from step 1 to the last step',
  },
  funnel_breakdown_people: {
    label: 'People at step, by value',
    labelZh: '分组步骤人数',
    unit: 'count',
    definition:
      'people at the step among those counted under the value: first_touch — the value on the event that filled step 1 of the person’s winning attempt; last_touch — on the event that filled its furthest step; all_steps — the funnel computed within each value’s events, so a person may count under several values. Person properties are one value per person: person.first_channel — the channel of their first event up to the range’s end; person.region, person.member_level, person.signup_month (shop-local month) — from the customer’s latest imported record, today’s not the range’s. An empty value, or a person who never signed in for a customer attribute, is (none); values past the top N are merged into (other), where a person counts once',
  },
  funnel_trend_conversion: {
    label: 'Daily conversion',
    labelZh: '每日转化率',
    unit: 'ratio',
    definition:
      'per shop-local day: people with an attempt starting that day whose furthest such attempt completed the funnel / people with an attempt starting that day',
  },
  diagnosis_baseline: {
    label: 'Usual range',
    labelZh: '常态区间',
    unit: 'ratio',
    definition:
      'expected = mean of the same weekday in the four weeks before (for a week: the four weeks before), counting only periods with activity; spread = their standard deviation, at least 5% of the expected value and one unit (1 visitor or order, 1 currency unit, 0.1 percentage point); z = (value − expected) / spread; normal below 2, watch from 2, abnormal from 3; fewer than two such periods: not enough history',
  },
  gmv_decomposition: {
    label: 'Payment amount change by driver',
    labelZh: '支付金额变化归因',
    unit: 'money',
    definition:
      'payment amount = visitors × payment conversion × spend per buyer; the change against the compared period is split among the three factors by their Shapley values (each factor’s effect averaged over every order of change), rounded to the cent so the parts add up to the change exactly; by channel, each channel’s amount = all visitors × its share of visitors × its conversion × its spend per buyer, split the same way into traffic, mix, conversion and spend effects (by category likewise, over line amounts)',
  },
  view_to_pay_conversion: {
    label: 'View-to-pay conversion',
    labelZh: '商品支付转化率',
    unit: 'ratio',
    definition: 'product paying buyers / product visitors (buyers who never viewed it count too, so it can exceed 1)',
  },
  refund_rate: {
    label: 'Refund rate',
    labelZh: '退款率',
    unit: 'ratio',
    definition:
      'refund amount of refunds dated in the period (the shop-local day of the refund) / GMV of the period; refunds arrive up to 14 days after a sale, so the rate of a period within the last 14 days is provisional',
  },
  view_to_cart_conversion: {
    label: 'View-to-cart conversion',
    labelZh: '浏览-加购转化率',
    unit: 'ratio',
    definition: 'distinct visitors with an add_to_cart event / distinct visitors with a product_view event, in the period',
  },
  cart_to_checkout_conversion: {
    label: 'Cart-to-checkout conversion',
    labelZh: '加购-下单转化率',
    unit: 'ratio',
    definition: 'distinct visitors with a checkout_start event / distinct visitors with an add_to_cart event, in the period',
  },
  checkout_to_pay_conversion: {
    label: 'Checkout-to-payment conversion',
    labelZh: '下单-支付转化率',
    unit: 'ratio',
    definition: 'distinct visitors with an order_paid event / distinct visitors with a checkout_start event, in the period',
  },
  // Sessions' paths and in-shop searches, defined beside the catalogue (metrics-in-shop.ts).
  ...IN_SHOP_METRICS,
  ...PRICE_BAND_METRICS,
  ...CATEGORY_METRICS,
  ...ORDER_VALUE_METRICS,
  ...SEGMENT_MOVEMENT_METRICS,
  ...REFUND_METRICS,
  ...DISCOUNT_METRICS,
  ...ITEM_METRICS,
  ...TARGET_METRICS_DEFINED,
  ...CAMPAIGN_METRICS,
  ...PRODUCT_DIAGNOSIS_METRICS,
  ...AUDIENCE_METRICS,
} as const satisfies Record<string, MetricDefinition>;

export type MetricName = keyof typeof METRICS;

export function definitionsOf(names: readonly MetricName[]): Record<string, MetricDefinition> {
  return Object.fromEntries(names.map((n) => [n, METRICS[n]]));
}
