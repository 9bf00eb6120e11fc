/** The selection median against the plain definition: sort, take the middle (or the middle two's mean). */
import { describe, expect, it } from 'vitest';
import { median } from '../src/analyses/median.js';
import { rng } from './random.js';

function sortedMedian(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

describe('median', () => {
  it('works out small cases by hand', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([3, 1])).toBe(2);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([0, 0, 0, 60_000])).toBe(0);
  });

  it('equals sort-and-take-the-middle on random, sorted, reversed and constant lists', () => {
    const r = rng(2026);
    const lists: number[][] = [];
    for (let n = 1; n <= 60; n++) {
      lists.push(Array.from({ length: n }, () => r.int(0, 5) * 1000)); // many ties
      lists.push(Array.from({ length: n }, () => r.int(-1_000_000, 1_000_000) / 7));
    }
    const big = Array.from({ length: 100_001 }, () => r.int(0, 86_400_000));
    lists.push(
      big,
      [...big].sort((a, b) => a - b),
      [...big].sort((a, b) => b - a),
      Array(50_000).fill(42),
      big.slice(1),
    );
    for (const xs of lists) {
      const copy = [...xs];
      expect(median(xs), `n=${xs.length}`).toBe(sortedMedian(xs));
      expect(xs, 'the input is left as it was').toEqual(copy);
    }
  });
});
