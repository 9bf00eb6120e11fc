/**
 * Whether a chosen range lies wholly outside the days a shop's data covers (a file of 2011's
 * orders, a demo whose live feed has ended), and the range of the same length that would show
 * data: ending on the data's last day, or starting on its first.
 */
import { addDays } from './series';

export interface DataDays {
  first_day: string | null;
  last_day: string | null;
}

export interface OutsideData {
  /** The range is after the data's last day, or before its first. */
  side: 'after' | 'before';
  /** That last (or first) day. */
  day: string;
  /** The range of the same length next to it, inside the data. */
  suggested: { from: string; to: string };
}

export function outsideData(range: { from: string; to: string }, days: DataDays | undefined): OutsideData | null {
  if (!days?.first_day || !days.last_day) return null;
  const length = Math.round((Date.parse(range.to) - Date.parse(range.from)) / 86_400_000);
  if (range.from > days.last_day)
    return { side: 'after', day: days.last_day, suggested: { from: addDays(days.last_day, -length), to: days.last_day } };
  if (range.to < days.first_day)
    return { side: 'before', day: days.first_day, suggested: { from: days.first_day, to: addDays(days.first_day, length) } };
  return null;
}
