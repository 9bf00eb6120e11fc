/** Per-step counts and step-to-step times of a funnel (or of one breakdown value), and their results. */
import { median } from '../median.js';
import { ratio } from '../rounding.js';
import type { FunnelStepResult } from './funnel.analysis.js';
import type { Attempt } from './funnel-attempts.js';
import type { NormalizedFunnelSpec } from './funnel-spec.js';

const seconds = (ms: number): number => Math.round(ms) / 1000;

/** Accumulates attempts into per-step counts and step-to-step times. */
export class StepTally {
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
  /** Adds another tally's people and times to this one (a breakdown's "(other)" row). */
  absorb(other: StepTally): void {
    other.people.forEach((count, k) => {
      this.people[k] = (this.people[k] ?? 0) + count;
    });
    other.gaps.forEach((gaps, k) => {
      const own = this.gaps[k] as number[];
      // A loop, not push(...gaps): a spread of a few hundred thousand arguments overflows the stack.
      for (const g of gaps) own.push(g);
    });
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
