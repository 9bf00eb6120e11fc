/**
 * Monthly targets' progress (经营目标): how far the month to date has come towards each target,
 * whether it is on pace, where the month is heading and what each remaining day must bring. The
 * month to date is the overview's figure for the month's first day through its last complete day
 * (metrics-targets.ts has the written definitions).
 */
import type { ShopScope } from '@storelens/sql';
import type { MonthTargets, Shop, TargetMetric } from '../metadata/index.js';
import { addDays, localNow } from './local-time.js';
import { definitionsOf, type MetricDefinition, type MetricName } from './metrics-catalogue.js';
import { overview } from './overview.analysis.js';
import { cents } from './rounding.js';

export interface TargetRow {
  metric: TargetMetric;
  target: number;
  /** Month to date; null before the month's first day is complete. */
  actual: number | null;
  share: number | null;
  pace: number | null;
  projected: number | null;
  needed_per_day: number | null;
}

export interface TargetProgress {
  shop: string;
  month: string;
  days_in_month: number;
  /** Complete days of the month so far (all of them once it is over). */
  days_elapsed: number;
  /** The month to date's last day, or null when none of its days is complete. */
  through: string | null;
  targets: TargetRow[];
  definitions: Record<string, MetricDefinition>;
}

const DEFINED: MetricName[] = [
  'gmv',
  'paid_orders',
  'gmv_target',
  'gmv_projected',
  'gmv_needed_per_day',
  'paid_orders_target',
  'paid_orders_projected',
  'paid_orders_needed_per_day',
  'target_share',
  'target_pace',
];

export const monthDays = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
};

/** The month's days elapsed by `today` (shop-local): complete days only, so today does not count. */
export function elapsed(month: string, today: string): { days: number; through: string | null } {
  const first = `${month}-01`;
  const last = `${month}-${String(monthDays(month)).padStart(2, '0')}`;
  const through = today > last ? last : addDays(today, -1);
  if (through < first) return { days: 0, through: null };
  return { days: Number(through.slice(8, 10)), through };
}

/** One target's progress from the month to date (null: no complete day yet). Money to the cent. */
export function progressOf(
  metric: TargetMetric,
  target: number,
  actual: number | null,
  daysElapsed: number,
  daysInMonth: number,
): TargetRow {
  const round = (v: number) => (metric === 'gmv' ? cents(v) : Math.round(v * 100) / 100);
  if (actual === null || daysElapsed === 0)
    return { metric, target, actual: null, share: null, pace: null, projected: null, needed_per_day: null };
  const share = actual / target;
  const left = daysInMonth - daysElapsed;
  return {
    metric,
    target,
    actual,
    share: Math.round(share * 10_000) / 10_000,
    pace: Math.round((share / (daysElapsed / daysInMonth)) * 100) / 100,
    projected: round((actual / daysElapsed) * daysInMonth),
    needed_per_day: left > 0 ? round(Math.max(0, target - actual) / left) : null,
  };
}

/** The shop's current month (shop-local) as YYYY-MM. */
export const currentMonth = (shop: Shop, now = new Date()) => localNow(shop.time_zone, now).today.slice(0, 7);

/**
 * The month's targets against its month to date: through yesterday (shop-local) by default, or
 * through `asOf` — the day a diagnosis is of — when given.
 */
export async function targetProgress(
  scope: ShopScope,
  shop: Shop,
  month: string,
  targets: MonthTargets,
  /** monthToDate: the month to date's figures when the caller has them already (the diagnosis's days). */
  options: { asOf?: string; now?: Date; monthToDate?: Record<TargetMetric, number> | null } = {},
): Promise<TargetProgress> {
  const days = monthDays(month);
  const today = options.asOf ? addDays(options.asOf, 1) : localNow(shop.time_zone, options.now ?? new Date()).today;
  const { days: daysElapsed, through } = elapsed(month, today);
  const set = (Object.entries(targets) as Array<[TargetMetric, number]>).sort(([a], [b]) => (a === 'gmv' ? -1 : b === 'gmv' ? 1 : 0));
  // The month to date as the overview gives it (unfiltered: a target is the whole shop's).
  const totals =
    through && set.length ? (options.monthToDate ?? (await overview(scope, shop, { from: `${month}-01`, to: through })).totals) : null;
  return {
    shop: shop.slug,
    month,
    days_in_month: days,
    days_elapsed: daysElapsed,
    through,
    targets: set.map(([metric, target]) => progressOf(metric, target, totals ? (totals[metric] ?? 0) : null, daysElapsed, days)),
    definitions: definitionsOf(DEFINED),
  };
}
