/**
 * The Overview page's figures: every figure of the overview analysis in one of five groups, as a
 * merchant reads them — traffic, conversion, sales, buyers, coupons — each with its change against
 * the comparison period when one was asked for. Pure, so the grouping and the changes are tested
 * without a browser (web/test/prepare.test.ts).
 */
import type { MetricName, OverviewResult } from '../api/types';
import { type Change, changeOf } from './change';

export const OVERVIEW_GROUPS = [
  { key: 'traffic', metrics: ['uv', 'pv', 'pv_per_visitor', 'sessions', 'bounce_sessions', 'bounce_rate', 'avg_session_seconds'] },
  { key: 'conversion', metrics: ['cart_visitors', 'ordering_buyers', 'paying_buyers', 'conversion_rate'] },
  { key: 'sales', metrics: ['paid_orders', 'gmv', 'aov', 'amount_per_order', 'uv_value', 'refund_amount', 'net_gmv'] },
  { key: 'buyers', metrics: ['new_buyers', 'returning_buyers', 'repeat_buyers', 'repurchase_rate'] },
  { key: 'coupons', metrics: ['items_amount', 'discounted_orders', 'discount_amount', 'discounted_order_rate', 'discount_rate'] },
] as const satisfies ReadonlyArray<{ key: string; metrics: readonly MetricName[] }>;
export type OverviewGroup = (typeof OVERVIEW_GROUPS)[number]['key'];
export const OVERVIEW_FIGURES: readonly MetricName[] = OVERVIEW_GROUPS.flatMap((g) => g.metrics);

/** Figures where a rise is bad news (coloured as such). */
const LOWER_IS_BETTER: ReadonlySet<MetricName> = new Set<MetricName>(['bounce_rate', 'refund_amount']);
/** Figures where neither way is news in itself: what coupons gave away is the merchant's own choice. */
const NEUTRAL: ReadonlySet<MetricName> = new Set<MetricName>([
  'discounted_orders',
  'discount_amount',
  'discounted_order_rate',
  'discount_rate',
]);

export interface OverviewCard {
  metric: MetricName;
  value: number | null;
  /** Against the comparison period's total; absent without a comparison. */
  change?: Change;
  lowerIsBetter: boolean;
  neutral: boolean;
}

export function overviewCards(result: OverviewResult): Array<{ group: OverviewGroup; cards: OverviewCard[] }> {
  const before = result.comparison?.totals;
  return OVERVIEW_GROUPS.map((g) => ({
    group: g.key,
    cards: g.metrics.map((metric) => ({
      metric,
      value: result.totals[metric] ?? null,
      ...(before ? { change: changeOf(result.totals[metric], before[metric]) } : {}),
      lowerIsBetter: LOWER_IS_BETTER.has(metric),
      neutral: NEUTRAL.has(metric),
    })),
  }));
}

/** Counts and money add up over days, so a day without a row had zero; a rate on such a day is empty. */
export const isAdditive = (unit: string | undefined) => unit === 'count' || unit === 'money';
