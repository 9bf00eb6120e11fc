/**
 * Retention: first-time or recurring cohorts (by purchase, visit or any named event) per day,
 * week or month, and how many of each come back (purchase, visit or a named event) in each later
 * period, "on" or "on or after"; optionally split by first channel, or for purchase cohorts by the
 * first order's category, discount or value band, with the
 * revenue per member over time (LTV curves).
 */
import { orderValueLadder } from '@storelens/etl';
import type { ShopScope } from '@storelens/sql';
import { BadRequestError } from '../errors.js';
import type { Shop } from '../metadata/index.js';
import { type AnalysisFilters, activeFilters, filteredQuery } from './filters.js';
import { definitionsOf, type MetricDefinition } from './metrics-catalogue.js';
import { cents, ratio } from './rounding.js';

export const RETENTION_COHORTS = ['first_purchase', 'first_visit', 'first_event'] as const;
export const RETENTION_RETURNS = ['purchase', 'visit', 'event'] as const;
export const RETENTION_COHORT_TYPES = ['first_time', 'recurring'] as const;
export const RETENTION_SEGMENTS = ['none', 'first_channel', 'first_category', 'first_discount', 'first_value'] as const;
/** The splits only a purchase cohort has (a first order to read them from), and what each reads. */
const PURCHASE_SEGMENTS: Partial<Record<(typeof RETENTION_SEGMENTS)[number], string>> = {
  first_category: 'the category of the first order’s largest line',
  first_discount: 'whether the first order was bought at a discount',
  first_value: 'the band of the first order’s amount paid',
};
const EVENT_NAME = /^[A-Za-z0-9_.:-]{1,64}$/;
export const RETENTION_PERIODS = ['day', 'week', 'month'] as const;
export const RETENTION_MAX_PERIODS = 60;

export interface RetentionOptions {
  cohort?: (typeof RETENTION_COHORTS)[number];
  /** The event name when cohort is first_event. */
  cohortEvent?: string;
  returnEvent?: (typeof RETENTION_RETURNS)[number];
  /** The event name when returnEvent is event. */
  returnName?: string;
  /** first_time: a person's first occurrence ever; recurring: every period they did it. */
  cohortType?: (typeof RETENTION_COHORT_TYPES)[number];
  /** Split cohorts by the channel of the first cohort event, or the first order's main category. */
  segmentBy?: (typeof RETENTION_SEGMENTS)[number];
  period?: (typeof RETENTION_PERIODS)[number];
  weekStart?: 'monday' | 'sunday';
  cumulative?: boolean;
  periods?: number;
}

export interface RetentionCohort {
  cohort: string;
  /** 'all', or the first channel / first category when the cohorts are split. */
  segment: string;
  size: number;
  /** People per period after the cohort's (index 0 = the cohort's own period); null = not yet observed. */
  people: Array<number | null>;
  rates: Array<number | null>;
  /** Paid amount per member from their first day to the end of period k (cumulative); null = not yet observed or no customers. */
  revenue_per_member: Array<number | null>;
}

export interface RetentionResult {
  shop: string;
  filters: AnalysisFilters;
  from: string;
  to: string;
  options: Required<RetentionOptions>;
  /** The last day with return activity: later periods are not observed yet. */
  observedUntil: string | null;
  /** The last payment day: revenue for later periods is not observed yet. */
  revenueObservedUntil: string | null;
  cohorts: RetentionCohort[];
  definitions: Record<string, MetricDefinition>;
}

/** The start of the period `k` periods after `start` (dates as YYYY-MM-DD, UTC arithmetic). */
function addPeriods(start: string, period: string, k: number): string {
  const d = new Date(`${start}T00:00:00Z`);
  if (period === 'day') d.setUTCDate(d.getUTCDate() + k);
  else if (period === 'week') d.setUTCDate(d.getUTCDate() + 7 * k);
  else d.setUTCMonth(d.getUTCMonth() + k);
  return d.toISOString().slice(0, 10);
}

export async function retention(
  scope: ShopScope,
  shop: Shop,
  range: { from: string; to: string },
  options: RetentionOptions = {},
  filters: AnalysisFilters = {},
): Promise<RetentionResult> {
  const o: Required<RetentionOptions> = {
    cohort: options.cohort ?? 'first_purchase',
    cohortEvent: options.cohortEvent ?? '',
    returnEvent: options.returnEvent ?? 'purchase',
    returnName: options.returnName ?? '',
    cohortType: options.cohortType ?? 'first_time',
    segmentBy: options.segmentBy ?? 'none',
    period: options.period ?? 'month',
    weekStart: options.weekStart ?? 'monday',
    cumulative: options.cumulative ?? false,
    periods: options.periods ?? (options.period === 'day' ? 14 : options.period === 'week' ? 12 : 6),
  };
  if (!Number.isInteger(o.periods) || o.periods < 1 || o.periods > RETENTION_MAX_PERIODS)
    throw new BadRequestError(`periods must be a whole number from 1 to ${RETENTION_MAX_PERIODS}`, 'periods');
  if (o.cohort === 'first_event' && !EVENT_NAME.test(o.cohortEvent))
    throw new BadRequestError(
      'cohort first_event needs cohort_event: the event name that starts a cohort (e.g. add_to_cart)',
      'cohort_event',
    );
  if (o.returnEvent === 'event' && !EVENT_NAME.test(o.returnName))
    throw new BadRequestError('return event needs return_event: the event name that counts as a return (e.g. order_paid)', 'return_event');
  const reads = PURCHASE_SEGMENTS[o.segmentBy];
  if (reads && o.cohort !== 'first_purchase')
    throw new BadRequestError(`${o.segmentBy} splits purchase cohorts only (${reads}); use cohort=first_purchase`, 'segment');
  if (o.cohort !== 'first_event') o.cohortEvent = '';
  if (o.returnEvent !== 'event') o.returnName = '';
  const byVisitor = o.cohort !== 'first_purchase' && o.returnEvent !== 'purchase';
  // The order values' default ladder for the shop's currency (the first_value split's bands).
  const { edgeCents, labels: bands } = orderValueLadder(shop.currency);
  const segmentOrder = (a: string, b: string): number =>
    o.segmentBy === 'first_value' ? bands.indexOf(a) - bands.indexOf(b) : a.localeCompare(b);
  const q = filteredQuery('retention', filters, shop, range.from);
  const rows = await scope.rows<{ section: string; segment: string; value: string; k: number; people: number; amount: string }>(
    q.sql,
    {
      ...q.params,
      from: range.from,
      to: range.to,
      tz: shop.time_zone,
      cohort: o.cohort,
      cohort_event: o.cohortEvent,
      return_event: o.returnEvent,
      return_name: o.returnName,
      recurring: o.cohortType === 'recurring' ? 1 : 0,
      segment_by: o.segmentBy,
      value_edge_cents: edgeCents,
      value_labels: bands,
      by_visitor: byVisitor ? 1 : 0,
      period: o.period,
      week_mode: o.weekStart === 'monday' ? 1 : 0,
      cumulative: o.cumulative ? 1 : 0,
      periods: o.periods,
    },
    { purpose: 'analysis.retention' },
  );
  const endOf = (section: string) => {
    const v = rows.find((r) => r.section === section)?.value;
    return v && v !== '1970-01-01' ? v : null;
  };
  const observedUntil = endOf('end');
  const revenueObservedUntil = byVisitor ? null : endOf('end_revenue');
  const cells = new Map<string, number>();
  const revenue = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.segment}|${r.value}|${Number(r.k)}`;
    if (r.section === 'cell') cells.set(key, Number(r.people));
    // Whole cents, so sums are exact and the per-member figure rounds half up like the definition.
    if (r.section === 'revenue') revenue.set(key, Math.round(Number(r.amount) * 100));
  }
  const cohorts = rows
    .filter((r) => r.section === 'size')
    .map((s): RetentionCohort => {
      const size = Number(s.people);
      const observed = (k: number, until: string | null) => until !== null && addPeriods(s.value, o.period, k) <= until;
      const people = Array.from({ length: o.periods + 1 }, (_, k) =>
        observed(k, observedUntil) ? (cells.get(`${s.segment}|${s.value}|${k}`) ?? 0) : null,
      );
      let running = 0;
      const revenuePerMember = Array.from({ length: o.periods + 1 }, (_, k) => {
        running += revenue.get(`${s.segment}|${s.value}|${k}`) ?? 0;
        return observed(k, revenueObservedUntil) ? cents(running / size / 100) : null;
      });
      return {
        cohort: s.value,
        segment: s.segment,
        size,
        people,
        rates: people.map((p) => (p === null ? null : ratio(p, size))),
        revenue_per_member: revenuePerMember,
      };
    })
    // Segments by name, value bands from the cheapest up (as the ladder reads, not as labels sort).
    .sort((a, b) => segmentOrder(a.segment, b.segment) || a.cohort.localeCompare(b.cohort));
  return {
    shop: shop.slug,
    filters: activeFilters(filters),
    from: range.from,
    to: range.to,
    options: o,
    observedUntil,
    revenueObservedUntil,
    cohorts,
    definitions: definitionsOf(['retention_cohort', 'retention_rate', 'retention_revenue_per_member']),
  };
}
