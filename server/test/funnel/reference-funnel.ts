/**
 * A deliberately plain funnel, written from the rules in docs/funnels.md and nothing else: raw
 * event objects in, step counts, times, trend and breakdown out. No bit masks, no SQL, no shared
 * code with the product — it exists to disagree with the real implementation when either is wrong.
 */
export interface RawEvent {
  id: string;
  /** Milliseconds since the epoch. */
  t: number;
  /** Shop-local calendar day of t. */
  day: string;
  event: string;
  visitor: string;
  customer: string;
  props: Record<string, string>;
}

/** A version of a customer's record; the one with the latest updatedAt is current. */
export interface RawCustomer {
  customer: string;
  /** Milliseconds since the epoch. */
  updatedAt: number;
  region: string;
  memberLevel: string;
  /** Shop-local month (YYYY-MM) of the sign-up time, '' when there is none. */
  signupMonth: string;
}

export interface RefFilter {
  property: string;
  operator: string;
  value?: string | number | Array<string | number>;
}
export interface RefSpec {
  steps: Array<{ event: string; filters: RefFilter[] }>;
  windowSeconds: number;
  order: 'ordered' | 'strict' | 'unordered';
  exclusions: Array<{ event: string; filters: RefFilter[]; fromStep: number; toStep: number }>;
  breakdown: { property: string; attribution: 'first_touch' | 'last_touch' | 'all_steps'; limit: number } | null;
}

function propOf(e: RawEvent, property: string): string {
  if (property.startsWith('properties.')) return e.props[property.slice('properties.'.length)] ?? '';
  return e.props[property] ?? '';
}

function passes(e: RawEvent, f: RefFilter): boolean {
  const v = propOf(e, f.property);
  const list = (Array.isArray(f.value) ? f.value : [f.value]).map(String);
  if (f.operator === 'eq') return list.includes(v);
  if (f.operator === 'neq') return !list.includes(v);
  if (f.operator === 'contains') return v.toLowerCase().includes(String(list[0]).toLowerCase());
  if (f.operator === 'not_contains') return !v.toLowerCase().includes(String(list[0]).toLowerCase());
  if (f.operator === 'is_set') return v !== '';
  if (f.operator === 'is_not_set') return v === '';
  if (v === '' || Number.isNaN(Number(v))) return false;
  const x = Number(v);
  const y = Number(list[0]);
  if (f.operator === 'gt') return x > y;
  if (f.operator === 'gte') return x >= y;
  if (f.operator === 'lt') return x < y;
  return x <= y;
}

function matches(e: RawEvent, m: { event: string; filters: RefFilter[] }): boolean {
  return e.event === m.event && m.filters.every((f) => passes(e, f));
}

interface RefAttempt {
  startIndex: number;
  times: number[];
  values: string[];
  day: string;
}

export interface RefResult {
  people: number[];
  medians: Array<number | null>;
  averages: Array<number | null>;
  completedDurations: number[];
  trend: Record<string, { entered: number; converted: number }>;
  breakdown: Array<{ value: string; people: number[] }> | null;
}

/** The steps an event can fill, in step order. */
function stepsOf(e: RawEvent, spec: RefSpec): number[] {
  const out: number[] = [];
  spec.steps.forEach((s, i) => {
    if (matches(e, s)) out.push(i);
  });
  return out;
}

function attemptsOf(events: RawEvent[], spec: RefSpec, breakdownValue: (e: RawEvent) => string): RefAttempt[] {
  const n = spec.steps.length;
  const attempts: RefAttempt[] = [];
  for (let i = 0; i < events.length; i++) {
    const start = events[i] as RawEvent;
    const startSteps = stepsOf(start, spec);
    if (spec.order !== 'unordered' && !startSteps.includes(0)) continue;
    if (spec.order === 'unordered' && startSteps.length === 0) continue;
    const done = new Set<number>([spec.order === 'unordered' ? (startSteps[0] as number) : 0]);
    const a: RefAttempt = { startIndex: i, times: [start.t], values: [breakdownValue(start)], day: start.day };
    let removed = false;
    for (let j = i + 1; j < events.length; j++) {
      const e = events[j] as RawEvent;
      if (a.times.length === n) break;
      if (e.t > start.t + spec.windowSeconds * 1000) break;
      const can = stepsOf(e, spec);
      const wanted = spec.order === 'unordered' ? can.find((s) => !done.has(s)) : can.includes(a.times.length) ? a.times.length : undefined;
      if (wanted !== undefined) {
        done.add(wanted);
        a.times.push(e.t);
        a.values.push(breakdownValue(e));
        continue;
      }
      const reached = a.times.length;
      const excluded = spec.exclusions.some((x) => matches(e, x) && x.fromStep <= reached && reached < x.toStep);
      if (excluded) {
        removed = true;
        break;
      }
      if (spec.order === 'strict') break;
    }
    if (!removed) attempts.push(a);
  }
  return attempts;
}

function furthest(attempts: RefAttempt[]): RefAttempt | undefined {
  let best: RefAttempt | undefined;
  for (const a of attempts) if (!best || a.times.length > best.times.length) best = a;
  return best;
}

function medianOf(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
}

export function referenceFunnel(
  all: RawEvent[],
  spec: RefSpec,
  range: { from: string; to: string },
  customers: RawCustomer[] = [],
): RefResult {
  const n = spec.steps.length;
  // Identity: a visitor ever signed in (up to the range end) is their first customer.
  const stitched = new Map<string, { t: number; customer: string }>();
  for (const e of all) {
    if (e.customer === '' || e.day > range.to) continue;
    const seen = stitched.get(e.visitor);
    if (!seen || e.t < seen.t || (e.t === seen.t && e.customer < seen.customer)) stitched.set(e.visitor, { t: e.t, customer: e.customer });
  }
  const personOf = (e: RawEvent) =>
    e.customer ? `c:${e.customer}` : stitched.has(e.visitor) ? `c:${stitched.get(e.visitor)?.customer}` : `v:${e.visitor}`;
  const firstChannel = new Map<string, { t: number; channel: string }>();
  for (const e of all) {
    if (e.day > range.to) continue;
    const p = personOf(e);
    const seen = firstChannel.get(p);
    if (!seen || e.t < seen.t || (e.t === seen.t && (e.props.channel ?? '') < seen.channel))
      firstChannel.set(p, { t: e.t, channel: e.props.channel ?? '' });
  }
  // Customer attributes: the latest version of each customer's record; none for a visitor.
  const current = new Map<string, RawCustomer>();
  for (const c of customers) {
    const seen = current.get(c.customer);
    if (!seen || c.updatedAt > seen.updatedAt) current.set(c.customer, c);
  }
  const customerAttribute = (person: string, property: string): string => {
    const c = person.startsWith('c:') ? current.get(person.slice(2)) : undefined;
    if (!c) return '';
    if (property === 'person.region') return c.region;
    if (property === 'person.member_level') return c.memberLevel;
    if (property === 'person.signup_month') return c.signupMonth;
    throw new Error(`reference: no person property ${property}`);
  };
  const inRange = all.filter((e) => e.day >= range.from && e.day <= range.to);
  const byPerson = new Map<string, RawEvent[]>();
  for (const e of inRange) byPerson.set(personOf(e), [...(byPerson.get(personOf(e)) ?? []), e]);

  const bprop = spec.breakdown?.property;
  const breakdownValue = (e: RawEvent): string => {
    if (!bprop) return '';
    const v =
      bprop === 'person.first_channel'
        ? (firstChannel.get(personOf(e))?.channel ?? '')
        : bprop.startsWith('person.')
          ? customerAttribute(personOf(e), bprop)
          : propOf(e, bprop);
    return v === '' ? '(none)' : v;
  };
  // Same-instant order, as written in the rules: earliest step matched (none last), the matched
  // steps as a binary number, exclusion events (bits, highest first) before others, then value.
  const sortKey = (e: RawEvent): Array<number | string> => {
    const s = stepsOf(e, spec);
    const exclBits = spec.exclusions.reduce((sum, x, i) => sum + (matches(e, x) ? 2 ** i : 0), 0);
    return [e.t, s.length ? (s[0] as number) : 99, s.reduce((sum, i) => sum + 2 ** i, 0), -exclBits, breakdownValue(e)];
  };
  const byKey = (x: RawEvent, y: RawEvent): number => {
    const kx = sortKey(x);
    const ky = sortKey(y);
    for (let i = 0; i < kx.length; i++) {
      if (kx[i] !== ky[i]) return (kx[i] as number | string) < (ky[i] as number | string) ? -1 : 1;
    }
    return 0;
  };

  const people = Array(n).fill(0) as number[];
  const gaps: number[][] = Array.from({ length: n }, () => []);
  const completedDurations: number[] = [];
  const trend: RefResult['trend'] = {};
  const credits: Array<Array<{ value: string; a: RefAttempt }>> = [];
  for (const [, own] of byPerson) {
    const events = [...own].sort(byKey);
    const attempts = attemptsOf(events, spec, breakdownValue);
    const best = furthest(attempts);
    if (best) {
      for (let k = 0; k < best.times.length; k++) {
        people[k] = (people[k] ?? 0) + 1;
        if (k > 0) gaps[k]?.push((best.times[k] as number) - (best.times[k - 1] as number));
      }
      if (best.times.length === n) completedDurations.push(((best.times[n - 1] as number) - (best.times[0] as number)) / 1000);
    }
    const days = [...new Set(attempts.map((a) => a.day))];
    for (const d of days) {
      const b = furthest(attempts.filter((a) => a.day === d)) as RefAttempt;
      trend[d] = trend[d] ?? { entered: 0, converted: 0 };
      trend[d].entered++;
      if (b.times.length === n) trend[d].converted++;
    }
    if (!spec.breakdown) continue;
    if (spec.breakdown.attribution === 'all_steps' && !bprop?.startsWith('person.')) {
      const values = [...new Set(events.map(breakdownValue))];
      credits.push(
        values
          .map((v) => ({
            value: v,
            a: furthest(
              attemptsOf(
                events.filter((e) => breakdownValue(e) === v),
                spec,
                breakdownValue,
              ),
            ),
          }))
          .filter((c): c is { value: string; a: RefAttempt } => c.a !== undefined),
      );
    } else if (best) {
      const value =
        spec.breakdown.attribution === 'last_touch' ? (best.values[best.values.length - 1] as string) : (best.values[0] as string);
      credits.push([{ value, a: best }]);
    }
  }

  let breakdown: RefResult['breakdown'] = null;
  if (spec.breakdown) {
    const entered: Record<string, number> = {};
    for (const list of credits) for (const c of list) entered[c.value] = (entered[c.value] ?? 0) + 1;
    const ranked = Object.keys(entered).sort((a, b) => (entered[b] as number) - (entered[a] as number) || (a < b ? -1 : 1));
    const top = ranked.slice(0, spec.breakdown.limit);
    const rows = new Map<string, number[]>();
    const count = (v: string, a: RefAttempt) => {
      const row = rows.get(v) ?? Array(n).fill(0);
      for (let k = 0; k < a.times.length; k++) row[k]++;
      rows.set(v, row);
    };
    for (const list of credits) {
      const rest = list.filter((c) => !top.includes(c.value));
      for (const c of list) if (top.includes(c.value)) count(c.value, c.a);
      if (rest.length) {
        // Furthest among the folded values; the earliest start among equals.
        const b = [...rest].sort((x, y) => y.a.times.length - x.a.times.length || (x.a.times[0] as number) - (y.a.times[0] as number))[0];
        count('(other)', (b as { a: RefAttempt }).a);
      }
    }
    breakdown = top.map((v) => ({ value: v, people: rows.get(v) ?? Array(n).fill(0) }));
    if (rows.has('(other)')) breakdown.push({ value: '(other)', people: rows.get('(other)') as number[] });
  }
  return {
    people,
    medians: gaps.map((g, k) => (k === 0 ? null : medianOf(g))),
    averages: gaps.map((g, k) => (k === 0 || g.length === 0 ? null : g.reduce((x, y) => x + y, 0) / g.length)),
    completedDurations,
    trend,
    breakdown,
  };
}
