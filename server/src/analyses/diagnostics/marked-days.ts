/**
 * The marked days a diagnosis reads with: those touching the diagnosed days (a promotion explains
 * a jump) and those touching only the days its "usual" was taken from (a promotion four Fridays
 * ago inflates what a Friday is expected to bring). The usual days are the baseline's
 * (baseline.ts): a day against the same weekday in the four weeks before, a week against the four
 * weeks before it.
 */
import type { MarkedDays } from '../../metadata/annotations.repo.js';
import { addDays } from '../local-time.js';
import type { DiagnosisPeriod, DiagnosisResult } from './diagnosis-model.js';

/** The spans of days the baseline of a diagnosis of `from`–`to` was taken from, earliest first. */
export function usualSpans(period: DiagnosisPeriod, from: string): Array<{ from: string; to: string }> {
  if (period === 'week') return [{ from: addDays(from, -28), to: addDays(from, -1) }];
  return [28, 21, 14, 7].map((n) => ({ from: addDays(from, -n), to: addDays(from, -n) }));
}

const touches = (m: { from: string; to: string }, span: { from: string; to: string }) => m.from <= span.to && m.to >= span.from;

export interface DiagnosisMarks {
  /** Marks touching the diagnosed days. */
  period: MarkedDays[];
  /** Marks touching a day of the usual and none of the diagnosed days. */
  usual: MarkedDays[];
}

export function diagnosisMarks(marks: MarkedDays[], period: DiagnosisPeriod, from: string, to: string): DiagnosisMarks {
  const usual = usualSpans(period, from);
  const during = marks.filter((m) => touches(m, { from, to }));
  return {
    period: during,
    usual: marks.filter((m) => !during.includes(m) && usual.some((span) => touches(m, span))),
  };
}

/**
 * The marks a comparison of two periods reads with (the product diagnosis's): those touching the
 * period, and those touching only the period it is compared with — a 双11 there makes every
 * product's sales "fall" after it.
 */
export interface ComparedMarks {
  period: MarkedDays[];
  compared: MarkedDays[];
}

export function comparedMarks(
  marks: MarkedDays[],
  period: { from: string; to: string },
  compared: { from: string; to: string },
): ComparedMarks {
  const during = marks.filter((m) => touches(m, period));
  return { period: during, compared: marks.filter((m) => !during.includes(m) && touches(m, compared)) };
}

/** The diagnosis as the API answers it: with the marked days it reads with. */
export type MarkedDiagnosis = DiagnosisResult & { marked_days: DiagnosisMarks };

/**
 * The diagnosis as the API and the CLI answer it: with the marked days it reads with, listed from
 * the first of its usual days to its last day.
 */
export async function withMarkedDays(
  result: DiagnosisResult,
  list: (range: { from?: string; to: string }) => Promise<MarkedDays[]>,
): Promise<MarkedDiagnosis> {
  const marks = await list({ from: usualSpans(result.period, result.from)[0]?.from, to: result.to });
  return { ...result, marked_days: diagnosisMarks(marks, result.period, result.from, result.to) };
}
