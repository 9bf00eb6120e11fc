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
import { type Attempt, PersonEvents, personOutcome, sortEvents } from './funnel-attempts.js';
import { type FunnelPerson, readFunnelPeople } from './funnel-rows.js';
import { type FunnelSpec, isPersonProperty, type NormalizedFunnelSpec, normalizeFunnelSpec } from './funnel-spec.js';
import { buildFunnelQuery } from './funnel-sql.js';

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

export const OTHER_VALUE = '(other)';
export { NONE_VALUE } from './funnel-rows.js';

/** Bucket edges a merchant reads at a glance: minutes, hours, days. */
const HISTOGRAM_EDGES = [0, 60, 300, 900, 3600, 10_800, 43_200, 86_400, 259_200, 604_800, 1_209_600, 2_592_000];

const seconds = (ms: number): number => Math.round(ms) / 1000;
const startOf = (a: Attempt): number => a.times[0] ?? 0;

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  // A typed array sorts numerically and several times faster than a comparator (300k gaps on a big shop).
  const s = Float64Array.from(values).sort();
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Accumulates attempts into per-step counts and step-to-step times. */
class StepTally {
  readonly people: number[];
  readonly gaps: number[][];
  constructor(readonly spec: NormalizedFunnelSpec) {
    this.people = spec.steps.map(() => 0);
    this.gaps = spec.steps.map(() => []);
  }
  /** `count` more people reached exactly step `k + 1` (no step times: a single step has none). */
  addCount(k: number, count: number): void {
    for (let i = 0; i <= k; i++) this.people[i] = (this.people[i] ?? 0) + count;
  }
  add(a: Attempt): void {
    for (let k = 0; k < a.reached; k++) {
      this.people[k] = (this.people[k] ?? 0) + 1;
      if (k > 0) this.gaps[k]?.push((a.times[k] as number) - (a.times[k - 1] as number));
    }
  }
  steps(): FunnelStepResult[] {
    const first = this.people[0] ?? 0;
    return this.spec.steps.map((s, k) => {
      const people = this.people[k] ?? 0;
      const previous = k > 0 ? (this.people[k - 1] ?? 0) : people;
      const gaps = this.gaps[k] ?? [];
      const med = median(gaps);
      return {
        step: k + 1,
        label: this.spec.order === 'unordered' ? `completed ${k + 1} of ${this.spec.steps.length}` : s.label,
        event: this.spec.order === 'unordered' ? '' : s.event,
        people,
        dropped: previous - people,
        conversion_from_start: ratio(people, first),
        conversion_from_previous: k === 0 ? ratio(people, people) : ratio(people, previous),
        avg_seconds_from_previous: k === 0 || gaps.length === 0 ? null : seconds(gaps.reduce((x, y) => x + y, 0) / gaps.length),
        median_seconds_from_previous: k === 0 || med === null ? null : seconds(med),
      };
    });
  }
}

function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
    days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

/** The breakdown value an attempt is credited to. */
function attributed(a: Attempt, attribution: string): string {
  return (attribution === 'last_touch' ? a.values[a.reached - 1] : a.values[0]) as string;
}

/** Adds people up: totals, histogram and trend from `outcomes`; the breakdown from `credited`. */
export function tallyFunnel(
  spec: NormalizedFunnelSpec,
  range: { from: string; to: string },
  persons: FunnelPerson[],
): Pick<FunnelResult, 'steps' | 'histogram' | 'trend' | 'breakdown'> {
  const n = spec.steps.length;
  const total = new StepTally(spec);
  const durations: number[] = [];
  const trend = new Map<string, { entered: number; converted: number }>();
  // Breakdown: (value, attempt) per person; for all_steps one per value the person has.
  const credited: Array<Array<{ value: string; attempt: Attempt }>> = [];
  // Single-step groups in the breakdown: each group's size and the values it counts under.
  const singleGroups: Array<{ count: number; values: string[] }> = [];
  for (const person of persons) {
    if (!(person instanceof PersonEvents)) {
      // Every attempt reaches step 1 only: step 1 counts them; each start day has them as entrants.
      total.addCount(0, person.count);
      for (const day of person.startDays) {
        const t = trend.get(day) ?? { entered: 0, converted: 0 };
        t.entered += person.count;
        trend.set(day, t);
      }
      if (spec.breakdown) {
        const perValue = spec.breakdown.attribution === 'all_steps' && !isPersonProperty(spec.breakdown.property);
        singleGroups.push({ count: person.count, values: perValue ? person.startValues : [person.firstValue] });
      }
      continue;
    }
    const sorted = sortEvents(person);
    const { best, bestByDay } = personOutcome(sorted, spec);
    if (best) {
      total.add(best);
      if (best.reached === n) durations.push(((best.times[n - 1] as number) - (best.times[0] as number)) / 1000);
    }
    for (const [day, a] of bestByDay) {
      const t = trend.get(day) ?? { entered: 0, converted: 0 };
      t.entered++;
      if (a.reached === n) t.converted++;
      trend.set(day, t);
    }
    if (!spec.breakdown) continue;
    if (spec.breakdown.attribution === 'all_steps' && !isPersonProperty(spec.breakdown.property)) {
      // The person's events of each value, in the same (rule) order.
      const byValue = new Map<string, number[]>();
      for (const r of sorted.rows) {
        const v = sorted.columns.value(r);
        const own = byValue.get(v);
        if (own) own.push(r);
        else byValue.set(v, [r]);
      }
      const mine: Array<{ value: string; attempt: Attempt }> = [];
      for (const [value, own] of byValue) {
        const a = personOutcome(new PersonEvents(sorted.columns, own), spec).best;
        if (a) mine.push({ value, attempt: a });
      }
      credited.push(mine);
    } else if (best) {
      credited.push([{ value: attributed(best, spec.breakdown.attribution), attempt: best }]);
    }
  }
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
    breakdown: spec.breakdown ? breakdownRows(spec, credited, singleGroups) : null,
  };
}

/** Top N values by people at step 1 (ties by value), the rest as one "(other)" row. */
function breakdownRows(
  spec: NormalizedFunnelSpec,
  credited: Array<Array<{ value: string; attempt: Attempt }>>,
  singleGroups: Array<{ count: number; values: string[] }>,
): FunnelBreakdownRow[] {
  const entries = new Map<string, number>();
  for (const g of singleGroups) for (const v of g.values) entries.set(v, (entries.get(v) ?? 0) + g.count);
  for (const mine of credited) for (const c of mine) entries.set(c.value, (entries.get(c.value) ?? 0) + 1);
  const ranked = [...entries.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([v]) => v);
  const top = new Set(ranked.slice(0, spec.breakdown?.limit ?? 5));
  const tallies = new Map<string, StepTally>();
  const tally = (v: string) => tallies.get(v) ?? (tallies.set(v, new StepTally(spec)).get(v) as StepTally);
  for (const mine of credited) {
    // A person counts once in "(other)": with their furthest attempt among the values folded into it.
    let other: Attempt | null = null;
    for (const c of mine) {
      if (top.has(c.value)) tally(c.value).add(c.attempt);
      else if (!other || c.attempt.reached > other.reached || (c.attempt.reached === other.reached && startOf(c.attempt) < startOf(other)))
        other = c.attempt;
    }
    if (other) tally(OTHER_VALUE).add(other);
  }
  // Single-step groups: counted under each top value they have, and once in "(other)" if any of their values is folded.
  for (const g of singleGroups) {
    for (const v of g.values) if (top.has(v)) tally(v).addCount(0, g.count);
    if (g.values.some((v) => !top.has(v))) tally(OTHER_VALUE).addCount(0, g.count);
  }
  const rows = ranked.filter((v) => top.has(v)).map((value) => ({ value, steps: tally(value).steps() }));
  if (tallies.has(OTHER_VALUE)) rows.push({ value: OTHER_VALUE, steps: tally(OTHER_VALUE).steps() });
  return rows;
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
