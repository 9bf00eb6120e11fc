/**
 * Pure functions between API results and charts. A missing bucket is zero only for additive
 * metrics (counts, money); for ratios and averages it is empty, never a made-up zero.
 */
export const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** One value per day from `from` to `to`; days without a row are 0 (additive) or null. */
export function dailySeries<T extends { day: string }>(
  rows: T[],
  from: string,
  to: string,
  value: (r: T) => number | null,
  additive: boolean,
): Array<[string, number | null]> {
  const byDay = new Map(rows.map((r) => [r.day, value(r)]));
  return daysBetween(from, to).map((d) => [d, byDay.has(d) ? (byDay.get(d) ?? null) : additive ? 0 : null]);
}

export interface WaterfallBar {
  name: string;
  /** Invisible part under the bar. */
  base: number;
  /** Visible height (always ≥ 0). */
  height: number;
  /** The signed amount the bar stands for. */
  amount: number;
  kind: 'total' | 'up' | 'down';
}

/** Before → each driver's signed effect → after, as stacked bars (base + height). */
export function waterfall(
  before: number,
  steps: Array<{ name: string; amount: number }>,
  after: number,
  names: { before: string; after: string },
): WaterfallBar[] {
  const bars: WaterfallBar[] = [{ name: names.before, base: 0, height: before, amount: before, kind: 'total' }];
  let level = before;
  for (const s of steps) {
    const next = level + s.amount;
    bars.push({
      name: s.name,
      base: Math.min(level, next),
      height: Math.abs(s.amount),
      amount: s.amount,
      kind: s.amount >= 0 ? 'up' : 'down',
    });
    level = next;
  }
  bars.push({ name: names.after, base: 0, height: after, amount: after, kind: 'total' });
  return bars;
}

/** Heatmap cells [period k, cohort row, value]; unobserved cells are left out (blank, not 0). */
export function cohortCells(cohorts: Array<{ values: Array<number | null> }>): Array<[number, number, number]> {
  const cells: Array<[number, number, number]> = [];
  cohorts.forEach((c, row) => {
    c.values.forEach((v, k) => {
      if (v !== null) cells.push([k, row, v]);
    });
  });
  return cells;
}

/**
 * How many periods (0, 1, …) a cohort chart shows: up to the last one any cohort has observed in
 * any of its series, at least period 0 and at most the periods asked for. A 30-day range has
 * 4–5 observed weeks of the 13 asked for by default; the rest would be empty columns.
 */
export function shownPeriods(cohorts: Array<{ series: Array<Array<number | null>> }>, asked: number): number {
  const observed = (values: Array<number | null>) => values.findLastIndex((v) => v !== null) + 1;
  return Math.min(asked, Math.max(1, ...cohorts.flatMap((c) => c.series.map(observed))));
}

/** Hour-by-hour values 0..23; hours still to come (null from the API) stay empty. */
export function hourly(rows: Array<({ hour: number } & Record<string, number | null>) | null>, metric: string): Array<number | null> {
  return Array.from({ length: 24 }, (_, h) => {
    const r = rows[h];
    return r ? ((r[metric] as number | null) ?? 0) : null;
  });
}

/** Funnel bars as percentages of step 1, keeping the counts for labels. */
export function funnelBars(steps: Array<{ label: string; people: number }>): Array<{ name: string; value: number; people: number }> {
  const first = steps[0]?.people ?? 0;
  return steps.map((s) => ({ name: s.label, value: first > 0 ? Math.round((s.people / first) * 1000) / 10 : 0, people: s.people }));
}

/**
 * A broken-down funnel as one bar series per value, after the whole funnel: each step as a share of
 * that series' own step 1, so values of very different size compare by how well they convert.
 */
export function breakdownFunnelSeries(
  whole: { name: string; steps: Array<{ label: string; people: number }> },
  rows: Array<{ value: string; steps: Array<{ label: string; people: number }> }>,
  nameOf: (value: string) => string,
): Array<{ name: string; data: Array<{ name: string; value: number; people: number }> }> {
  return [{ name: whole.name, data: funnelBars(whole.steps) }, ...rows.map((r) => ({ name: nameOf(r.value), data: funnelBars(r.steps) }))];
}

/** Histogram bucket labels from second bounds: "1–5 min", "1–3 h", "30 d+". */
export function bucketLabel(from: number, to: number | null): string {
  const f = (s: number) => (s < 3600 ? `${s / 60} min` : s < 86_400 ? `${s / 3600} h` : `${s / 86_400} d`);
  if (to === null) return `${f(from)}+`;
  if (from === 0) return `< ${f(to)}`;
  return `${f(from)}–${f(to)}`;
}

/** The colour scale under a heatmap: the page's grey at 0 up to the dashboard's blue at `max` (at least 1). */
export function heatScale(max: number) {
  return {
    min: 0,
    max: Math.max(1, max),
    calculable: true,
    orient: 'horizontal' as const,
    left: 'center',
    bottom: 0,
    inRange: { color: ['#f4f5f7', '#2f6fed'] },
  };
}
