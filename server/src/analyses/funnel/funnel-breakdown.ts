/**
 * A funnel's breakdown (docs/funnels.md, rule 11): step counts per value, values ranked by people
 * at step 1 (ties by value), the first `limit` kept and the rest merged into "(other)", where a
 * person counts once, with their furthest attempt among the merged values.
 */

import type { FunnelBreakdownRow } from './funnel.analysis.js';
import { type Attempt, PersonEvents, personOutcome } from './funnel-attempts.js';
import type { SingleStepGroup } from './funnel-rows.js';
import { isPersonProperty, type NormalizedFunnelSpec } from './funnel-spec.js';
import { StepTally } from './funnel-step-tally.js';

export const OTHER_VALUE = '(other)';

export interface BreakdownTally {
  /** A group of people who only reach step 1. */
  addGroup(group: SingleStepGroup): void;
  /** A person's events in the rules' order, and their winning attempt (if any survived). */
  addPerson(sorted: PersonEvents, best: Attempt | null): void;
  rows(): FunnelBreakdownRow[];
}

export function breakdownTally(spec: NormalizedFunnelSpec): BreakdownTally {
  const b = spec.breakdown;
  if (!b) throw new Error('breakdownTally needs a breakdown');
  return b.attribution === 'all_steps' && !isPersonProperty(b.property) ? new ValuesPerPerson(spec) : new OneValuePerPerson(spec);
}

const startOf = (a: Attempt): number => a.times[0] ?? 0;

/** The value's tally in `tallies`, made on first use. */
function tallyOf(tallies: Map<string, StepTally>, spec: NormalizedFunnelSpec, value: string): StepTally {
  let t = tallies.get(value);
  if (!t) {
    t = new StepTally(spec);
    tallies.set(value, t);
  }
  return t;
}

function ranked(entries: Map<string, number>): string[] {
  return [...entries.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([v]) => v);
}

/**
 * First touch, last touch and person properties: every person counts under one value, so each
 * value's tally is kept as people come, and "(other)" is the sum of the folded values' tallies.
 * Holding on to every person's attempt until the end (as all_steps must) cost a big shop's
 * funnel ~0.3 s, mostly garbage collection.
 */
class OneValuePerPerson implements BreakdownTally {
  private readonly tallies = new Map<string, StepTally>();
  constructor(private readonly spec: NormalizedFunnelSpec) {}

  private tally(value: string): StepTally {
    return tallyOf(this.tallies, this.spec, value);
  }

  addGroup(group: SingleStepGroup): void {
    this.tally(group.firstValue).addCount(0, group.count);
  }

  addPerson(sorted: PersonEvents, best: Attempt | null): void {
    if (!best) return;
    const attribution = this.spec.breakdown?.attribution;
    const row = (attribution === 'last_touch' ? best.rows[best.reached - 1] : best.rows[0]) as number;
    this.tally(sorted.columns.value(row)).add(best);
  }

  rows(): FunnelBreakdownRow[] {
    const order = ranked(new Map([...this.tallies].map(([v, t]) => [v, t.people[0] ?? 0])));
    const limit = this.spec.breakdown?.limit ?? 5;
    const rows = order.slice(0, limit).map((value) => ({ value, steps: this.tally(value).steps() }));
    if (order.length > limit) {
      const other = new StepTally(this.spec);
      for (const value of order.slice(limit)) other.absorb(this.tally(value));
      rows.push({ value: OTHER_VALUE, steps: other.steps() });
    }
    return rows;
  }
}

/**
 * all_steps on an event property: the funnel is worked out within each value's events, so a person
 * may count under several values, and once in "(other)" with their furthest attempt among the
 * folded ones — which values fold is known only at the end, so every person's attempts are kept.
 */
class ValuesPerPerson implements BreakdownTally {
  // (value, attempt) per person, one per value they have an attempt in.
  private readonly credited: Array<Array<{ value: string; attempt: Attempt }>> = [];
  // Single-step groups: each group's size and the values it counts under.
  private readonly groups: Array<{ count: number; values: string[] }> = [];
  constructor(private readonly spec: NormalizedFunnelSpec) {}

  addGroup(group: SingleStepGroup): void {
    this.groups.push({ count: group.count, values: group.startValues });
  }

  addPerson(sorted: PersonEvents): void {
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
      const a = personOutcome(new PersonEvents(sorted.columns, own), this.spec).best;
      if (a) mine.push({ value, attempt: a });
    }
    this.credited.push(mine);
  }

  rows(): FunnelBreakdownRow[] {
    const entries = new Map<string, number>();
    for (const g of this.groups) for (const v of g.values) entries.set(v, (entries.get(v) ?? 0) + g.count);
    for (const mine of this.credited) for (const c of mine) entries.set(c.value, (entries.get(c.value) ?? 0) + 1);
    const order = ranked(entries);
    const top = new Set(order.slice(0, this.spec.breakdown?.limit ?? 5));
    const tallies = new Map<string, StepTally>();
    const tally = (v: string) => tallyOf(tallies, this.spec, v);
    for (const mine of this.credited) {
      // A person counts once in "(other)": with their furthest attempt among the values folded into it.
      let other: Attempt | null = null;
      for (const c of mine) {
        if (top.has(c.value)) tally(c.value).add(c.attempt);
        else if (
          !other ||
          c.attempt.reached > other.reached ||
          (c.attempt.reached === other.reached && startOf(c.attempt) < startOf(other))
        )
          other = c.attempt;
      }
      if (other) tally(OTHER_VALUE).add(other);
    }
    // Single-step groups: counted under each top value they have, and once in "(other)" if any of their values is folded.
    for (const g of this.groups) {
      for (const v of g.values) if (top.has(v)) tally(v).addCount(0, g.count);
      if (g.values.some((v) => !top.has(v))) tally(OTHER_VALUE).addCount(0, g.count);
    }
    const rows = order.filter((v) => top.has(v)).map((value) => ({ value, steps: tally(value).steps() }));
    if (tallies.has(OTHER_VALUE)) rows.push({ value: OTHER_VALUE, steps: tally(OTHER_VALUE).steps() });
    return rows;
  }
}
