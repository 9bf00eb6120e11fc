/**
 * Funnels: how many people reach each of 2–20 steps within a conversion window, with the
 * PostHog rules written in docs/funnels.md. ClickHouse gathers each person's matching events
 * (funnel-sql.ts); the attempt rules run per person (funnel-attempts.ts); this file adds the
 * people up into step counts, conversion, times, a histogram, a daily trend and a breakdown.
 */
import type { ShopScope } from '@storelens/sql';
import type { Shop } from '../../metadata/index.js';
import { type AnalysisFilters, activeFilters, filteredSql } from '../filters.js';
import { definitionsOf, type MetricDefinition } from '../metrics-catalogue.js';
import { ratio } from '../rounding.js';
import { dayName, PersonEvents, personOutcome, sortEvents } from './funnel-attempts.js';
import { breakdownTally } from './funnel-breakdown.js';
import { type FunnelPerson, readFunnelPeople } from './funnel-rows.js';
import { type FunnelSpec, type NormalizedFunnelSpec, normalizeFunnelSpec } from './funnel-spec.js';
import { buildFunnelQuery } from './funnel-sql.js';
import { StepTally } from './funnel-step-tally.js';

export interface FunnelStepResult {
  step: number;
  label: string;
  event: string;
  /** People whose furthest attempt reached this step. */
  people: number;
  /** People who reached the previous step but not this one (0 for step 1). */
  dropped: number;
  conversion_from_start: number | null;
  conversion_from_previous: number | null;
  /** Seconds from the previous step to this one, over the people who reached it. */
  avg_seconds_from_previous: number | null;
  median_seconds_from_previous: number | null;
}

export interface FunnelHistogramBucket {
  from_seconds: number;
  /** Exclusive upper bound; null for the last, open bucket. */
  to_seconds: number | null;
  people: number;
}

export interface FunnelTrendDay {
  day: string;
  entered: number;
  converted: number;
  conversion: number | null;
}

export interface FunnelBreakdownRow {
  value: string;
  steps: FunnelStepResult[];
}

export interface FunnelResult {
  shop: string;
  from: string;
  to: string;
  spec: NormalizedFunnelSpec;
  filters: AnalysisFilters;
  steps: FunnelStepResult[];
  /** Time from step 1 to the last step, over the people who completed the funnel. */
  histogram: FunnelHistogramBucket[];
  trend: FunnelTrendDay[];
  breakdown: FunnelBreakdownRow[] | null;
  definitions: Record<string, MetricDefinition>;
}

export { OTHER_VALUE } from './funnel-breakdown.js';
export { NONE_VALUE } from './funnel-rows.js';

/** Bucket edges a merchant reads at a glance: minutes, hours, days. */
const HISTOGRAM_EDGES = [0, 60, 300, 900, 3600, 10_800, 43_200, 86_400, 259_200, 604_800, 1_209_600, 2_592_000];

function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
    days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

/** Adds people up: totals, histogram, trend and breakdown. */
export function tallyFunnel(
  spec: NormalizedFunnelSpec,
  range: { from: string; to: string },
  persons: Iterable<FunnelPerson>,
): Pick<FunnelResult, 'steps' | 'histogram' | 'trend' | 'breakdown'> {
  const n = spec.steps.length;
  const total = new StepTally(spec);
  const durations: number[] = [];
  const trend = new Map<string, { entered: number; converted: number }>();
  const enter = (day: string, entered: number, converted: number) => {
    const t = trend.get(day) ?? { entered: 0, converted: 0 };
    t.entered += entered;
    t.converted += converted;
    trend.set(day, t);
  };
  // People's attempts by start day, keyed by days since 1970-01-01 (named once, at the end).
  const byEpochDay = new Map<number, { entered: number; converted: number }>();
  const breakdown = spec.breakdown ? breakdownTally(spec) : null;
  for (const person of persons) {
    if ('dayOnly' in person) {
      enter(person.day, person.count, 0);
      continue;
    }
    if (!(person instanceof PersonEvents)) {
      // Every attempt reaches step 1 only: step 1 counts them; each start day has them as entrants.
      total.addCount(0, person.count);
      for (const day of person.startDays) enter(day, person.count, 0);
      breakdown?.addGroup(person);
      continue;
    }
    const sorted = sortEvents(person);
    const { best, bestByDay } = personOutcome(sorted, spec);
    if (best) {
      total.add(best);
      if (best.reached === n) durations.push(((best.times[n - 1] as number) - (best.times[0] as number)) / 1000);
    }
    for (const [day, a] of bestByDay) {
      let t = byEpochDay.get(day);
      if (!t) {
        t = { entered: 0, converted: 0 };
        byEpochDay.set(day, t);
      }
      t.entered += 1;
      if (a.reached === n) t.converted += 1;
    }
    breakdown?.addPerson(sorted, best);
  }
  for (const [day, t] of byEpochDay) enter(dayName(day), t.entered, t.converted);
  const histogram = HISTOGRAM_EDGES.filter((edge) => edge === 0 || edge <= spec.windowSeconds).map((from, i, edges) => {
    const to = edges[i + 1] ?? null;
    return { from_seconds: from, to_seconds: to, people: durations.filter((d) => d >= from && (to === null || d < to)).length };
  });
  return {
    steps: total.steps(),
    histogram,
    trend: eachDay(range.from, range.to).map((day) => {
      const t = trend.get(day) ?? { entered: 0, converted: 0 };
      return { day, entered: t.entered, converted: t.converted, conversion: ratio(t.converted, t.entered) };
    }),
    breakdown: breakdown ? breakdown.rows() : null,
  };
}

export async function funnel(
  scope: ShopScope,
  shop: Shop,
  range: { from: string; to: string },
  input: FunnelSpec,
  filters: AnalysisFilters = {},
): Promise<FunnelResult> {
  const spec = normalizeFunnelSpec(input);
  const query = buildFunnelQuery(spec, range, shop.time_zone);
  const f = filteredSql(query.sql, filters, shop, range.from);
  const ipc = await scope.raw(`${f.sql} FORMAT ArrowStream`, { ...f.params, ...query.params }, { purpose: 'analysis.funnel' });
  const tallied = tallyFunnel(spec, range, readFunnelPeople(ipc));
  return {
    shop: shop.slug,
    from: range.from,
    to: range.to,
    spec,
    filters: activeFilters(filters),
    ...tallied,
    definitions: definitionsOf([
      'funnel_people',
      'funnel_conversion_from_start',
      'funnel_conversion_from_previous',
      'funnel_time_to_convert',
      'funnel_trend_conversion',
      ...(spec.breakdown ? ['funnel_breakdown_people' as const] : []),
    ]),
  };
}
