/**
 * The funnel rules for one person's events (docs/funnels.md): every step-1 event (any step's
 * event, unordered) starts an attempt; an attempt fills steps in order within the window,
 * measured from its first step and inclusive; one event fills at most one step; an exclusion
 * seen while the attempt sits between its steps removes the attempt; the furthest attempt wins
 * (the earliest of equals).
 */
import type { NormalizedFunnelSpec } from './funnel-spec.js';

export interface PersonEvent {
  t: number;
  mask: number;
  excl: number;
  value: string;
  day: string;
}

export interface Attempt {
  /** Steps reached (1..N). */
  reached: number;
  /** Time (ms) at which each reached step was filled. */
  times: number[];
  /** Breakdown value of the event that filled each reached step. */
  values: string[];
  /** Shop-local day of the attempt's first event. */
  day: string;
}

const lowestBit = (mask: number): number => (mask === 0 ? 99 : 31 - Math.clz32(mask & -mask));

/**
 * Events at the same instant are applied in step order, so a person's events are sorted by time,
 * then by the first step they match (events matching none come last), then by the set of steps
 * they match read as a binary number (step 1 = lowest bit), then exclusion events before other
 * events (by exclusion bits, highest first), then by breakdown value. Events equal in all of
 * these are interchangeable under the rules.
 */
export function sortEvents(events: PersonEvent[]): PersonEvent[] {
  return events.sort(
    (a, b) =>
      a.t - b.t ||
      lowestBit(a.mask) - lowestBit(b.mask) ||
      a.mask - b.mask ||
      b.excl - a.excl ||
      (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
  );
}

type Rules = Pick<NormalizedFunnelSpec, 'order' | 'exclusions' | 'windowSeconds'> & { stepCount: number };

/** Exclusion bits that apply while an ordered attempt has reached `reached` steps. */
function activeExclusions(rules: Rules, reached: number): number {
  let bits = 0;
  rules.exclusions.forEach((x, i) => {
    if (x.fromStep <= reached && reached < x.toStep) bits |= 2 ** i;
  });
  return bits;
}

function orderedAttempt(events: PersonEvent[], start: number, rules: Rules, exclByStep: number[]): Attempt | null {
  const first = events[start] as PersonEvent;
  const windowMs = rules.windowSeconds * 1000;
  const attempt: Attempt = { reached: 1, times: [first.t], values: [first.value], day: first.day };
  for (let j = start + 1; j < events.length && attempt.reached < rules.stepCount; j++) {
    const e = events[j] as PersonEvent;
    if (e.t - first.t > windowMs) break;
    if (e.mask & (2 ** attempt.reached)) {
      attempt.reached++;
      attempt.times.push(e.t);
      attempt.values.push(e.value);
    } else if (e.excl & (exclByStep[attempt.reached] ?? 0)) {
      return null;
    } else if (rules.order === 'strict') {
      break;
    }
  }
  return attempt;
}

function unorderedAttempt(events: PersonEvent[], start: number, rules: Rules): Attempt | null {
  const first = events[start] as PersonEvent;
  const windowMs = rules.windowSeconds * 1000;
  let filled = first.mask & -first.mask;
  const attempt: Attempt = { reached: 1, times: [first.t], values: [first.value], day: first.day };
  const exclBits = 2 ** rules.exclusions.length - 1;
  for (let j = start + 1; j < events.length && attempt.reached < rules.stepCount; j++) {
    const e = events[j] as PersonEvent;
    if (e.t - first.t > windowMs) break;
    const open = e.mask & ~filled;
    if (open) {
      filled |= open & -open;
      attempt.reached++;
      attempt.times.push(e.t);
      attempt.values.push(e.value);
    } else if (e.excl & exclBits) {
      return null;
    }
  }
  return attempt;
}

export interface PersonOutcome {
  /** The furthest attempt over the whole range (earliest of equals); null if every attempt was excluded. */
  best: Attempt | null;
  /** The furthest attempt among those that started on each day. */
  bestByDay: Map<string, Attempt>;
}

interface PreparedRules {
  rules: Rules;
  exclByStep: number[];
  startBits: number;
}

// Worked out once per funnel, not once per person (a big shop's funnel has 300k people).
const prepared = new WeakMap<NormalizedFunnelSpec, PreparedRules>();

function prepare(spec: NormalizedFunnelSpec): PreparedRules {
  let p = prepared.get(spec);
  if (!p) {
    const rules: Rules = {
      order: spec.order,
      exclusions: spec.exclusions,
      windowSeconds: spec.windowSeconds,
      stepCount: spec.steps.length,
    };
    p = {
      rules,
      exclByStep: Array.from({ length: rules.stepCount + 1 }, (_, r) => activeExclusions(rules, r)),
      startBits: spec.order === 'unordered' ? 2 ** rules.stepCount - 1 : 1,
    };
    prepared.set(spec, p);
  }
  return p;
}

/** Runs every attempt in one person's sorted events. */
export function personOutcome(sorted: PersonEvent[], spec: NormalizedFunnelSpec): PersonOutcome {
  const { rules, exclByStep, startBits } = prepare(spec);
  let best: Attempt | null = null;
  const bestByDay = new Map<string, Attempt>();
  for (let i = 0; i < sorted.length; i++) {
    if (!((sorted[i] as PersonEvent).mask & startBits)) continue;
    const attempt = spec.order === 'unordered' ? unorderedAttempt(sorted, i, rules) : orderedAttempt(sorted, i, rules, exclByStep);
    if (!attempt) continue;
    if (!best || attempt.reached > best.reached) best = attempt;
    const dayBest = bestByDay.get(attempt.day);
    if (!dayBest || attempt.reached > dayBest.reached) bestByDay.set(attempt.day, attempt);
  }
  return { best, bestByDay };
}
