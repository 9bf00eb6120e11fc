/**
 * The days a campaign review (活动复盘) compares, checked: the campaign's (cut at the shop's last
 * complete day), the usual days before it, the days after it and, when asked, another campaign's
 * days to set beside it (last year's 双11, the last 618). A client's mistake is a 400 that names the
 * field.
 */
import { BadRequestError } from '../errors.js';
import type { Shop } from '../metadata/index.js';
import { addDays, daysOf, isCalendarDate, localNow } from './local-time.js';

export const CAMPAIGN_MAX_DAYS = 93;
export const USUAL_DEFAULT_DAYS = 28;
export const AFTER_DEFAULT_DAYS = 7;
export const AFTER_MAX_DAYS = 28;

export interface ReviewWindow {
  from: string;
  to: string;
  days: number;
}

export interface CampaignWindows {
  /** `asked_to`: the last day asked for, when days from it on are not complete yet (the review stops at yesterday). */
  campaign: ReviewWindow & { asked_to?: string };
  usual: ReviewWindow;
  after: ReviewWindow | null;
  /** Another campaign's days (compare_from..compare_to), when asked. */
  compared: ReviewWindow | null;
}

/** The earlier of two days (YYYY-MM-DD strings order as the days do; Math.min would make them NaN). */
const earlierDay = (a: string, b: string): string => [a, b].sort()[0] as string;

function calendarDay(field: string, value: string): string {
  if (!isCalendarDate(value)) throw new BadRequestError(`${field} must be a calendar date YYYY-MM-DD, got "${value}".`, field);
  return value;
}

/**
 * The three windows of a review, checked: the campaign (cut at the last complete day), the usual
 * days before it (by default the 28 days before its first day) and up to `after_days` after it.
 */
export function campaignWindows(
  shop: Shop,
  q: { from: string; to: string; usual_from?: string; usual_to?: string; after_days?: number; compare_from?: string; compare_to?: string },
  now = new Date(),
): CampaignWindows {
  const from = calendarDay('from', q.from);
  const to = calendarDay('to', q.to);
  if (to < from) throw new BadRequestError('The campaign’s last day (to) must not be before its first day (from).', 'to');
  if (daysOf(from, to) > CAMPAIGN_MAX_DAYS) {
    throw new BadRequestError(`A campaign can span at most ${CAMPAIGN_MAX_DAYS} days; this one spans ${daysOf(from, to)}.`, 'to');
  }
  const lastComplete = addDays(localNow(shop.time_zone, now).today, -1);
  if (from > lastComplete) {
    throw new BadRequestError(
      `The campaign starts on ${from}; a review needs at least one complete day (the shop’s last complete day is ${lastComplete}).`,
      'from',
    );
  }
  const seen = earlierDay(to, lastComplete);
  const campaign = { from, to: seen, days: daysOf(from, seen), ...(seen !== to ? { asked_to: to } : {}) };

  const usualTo = q.usual_to === undefined ? addDays(from, -1) : calendarDay('usual_to', q.usual_to);
  const usualFrom = q.usual_from === undefined ? addDays(usualTo, -(USUAL_DEFAULT_DAYS - 1)) : calendarDay('usual_from', q.usual_from);
  if (usualTo >= from) throw new BadRequestError(`The usual days must end before the campaign starts (${from}).`, 'usual_to');
  if (usualFrom > usualTo) throw new BadRequestError('usual_from must not be after usual_to.', 'usual_from');
  if (daysOf(usualFrom, usualTo) > CAMPAIGN_MAX_DAYS) {
    throw new BadRequestError(
      `The usual days can span at most ${CAMPAIGN_MAX_DAYS}; these span ${daysOf(usualFrom, usualTo)}.`,
      'usual_from',
    );
  }
  const usual = { from: usualFrom, to: usualTo, days: daysOf(usualFrom, usualTo) };

  const afterDays = q.after_days ?? AFTER_DEFAULT_DAYS;
  const afterFrom = addDays(to, 1);
  const afterTo = earlierDay(addDays(to, afterDays), lastComplete);
  const after = afterDays > 0 && afterFrom <= afterTo ? { from: afterFrom, to: afterTo, days: daysOf(afterFrom, afterTo) } : null;
  return { campaign, usual, after, compared: comparedWindow(q, lastComplete) };
}

/** Another campaign's days: both ends given, complete, at most as long as a campaign. */
function comparedWindow(q: { compare_from?: string; compare_to?: string }, lastComplete: string): ReviewWindow | null {
  if (q.compare_from === undefined && q.compare_to === undefined) return null;
  if (q.compare_from === undefined || q.compare_to === undefined) {
    throw new BadRequestError(
      'Give both compare_from and compare_to: the other campaign’s first and last day.',
      q.compare_from ? 'compare_to' : 'compare_from',
    );
  }
  const from = calendarDay('compare_from', q.compare_from);
  const to = calendarDay('compare_to', q.compare_to);
  if (to < from) throw new BadRequestError('compare_to must not be before compare_from.', 'compare_to');
  if (daysOf(from, to) > CAMPAIGN_MAX_DAYS) {
    throw new BadRequestError(
      `A campaign compared with can span at most ${CAMPAIGN_MAX_DAYS} days; this one spans ${daysOf(from, to)}.`,
      'compare_to',
    );
  }
  if (to > lastComplete)
    throw new BadRequestError(`The campaign compared with must be over: its last day is after ${lastComplete}.`, 'compare_to');
  return { from, to, days: daysOf(from, to) };
}
