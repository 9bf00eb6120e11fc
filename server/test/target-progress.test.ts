/** Monthly targets' progress, worked out by hand: days elapsed, share, pace, projection, what each remaining day needs. */
import { describe, expect, it } from 'vitest';
import { elapsed, monthDays, progressOf } from '../src/analyses/target-progress.js';

describe('a month to date', () => {
  it('counts complete days only: today is not over', () => {
    expect(monthDays('2026-11')).toBe(30);
    expect(monthDays('2028-02')).toBe(29);
    expect(monthDays('2026-02')).toBe(28);
    expect(elapsed('2026-11', '2026-11-24')).toEqual({ days: 23, through: '2026-11-23' });
    // On the 1st nothing of the month is complete; a month not begun neither.
    expect(elapsed('2026-11', '2026-11-01')).toEqual({ days: 0, through: null });
    expect(elapsed('2026-12', '2026-11-24')).toEqual({ days: 0, through: null });
    // A month over: all its days, through its last, also on the 1st of the next.
    expect(elapsed('2026-10', '2026-11-01')).toEqual({ days: 31, through: '2026-10-31' });
    expect(elapsed('2026-02', '2027-06-15')).toEqual({ days: 28, through: '2026-02-28' });
  });
});

describe('a target’s progress', () => {
  it('mid-month and ahead: 12,000 of 30,000 after 10 of 30 days', () => {
    // share 0.4; a third of the month gone, so pace 0.4 / (1/3) = 1.2; 1,200 a day → 36,000;
    // 18,000 left over 20 days → 900 a day.
    expect(progressOf('gmv', 30_000, 12_000, 10, 30)).toEqual({
      metric: 'gmv',
      target: 30_000,
      actual: 12_000,
      share: 0.4,
      pace: 1.2,
      projected: 36_000,
      needed_per_day: 900,
    });
  });

  it('behind, in cents: 1,000.10 of 10,000 after 7 of 31 days', () => {
    // share 0.10001 → 0.1; pace 0.10001 × 31 / 7 = 0.4429 → 0.44; projected 1,000.10 × 31 / 7 = 31,003.1 / 7 = 4,429.0143 → 4,429.01;
    // (10,000 − 1,000.10) / 24 = 374.9958 → 375.00.
    expect(progressOf('gmv', 10_000, 1000.1, 7, 31)).toMatchObject({ share: 0.1, pace: 0.44, projected: 4429.01, needed_per_day: 375 });
  });

  it('past the target: nothing more needed; orders per day to two decimals', () => {
    expect(progressOf('paid_orders', 100, 130, 20, 30)).toMatchObject({ share: 1.3, pace: 1.95, projected: 195, needed_per_day: 0 });
    // 100 − 40 = 60 orders over 9 days: 6.666… → 6.67.
    expect(progressOf('paid_orders', 100, 40, 21, 30)).toMatchObject({ projected: 57.14, needed_per_day: 6.67 });
  });

  it('a month over: its own total, nothing needed; a month not begun: nothing yet', () => {
    expect(progressOf('gmv', 50_000, 41_234.5, 31, 31)).toEqual({
      metric: 'gmv',
      target: 50_000,
      actual: 41_234.5,
      share: 0.8247,
      pace: 0.82,
      projected: 41_234.5,
      needed_per_day: null,
    });
    expect(progressOf('gmv', 50_000, null, 0, 30)).toEqual({
      metric: 'gmv',
      target: 50_000,
      actual: null,
      share: null,
      pace: null,
      projected: null,
      needed_per_day: null,
    });
  });
});
