/**
 * The vocabulary of a diagnosis: its result types, the per-period figures it reads (a bucket of
 * the periods query), which figures are ratios or money and which direction is good.
 */
import type { MetricDefinition, MetricName } from '../metrics-catalogue.js';
import { cents, ratio } from '../rounding.js';
import type { TargetProgress } from '../target-progress.js';
import type { Judgement } from './baseline.js';
import type { SegmentChange } from './segments.js';
import type { COMPARED, METRIC_NAMES } from './wording.js';

export type DiagnosisPeriod = 'day' | 'week';
export type MetricKey = keyof typeof METRIC_NAMES;
export type Lang = { en: string; zh: string };

/** Each figure's written definition in the metric catalogue, served with every diagnosis (a figure without one does not compile). */
export const FIGURE_DEFINITIONS: Record<MetricKey, MetricName> = {
  gmv: 'gmv',
  uv: 'uv',
  buyers: 'paying_buyers',
  conversion: 'conversion_rate',
  aov: 'aov',
  paid_orders: 'paid_orders',
  refund_rate: 'refund_rate',
  view_to_cart: 'view_to_cart_conversion',
  cart_to_checkout: 'cart_to_checkout_conversion',
  checkout_to_pay: 'checkout_to_pay_conversion',
  discount_rate: 'discount_rate',
};

export interface FigureRow {
  metric: MetricKey;
  label: Lang;
  unit: 'count' | 'money' | 'ratio';
  value: number | null;
  previous: number | null;
  same_weekday_last_week: number | null;
  /** Plain mean of the 28 days before (day) or of the four weeks before (week). */
  mean_28_days: number | null;
  baseline: Judgement;
  provisional: boolean;
}

export interface Finding {
  rank: number;
  kind: 'gmv_driver' | 'metric' | 'funnel_leak' | 'refunds' | 'repurchase' | 'target';
  severity: 'red' | 'amber' | 'info';
  metric: string;
  text: Lang;
  numbers: Record<string, number | string | null>;
  /** Where to drill in: a dashboard path and the API call behind it. */
  link: { page: string; api: string };
}

export interface HealthItem {
  area: 'traffic' | 'conversion' | 'aov' | 'repurchase' | 'refunds';
  status: 'green' | 'amber' | 'red';
  reason: Lang;
}

export interface DiagnosisResult {
  shop: string;
  period: DiagnosisPeriod;
  from: string;
  to: string;
  compared: { label: keyof typeof COMPARED; from: string; to: string };
  enoughData: boolean;
  summary: Lang;
  figures: FigureRow[];
  decomposition: {
    method: 'shapley';
    gmv_before: number;
    gmv_after: number;
    change: number;
    traffic: number;
    conversion: number;
    aov: number;
    /** Sales that cannot be split (payments on a day without any visitors). */
    unexplained: number;
  };
  byChannel: SegmentChange[];
  byCategory: SegmentChange[];
  findings: Finding[];
  /** The month's targets by the diagnosed day (null: none set, or a filtered diagnosis, which does not judge them). */
  targets: TargetProgress | null;
  health: HealthItem[];
  provisional: { figures: string[]; reason: Lang[] };
  definitions: Record<string, MetricDefinition>;
}

export interface Bucket {
  uv: number;
  viewers: number;
  carters: number;
  checkouts: number;
  payers: number;
  paid_orders: number;
  buyers: number;
  gmv: number;
  items_amount: number;
  discount_amount: number;
  refund_amount: number;
}

export interface RepurchaseSignal {
  cohort: string;
  rate: number;
  earlier: number;
}

export { addDays } from '../local-time.js';

export function metricOf(b: Bucket | undefined, m: MetricKey): number | null {
  if (!b) return null;
  switch (m) {
    case 'gmv':
      return b.gmv;
    case 'uv':
      return b.uv;
    case 'buyers':
      return b.buyers;
    case 'paid_orders':
      return b.paid_orders;
    case 'conversion':
      return b.uv > 0 ? b.buyers / b.uv : null;
    case 'aov':
      return b.buyers > 0 ? b.gmv / b.buyers : null;
    case 'refund_rate':
      return b.gmv > 0 ? b.refund_amount / b.gmv : null;
    case 'view_to_cart':
      return b.viewers > 0 ? b.carters / b.viewers : null;
    case 'cart_to_checkout':
      return b.carters > 0 ? b.checkouts / b.carters : null;
    case 'checkout_to_pay':
      return b.checkouts > 0 ? b.payers / b.checkouts : null;
    case 'discount_rate':
      return b.items_amount > 0 ? b.discount_amount / b.items_amount : null;
  }
}

export const UNITS: Record<MetricKey, { unit: FigureRow['unit']; floor: number; good: 1 | -1 }> = {
  gmv: { unit: 'money', floor: 1, good: 1 },
  uv: { unit: 'count', floor: 1, good: 1 },
  buyers: { unit: 'count', floor: 1, good: 1 },
  paid_orders: { unit: 'count', floor: 1, good: 1 },
  conversion: { unit: 'ratio', floor: 0.001, good: 1 },
  aov: { unit: 'money', floor: 1, good: 1 },
  refund_rate: { unit: 'ratio', floor: 0.001, good: -1 },
  view_to_cart: { unit: 'ratio', floor: 0.001, good: 1 },
  cart_to_checkout: { unit: 'ratio', floor: 0.001, good: 1 },
  checkout_to_pay: { unit: 'ratio', floor: 0.001, good: 1 },
  // More of the goods' price given away is the direction to watch (a promotion may mean it).
  discount_rate: { unit: 'ratio', floor: 0.001, good: -1 },
};

export const round = (x: number | null, unit: FigureRow['unit']) =>
  x === null ? null : unit === 'ratio' ? ratio(x, 1) : unit === 'money' ? cents(x) : x;
