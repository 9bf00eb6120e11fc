/**
 * Marked days on a chart by day: each mark a shaded band over the days it covers within the
 * chart's (cut to them: a season that began before the range shades from its first day), named
 * by its title. The chart's data table lists them too (chart-table.ts), so the band can be read.
 */
import type { MarkedDays } from '../api/types';
import type { I18n } from '../i18n/i18n';

type Band = [{ name: string; xAxis: string; label?: { offset: [number, number] } }, { xAxis: string }];

export interface MarkAreaOption {
  silent: boolean;
  itemStyle: { color: string };
  label: { position: 'top'; color: string; fontSize: number };
  data: Band[];
}

/** `marks`: the shop's marked days, or any named spans (a campaign review's campaign and days after). */
export function markAreaOf(
  marks: Array<Pick<MarkedDays, 'title' | 'from' | 'to'>> | undefined,
  days: string[],
): MarkAreaOption | undefined {
  const first = days[0];
  const last = days[days.length - 1];
  if (!marks?.length || !first || !last) return undefined;
  // Days as YYYY-MM-DD sort as text: the later of the first days, the earlier of the last.
  const data = marks
    .map((m) => ({ title: m.title, from: [m.from, first].sort()[1] as string, to: [m.to, last].sort()[0] as string }))
    .filter((m) => m.from <= m.to)
    // Names above the plot (a tall bar would cover them inside it); every other band's a line lower,
    // so the names of neighbouring marks do not overlap.
    .map((m, i): Band => [{ name: m.title, xAxis: m.from, ...(i % 2 ? { label: { offset: [0, 14] } } : {}) }, { xAxis: m.to }]);
  if (!data.length) return undefined;
  return {
    silent: true,
    itemStyle: { color: 'rgba(240, 140, 46, 0.12)' },
    label: { position: 'top', color: '#8a5a12', fontSize: 11 },
    data,
  };
}

/** Days from – to (a mark's, a comparison's), written as one day or first – last. */
export const daysText = (m: Pick<MarkedDays, 'from' | 'to'>) => (m.from === m.to ? m.from : `${m.from} – ${m.to}`);

/** Marks as one line: each title with its kind and days. */
export const marksText = (marks: MarkedDays[], i18n: Pick<I18n, 'code'>) =>
  marks.map((m) => `${m.title} (${i18n.code('mark_kind', m.kind)}, ${daysText(m)})`).join('; ');
