/** The diagnosis's finding on the month's targets, worked out by hand from the progress it is given. */
import { describe, expect, it } from 'vitest';
import { targetFindings } from '../src/analyses/diagnostics/target-finding.js';
import type { TargetProgress, TargetRow } from '../src/analyses/target-progress.js';

const link = (metric: string) => ({ page: `/overview?from=2026-11-01&to=2026-11-23&metric=${metric}`, api: '/api' });
const progress = (days: number, rows: Array<Partial<TargetRow>>): TargetProgress => ({
  shop: 'tea',
  month: '2026-11',
  days_in_month: 30,
  days_elapsed: days,
  through: `2026-11-${String(days).padStart(2, '0')}`,
  targets: rows.map((r) => ({
    metric: 'gmv',
    target: 2_000_000,
    actual: 0,
    share: 0,
    pace: 0,
    projected: 0,
    needed_per_day: null,
    ...r,
  })),
  definitions: {},
});

describe('the finding on a month’s targets', () => {
  it('says how far behind, and what each remaining day must bring', () => {
    // 841,538.99 of 2,000,000 after 23 of 30 days: 42.1 %, pace 0.55 (below 0.75: red).
    const [f] = targetFindings(progress(23, [{ actual: 841_538.99, share: 0.4208, pace: 0.55, needed_per_day: 165_494.43 }]), link);
    expect(f).toMatchObject({ kind: 'target', severity: 'red', metric: 'gmv_target', link: link('gmv') });
    expect(f?.text.en).toBe(
      "Payment amount is behind 2026-11's target: 42.1% of 2,000,000.00 reached with 23 of 30 days gone (pace 0.55); 165,494.43 a day is needed for the remaining 7 days.",
    );
    expect(f?.text.zh).toBe(
      '支付金额落后于2026-11目标：已完成42.1%（目标2,000,000.00），已过23/30天（时间进度比0.55），剩余7天日均需165,494.43。',
    );
  });

  it('amber a little behind, nothing on pace, info ahead; orders in whole numbers', () => {
    const one = (pace: number) =>
      targetFindings(progress(10, [{ metric: 'paid_orders', target: 3000, actual: 900, share: 0.3, pace }]), link);
    expect(one(0.85)[0]?.severity).toBe('amber');
    expect(one(0.75)[0]?.severity).toBe('amber');
    expect(one(0.74)[0]?.severity).toBe('red');
    expect(one(0.9)).toEqual([]);
    expect(one(1.09)).toEqual([]);
    const ahead = one(1.1)[0];
    expect(ahead?.severity).toBe('info');
    expect(ahead?.text.en).toBe("Paid orders are ahead of 2026-11's target: 30.0% of 3,000 reached with 10 of 30 days gone (pace 1.10).");
  });

  it('keeps quiet in the month’s first four days, and has no daily need once the month is over', () => {
    expect(targetFindings(progress(4, [{ actual: 10, share: 0.01, pace: 0.08 }]), link)).toEqual([]);
    expect(targetFindings(progress(5, [{ actual: 10, share: 0.01, pace: 0.06 }]), link)).toHaveLength(1);
    const [over] = targetFindings(progress(30, [{ actual: 1_500_000, share: 0.75, pace: 0.75, needed_per_day: null }]), link);
    expect(over?.text.en).toBe(
      "Payment amount is behind 2026-11's target: 75.0% of 2,000,000.00 reached with 30 of 30 days gone (pace 0.75).",
    );
  });
});
