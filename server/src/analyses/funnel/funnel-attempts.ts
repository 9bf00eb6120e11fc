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

/**
 * Events of many people as parallel columns (the funnel answer's record batches hand these over
 * as typed arrays). A big shop's 90-day funnel has ~1.3M events: one object per event was a third
 * of the server's part of the answer, most of it garbage collection.
 */
export interface EventColumns {
  /** Time, ms since the epoch. */
  readonly t: ArrayLike<number>;
  readonly mask: ArrayLike<number>;
  readonly excl: ArrayLike<number>;
  value(row: number): string;
  /** Shop-local day, as days since 1970-01-01 (numbers, so a big funnel's attempts are not keyed by strings). */
  readonly day: ArrayLike<number>;
}

const DAY_MS = 86_400_000;

/** YYYY-MM-DD of a day counted from 1970-01-01. */
export const dayName = (epochDay: number): string => new Date(epochDay * DAY_MS).toISOString().slice(0, 10);

/** One person's events: row numbers into shared columns (sortEvents puts them in the rules' order). */
export class PersonEvents {
  constructor(
    readonly columns: EventColumns,
    readonly rows: number[],
  ) {}

  /** The events as objects, for tests and debugging. */
  toObjects(): PersonEvent[] {
    const c = this.columns;
    return this.rows.map((r) => ({
      t: c.t[r] as number,
      mask: c.mask[r] as number,
      excl: c.excl[r] as number,
      value: c.value(r),
      day: dayName(c.day[r] as number),
    }));
  }
}

export interface Attempt {
  /** Steps reached (1..N). */
  reached: number;
  /** Time (ms) at which each reached step was filled. */
  times: number[];
  /**
   * Row (in the person's columns) of the event that filled each reached step: its breakdown value
   * is read only for the attempt a breakdown credits, not for every attempt built.
   */
  rows: number[];
  /** Shop-local day of the attempt's first event, as days since 1970-01-01. */
  day: number;
}

const lowestBit = (mask: number): number => (mask === 0 ? 99 : 31 - Math.clz32(mask & -mask));
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Events at the same instant are applied in step order, so a person's events are sorted by time,
 * then by the first step they match (events matching none come last), then by the set of steps
 * they match read as a binary number (step 1 = lowest bit), then exclusion events before other
 * events (by exclusion bits, highest first), then by breakdown value. Events equal in all of
 * these are interchangeable under the rules.
 */
export function sortEvents(events: PersonEvents): PersonEvents {
  const c = events.columns;
  const { t, mask, excl } = c;
  events.rows.sort(
    (a, b) =>
      (t[a] as number) - (t[b] as number) ||
      lowestBit(mask[a] as number) - lowestBit(mask[b] as number) ||
      (mask[a] as number) - (mask[b] as number) ||
      (excl[b] as number) - (excl[a] as number) ||
      compare(c.value(a), c.value(b)),
  );
  return events;
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

/*
 * An attempt is first run without building anything: the rows of the events that fill its steps
 * go into `steps` (scratch, reused) and the number of steps reached is returned, 0 when an
 * exclusion removed it. Only an attempt that beats the person's best so far, or the best of its
 * start day, is built (most attempts of a big shop's people are repeated product views that reach
 * no further).
 */
function orderedAttempt(events: PersonEvents, start: number, rules: Rules, exclByStep: number[], steps: number[]): number {
  const { columns: c, rows } = events;
  const first = rows[start] as number;
  steps[0] = first;
  let reached = 1;
  const windowEnd = (c.t[first] as number) + rules.windowSeconds * 1000;
  for (let j = start + 1; j < rows.length && reached < rules.stepCount; j++) {
    const r = rows[j] as number;
    if ((c.t[r] as number) > windowEnd) break;
    if ((c.mask[r] as number) & (2 ** reached)) {
      steps[reached++] = r;
    } else if ((c.excl[r] as number) & (exclByStep[reached] ?? 0)) {
      return 0;
    } else if (rules.order === 'strict') {
      break;
    }
  }
  return reached;
}

function unorderedAttempt(events: PersonEvents, start: number, rules: Rules, steps: number[]): number {
  const { columns: c, rows } = events;
  const first = rows[start] as number;
  steps[0] = first;
  let reached = 1;
  const windowEnd = (c.t[first] as number) + rules.windowSeconds * 1000;
  let filled = (c.mask[first] as number) & -(c.mask[first] as number);
  const exclBits = 2 ** rules.exclusions.length - 1;
  for (let j = start + 1; j < rows.length && reached < rules.stepCount; j++) {
    const r = rows[j] as number;
    if ((c.t[r] as number) > windowEnd) break;
    const open = (c.mask[r] as number) & ~filled;
    if (open) {
      filled |= open & -open;
      steps[reached++] = r;
    } else if ((c.excl[r] as number) & exclBits) {
      return 0;
    }
  }
  return reached;
}

function built(c: EventColumns, steps: number[], reached: number, day: number): Attempt {
  const times: number[] = [];
  const rows = steps.slice(0, reached);
  for (let k = 0; k < reached; k++) times.push(c.t[steps[k] as number] as number);
  return { reached, times, rows, day };
}

export interface PersonOutcome {
  /** The furthest attempt over the whole range (earliest of equals); null if every attempt was excluded. */
  best: Attempt | null;
  /** The furthest attempt among those that started on each day (days since 1970-01-01). */
  bestByDay: Map<number, Attempt>;
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
export function personOutcome(sorted: PersonEvents, spec: NormalizedFunnelSpec): PersonOutcome {
  const { rules, exclByStep, startBits } = prepare(spec);
  let best: Attempt | null = null;
  const bestByDay = new Map<number, Attempt>();
  const c = sorted.columns;
  const steps: number[] = [];
  for (let i = 0; i < sorted.rows.length; i++) {
    const row = sorted.rows[i] as number;
    if (!((c.mask[row] as number) & startBits)) continue;
    const reached =
      spec.order === 'unordered' ? unorderedAttempt(sorted, i, rules, steps) : orderedAttempt(sorted, i, rules, exclByStep, steps);
    if (!reached) continue;
    const day = c.day[row] as number;
    const dayBest = bestByDay.get(day);
    const beatsBest = !best || reached > best.reached;
    if (!beatsBest && dayBest && reached <= dayBest.reached) continue;
    const attempt = built(c, steps, reached, day);
    if (beatsBest) best = attempt;
    if (!dayBest || reached > dayBest.reached) bestByDay.set(day, attempt);
  }
  return { best, bestByDay };
}
