/** The GMV decomposition, worked by hand. */
import { describe, expect, it } from 'vitest';
import { allocateCents, shapley } from '../src/analyses/diagnostics/shapley.js';

describe('Shapley decomposition', () => {
  it('splits a two-factor change as the average of both orders', () => {
    // 10 × 2 = 20 → 12 × 3 = 36. x first: +2×2 = 4, then y: +12×1 = 12. y first: +10×1 = 10, then x: +2×3 = 6.
    // x: (4 + 6) / 2 = 5; y: (12 + 10) / 2 = 11; total 16.
    expect(shapley([10, 2], [12, 3])).toEqual([5, 11]);
  });

  it('gives all of the change to the one factor that moved', () => {
    // UV 1000 → 500, conversion 0.02, AOV 100: GMV 2000 → 1000, all of it traffic.
    const [uv, cr, aov] = shapley([1000, 0.02, 100], [500, 0.02, 100]);
    expect(uv).toBeCloseTo(-1000, 9);
    expect(cr).toBeCloseTo(0, 9);
    expect(aov).toBeCloseTo(0, 9);
  });

  it('adds up exactly with three factors and handles a zero', () => {
    const before = [350, 0.08, 120];
    const after = [300, 0.1, 0];
    const parts = shapley(before, after);
    expect(parts.reduce((a, b) => a + b, 0)).toBeCloseTo(300 * 0.1 * 0 - 350 * 0.08 * 120, 9);
    // By hand for z (AOV), the only factor reaching zero: orders of the other two before it,
    // weights 1/3 (none before), 1/6 (one before, two ways), 1/3 (both before):
    // (1/3)(-120·350·0.08) + (1/6)(-120·300·0.08 - 120·350·0.1) + (1/3)(-120·300·0.1)
    const z = (1 / 3) * (-120 * 350 * 0.08) + (1 / 6) * (-120 * 300 * 0.08 - 120 * 350 * 0.1) + (1 / 3) * (-120 * 300 * 0.1);
    expect(parts[2]).toBeCloseTo(z, 9);
  });

  it('allocates cents so the parts add up to the total exactly', () => {
    expect(allocateCents([1.005, 2.005, -3.01], 0)).toEqual([1.01, 2.0, -3.01]);
    const parts = [10 / 3, 10 / 3, 10 / 3];
    const cents = allocateCents(parts, 1000);
    expect(cents.reduce((a, b) => a + b, 0)).toBeCloseTo(10, 9);
    expect(cents).toEqual([3.34, 3.33, 3.33]);
  });
});
