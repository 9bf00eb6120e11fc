/**
 * The diagnosis's word on the month's targets (经营目标): by the diagnosed day, is the month on pace
 * for its payment amount and paid orders targets? Judged from the month's 5th day on (a pace over
 * fewer days says little) and only for the whole shop (a target is the shop's, not a filtered
 * slice's). Pace below 0.75 is red, below 0.9 amber, 1.1 and above an info finding (ahead);
 * between, on pace, nothing is said. Rules: docs/diagnostics.md.
 */
import type { TargetProgress, TargetRow } from '../target-progress.js';
import type { Finding } from './diagnosis-model.js';
import { pct } from './wording.js';

/** From this many complete days of the month on, its pace is judged. */
export const JUDGED_FROM_DAY = 5;

const NAMES = {
  gmv: { en: 'Payment amount is', zh: '支付金额' },
  paid_orders: { en: 'Paid orders are', zh: '支付订单数' },
} as const;

export function targetFindings(
  progress: TargetProgress | null,
  /** Where a finding leads: the Overview page on the month to date, that figure charted. */
  link: (metric: TargetRow['metric']) => Finding['link'],
): Array<Omit<Finding, 'rank'> & { score: number }> {
  if (!progress || progress.days_elapsed < JUDGED_FROM_DAY) return [];
  return progress.targets.flatMap((row) => {
    const f = finding(row, progress, link(row.metric));
    return f ? [f] : [];
  });
}

function finding(row: TargetRow, p: TargetProgress, link: Finding['link']): (Omit<Finding, 'rank'> & { score: number }) | null {
  if (row.pace === null || row.share === null || row.actual === null) return null;
  const behind = row.pace < 0.9;
  if (!behind && row.pace < 1.1) return null;
  const amount = (v: number) =>
    row.metric === 'gmv' ? v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : v.toLocaleString('en-US');
  const name = NAMES[row.metric];
  const left = p.days_in_month - p.days_elapsed;
  const state = behind ? { en: 'behind', zh: '落后于' } : { en: 'ahead of', zh: '领先于' };
  const reached = {
    en: `${pct(row.share)} of ${amount(row.target)} reached with ${p.days_elapsed} of ${p.days_in_month} days gone (pace ${row.pace.toFixed(2)})`,
    zh: `已完成${pct(row.share)}（目标${amount(row.target)}），已过${p.days_elapsed}/${p.days_in_month}天（时间进度比${row.pace.toFixed(2)}）`,
  };
  const rest =
    left > 0 && row.needed_per_day
      ? {
          en: `; ${amount(row.needed_per_day)} a day is needed for the remaining ${left} days`,
          zh: `，剩余${left}天日均需${amount(row.needed_per_day)}`,
        }
      : { en: '', zh: '' };
  return {
    kind: 'target',
    severity: behind ? (row.pace < 0.75 ? 'red' : 'amber') : 'info',
    metric: `${row.metric}_target`,
    text: {
      en: `${name.en} ${state.en} ${p.month}'s target: ${reached.en}${rest.en}.`,
      zh: `${name.zh}${state.zh}${p.month}目标：${reached.zh}${rest.zh}。`,
    },
    numbers: {
      month: p.month,
      target: row.target,
      actual: row.actual,
      share: row.share,
      pace: row.pace,
      needed_per_day: row.needed_per_day,
      days_elapsed: p.days_elapsed,
      days_in_month: p.days_in_month,
    },
    link,
    // Behind ranks among the figures off their usual range (100 + |z|); ahead among the good news.
    score: behind ? 100 + (1 - row.pace) * 10 : 10 + (row.pace - 1) * 10,
  };
}
