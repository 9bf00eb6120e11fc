/**
 * The written definitions of an audience's figures (audience/audience.analysis.ts, 人群圈选). Part of
 * the one metric catalogue (metrics-catalogue.ts), which serves them with results and renders
 * docs/metrics.md.
 */
// A type-only import: erased at run time, so the two modules do not load each other.
import type { MetricDefinition } from './metrics-catalogue.js';

export const AUDIENCE_METRICS = {
  audience_customers: {
    label: 'Customers in the audience',
    labelZh: '人群人数',
    unit: 'count',
    definition:
      'known customers matching every condition. Known: a customer id on a signed-in event or a paid order on or before the range’s last day, or an imported customer record signed up by then (or without a sign-up time); guests cannot be followed. Conditions on orders, spend, cart adds and what was bought, viewed or carted count the range’s shop-local days (no paid order in it is 0 orders); orders_ever, spend_ever, days since the first and the last paid order and the RFM segment are as of its last day; member level and region are the imported record’s (its latest import, empty without one); the first channel is the one of the first signed-in event, else of the first paid order. Events count for the customer their visitor first signed in as, before and after signing in. A category bought is the catalogue’s, else the order line’s',
  },
  audience_share: {
    label: 'Share of known customers',
    labelZh: '人群占比',
    unit: 'ratio',
    definition: 'customers in the audience / known customers on the range’s last day',
  },
  audience_buyers: {
    label: 'Buyers in the range',
    labelZh: '期间购买人数',
    unit: 'count',
    definition: 'customers in the audience with a paid order in the range (by the shop-local day of payment)',
  },
  audience_spend: {
    label: 'Spend in the range',
    labelZh: '期间支付金额',
    unit: 'money',
    definition: 'payment amount of the audience’s orders paid in the range (refunded ones included, as every paid order counts)',
  },
  audience_spend_ever: {
    label: 'Spend to date',
    labelZh: '累计支付金额',
    unit: 'money',
    definition: 'payment amount of the audience’s paid orders on or before the range’s last day',
  },
  audience_customer_orders: {
    label: 'Paid orders in the range',
    labelZh: '期间支付订单数',
    unit: 'count',
    definition: 'the customer’s orders paid in the range (shop-local day of payment; refunded ones included); 0 when none',
  },
  audience_customer_spend: {
    label: 'Spend in the range',
    labelZh: '期间支付金额',
    unit: 'money',
    definition: 'payment amount of the customer’s orders paid in the range',
  },
  audience_first_channel: {
    label: 'First channel',
    labelZh: '首次来源渠道',
    unit: 'text',
    definition: 'the channel of the customer’s first signed-in event, else of their first paid order; empty when neither has one',
  },
  audience_after_buyers: {
    label: 'Bought afterwards',
    labelZh: '后续购买人数',
    unit: 'count',
    definition:
      'customers in the audience — as it stands on the range’s last day — with a paid order in the follow-up days after it (the days asked for, from the day after the range; shop-local day of payment): who came back after a campaign sent to them',
  },
  audience_after_rate: {
    label: 'Came-back rate',
    labelZh: '后续购买率',
    unit: 'ratio',
    definition: 'customers who bought afterwards / customers in the audience',
  },
  audience_after_orders: {
    label: 'Orders afterwards',
    labelZh: '后续支付订单数',
    unit: 'count',
    definition: 'the audience’s orders paid in the follow-up days (refunded ones included)',
  },
  audience_after_spend: {
    label: 'Spend afterwards',
    labelZh: '后续支付金额',
    unit: 'money',
    definition: 'payment amount of the audience’s orders paid in the follow-up days',
  },
} as const satisfies Record<string, MetricDefinition>;
