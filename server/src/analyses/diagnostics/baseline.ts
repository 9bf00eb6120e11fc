/**
 * Is a figure normal? The seasonality-aware rule (docs/diagnostics.md): the expected value is the
 * mean of the same weekday in the four weeks before (for a week: the four weeks before), the
 * spread is their standard deviation, floored at 5% of the expected value and at one unit
 * (1 visitor or order, 1 currency unit, or 0.1 percentage point), and
 * z = (value − expected) / spread: |z| < 2 normal, 2 ≤ |z| < 3 watch, |z| ≥ 3 abnormal.
 * Fewer than two comparable periods with data: not enough history to judge.
 */
export type Status = 'normal' | 'watch' | 'abnormal' | 'insufficient_history';

export interface Judgement {
  expected: number | null;
  spread: number | null;
  z: number | null;
  status: Status;
}

export function judge(value: number | null, history: Array<number | null>, unit: number): Judgement {
  const points = history.filter((h): h is number => h !== null && Number.isFinite(h));
  if (value === null || points.length < 2) return { expected: null, spread: null, z: null, status: 'insufficient_history' };
  const mean = points.reduce((a, b) => a + b, 0) / points.length;
  const sd = Math.sqrt(points.reduce((a, b) => a + (b - mean) ** 2, 0) / (points.length - 1));
  const spread = Math.max(sd, 0.05 * Math.abs(mean), unit);
  const z = (value - mean) / spread;
  const status: Status = Math.abs(z) >= 3 ? 'abnormal' : Math.abs(z) >= 2 ? 'watch' : 'normal';
  return { expected: mean, spread, z: Math.round(z * 100) / 100, status };
}
