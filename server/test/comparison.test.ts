/** The comparison period of a ranged analysis: the period before, the same days a year before, or days given. */
import { describe, expect, it } from 'vitest';
import { aYearBefore, comparisonPeriod } from '../src/analyses/comparison.js';
import type { Shop } from '../src/metadata/index.js';

const shop = { time_zone: 'Asia/Shanghai' } as Shop;
const range = { from: '2026-11-07', to: '2026-11-20' };

describe('comparisonPeriod', () => {
  it('is the period of the same length before, the same days a year before, or the days given (which win)', () => {
    expect(comparisonPeriod(shop, range, { compare: 'previous' }, 'none')).toEqual({ from: '2026-10-24', to: '2026-11-06' });
    expect(comparisonPeriod(shop, range, { compare: 'year' }, 'none')).toEqual({ from: '2025-11-07', to: '2025-11-20' });
    expect(comparisonPeriod(shop, range, { compare: 'none' }, 'previous')).toBeNull();
    expect(comparisonPeriod(shop, range, {}, 'previous')).toEqual({ from: '2026-10-24', to: '2026-11-06' });
    expect(comparisonPeriod(shop, range, { compare: 'year', compare_from: '2026-01-01', compare_to: '2026-01-14' }, 'none')).toEqual({
      from: '2026-01-01',
      to: '2026-01-14',
    });
  });

  it('takes a year off the calendar date; 29 February becomes the 28th', () => {
    expect(aYearBefore('2026-03-01')).toBe('2025-03-01');
    expect(aYearBefore('2028-02-29')).toBe('2027-02-28');
    expect(aYearBefore('2029-02-28')).toBe('2028-02-28');
    expect(aYearBefore('2026-01-01')).toBe('2025-01-01');
    expect(aYearBefore('2026-12-31')).toBe('2025-12-31');
  });
});
