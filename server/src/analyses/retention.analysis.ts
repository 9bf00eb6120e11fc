/**
 * Retention: first-time cohorts (by first purchase or first visit) per day, week or month, and
 * how many of each come back (purchase or visit) in each later period, "on" or "on or after".
 */
import { loadQuery, type ShopScope } from '@storelens/sql';
import { BadRequestError } from '../errors.js';
import type { Shop } from '../metadata/index.js';
import { definitionsOf, type MetricDefinition } from './metrics-catalogue.js';
import { ratio } from './rounding.js';

export const RETENTION_COHORTS = ['first_purchase', 'first_visit'] as const;
export const RETENTION_RETURNS = ['purchase', 'visit'] as const;
export const RETENTION_PERIODS = ['day', 'week', 'month'] as const;
export const RETENTION_MAX_PERIODS = 60;

export interface RetentionOptions {
  cohort?: (typeof RETENTION_COHORTS)[number];
  returnEvent?: (typeof RETENTION_RETURNS)[number];
  period?: (typeof RETENTION_PERIODS)[number];
  weekStart?: 'monday' | 'sunday';
  cumulative?: boolean;
  periods?: number;
}

export interface RetentionCohort {
  cohort: string;
  size: number;
  /** People per period after the cohort's (index 0 = the cohort's own period); null = not yet observed. */
  people: Array<number | null>;
  rates: Array<number | null>;
}

export interface RetentionResult {
  shop: string;
  from: string;
  to: string;
  options: Required<RetentionOptions>;
  /** The last day with return activity: later periods are not observed yet. */
  observedUntil: string | null;
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
): Promise<RetentionResult> {
  const o: Required<RetentionOptions> = {
    cohort: options.cohort ?? 'first_purchase',
    returnEvent: options.returnEvent ?? 'purchase',
    period: options.period ?? 'month',
    weekStart: options.weekStart ?? 'monday',
    cumulative: options.cumulative ?? false,
    periods: options.periods ?? (options.period === 'day' ? 14 : options.period === 'week' ? 12 : 6),
  };
  if (!Number.isInteger(o.periods) || o.periods < 1 || o.periods > RETENTION_MAX_PERIODS)
    throw new BadRequestError(`periods must be a whole number from 1 to ${RETENTION_MAX_PERIODS}`, 'periods');
  const rows = await scope.rows<{ section: string; value: string; k: number; people: number }>(
    loadQuery('retention'),
    {
      from: range.from,
      to: range.to,
      tz: shop.time_zone,
      cohort: o.cohort,
      return_event: o.returnEvent,
      by_visitor: o.cohort === 'first_visit' && o.returnEvent === 'visit' ? 1 : 0,
      period: o.period,
      week_mode: o.weekStart === 'monday' ? 1 : 0,
      cumulative: o.cumulative ? 1 : 0,
      periods: o.periods,
    },
    { purpose: 'analysis.retention' },
  );
  const end = rows.find((r) => r.section === 'end')?.value;
  const observedUntil = end && end !== '1970-01-01' ? end : null;
  const cohorts = rows
    .filter((r) => r.section === 'size')
    .map((s): RetentionCohort => {
      const size = Number(s.people);
      const people = Array.from({ length: o.periods + 1 }, (_, k) => {
        if (observedUntil === null || addPeriods(s.value, o.period, k) > observedUntil) return null;
        const cell = rows.find((r) => r.section === 'cell' && r.value === s.value && Number(r.k) === k);
        return Number(cell?.people ?? 0);
      });
      return {
        cohort: s.value,
        size,
        people,
        rates: people.map((p) => (p === null ? null : ratio(p, size))),
      };
    })
    .sort((a, b) => a.cohort.localeCompare(b.cohort));
  return {
    shop: shop.slug,
    from: range.from,
    to: range.to,
    options: o,
    observedUntil,
    cohorts,
    definitions: definitionsOf(['retention_cohort', 'retention_rate']),
  };
}
