/**
 * When a scheduled report is due: its slots are a local hour every day, or on one weekday, in
 * the shop's time zone (so 08:00 stays 08:00 across daylight-saving changes). The scheduler asks
 * for the latest slot not after now; if no delivery was started for it yet, it runs — once, even
 * after days of downtime.
 */

/** The offset (ms) of a time zone from UTC at an instant. */
function offsetAt(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant at which a local wall-clock time happens in a time zone. */
export function localToInstant(timeZone: string, y: number, m: number, d: number, hour: number): Date {
  const wall = Date.UTC(y, m - 1, d, hour);
  // Twice: the offset at the first guess may differ from the offset at the answer (DST edges).
  let t = wall - offsetAt(timeZone, new Date(wall));
  t = wall - offsetAt(timeZone, new Date(t));
  return new Date(t);
}

/** The local calendar date (and weekday, 0 = Sunday) of an instant. */
export function localDate(timeZone: string, at: Date): { y: number; m: number; d: number; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    weekday: 'short',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return { y: Number(get('year')), m: Number(get('month')), d: Number(get('day')), weekday };
}

export interface SlotRule {
  frequency: 'daily' | 'weekly';
  hour: number;
  weekday: number | null;
}

/** The latest slot at or before `now`. */
export function latestSlot(rule: SlotRule, timeZone: string, now: Date): Date {
  // Walk back over at most 8 local days; the first slot not after now is the answer.
  for (let back = 0; back <= 8; back++) {
    const day = localDate(timeZone, new Date(now.getTime() - back * 86_400_000));
    if (rule.frequency === 'weekly' && day.weekday !== rule.weekday) continue;
    const slot = localToInstant(timeZone, day.y, day.m, day.d, rule.hour);
    if (slot.getTime() <= now.getTime()) return slot;
  }
  throw new Error('no slot in the last 8 days');
}

/** The report period a slot covers: the day before (daily) or the 7 days before (weekly), local dates. */
export function periodOf(rule: SlotRule, timeZone: string, slot: Date): { from: string; to: string } {
  const day = localDate(timeZone, slot);
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  const today = Date.UTC(day.y, day.m - 1, day.d);
  const to = iso(today - 86_400_000);
  const from = rule.frequency === 'daily' ? to : iso(today - 7 * 86_400_000);
  return { from, to };
}
