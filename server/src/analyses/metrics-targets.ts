/**
 * The written definitions of monthly targets' progress (经营目标). Part of the one metric catalogue
 * (metrics-catalogue.ts), which serves them with results and renders docs/metrics.md. "Month to
 * date" is the month's first day through its last complete day: yesterday (shop-local) while the
 * month runs, its last day once it is over.
 */
// A type-only import: erased at run time, so the two modules do not load each other.
import type { MetricDefinition } from './metrics-catalogue.js';

const projected = (what: string) =>
  `the month’s ${what} if its remaining days bring the average day so far: month to date / days elapsed × days in the month (the month’s own total once it is over; empty before its first day is complete)`;
const needed = (what: string) =>
  `the ${what} each remaining day must bring to reach the target: (target − month to date, not below 0) / the month’s days after its last complete day; empty once the month is over`;

export const TARGET_METRICS_DEFINED = {
  gmv_target: {
    label: 'Payment amount target',
    labelZh: '支付金额目标',
    unit: 'money',
    definition: 'the payment amount (GMV) the shop aims at for a calendar month, set in Settings',
  },
  gmv_projected: { label: 'Projected payment amount', labelZh: '预计支付金额', unit: 'money', definition: projected('payment amount') },
  gmv_needed_per_day: {
    label: 'Payment amount needed per day',
    labelZh: '剩余日均所需支付金额',
    unit: 'money',
    definition: needed('payment amount'),
  },
  paid_orders_target: {
    label: 'Paid orders target',
    labelZh: '支付订单数目标',
    unit: 'count',
    definition: 'the paid orders the shop aims at for a calendar month, set in Settings',
  },
  paid_orders_projected: { label: 'Projected paid orders', labelZh: '预计支付订单数', unit: 'count', definition: projected('paid orders') },
  paid_orders_needed_per_day: {
    label: 'Paid orders needed per day',
    labelZh: '剩余日均所需订单数',
    unit: 'average',
    definition: needed('paid orders'),
  },
  target_share: {
    label: 'Target reached',
    labelZh: '目标完成率',
    unit: 'ratio',
    definition: 'month to date / the month’s target (the figure as the overview gives it for those days)',
  },
  target_pace: {
    label: 'Pace',
    labelZh: '时间进度比',
    unit: 'average',
    definition:
      'target reached / the share of the month’s days elapsed: 1 is on pace for the target, above 1 ahead of it, below 1 behind (empty before the month’s first day is complete)',
  },
} as const satisfies Record<string, MetricDefinition>;
