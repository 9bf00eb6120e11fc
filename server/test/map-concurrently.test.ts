/** mapConcurrently: results in the items' order, never more than `limit` calls at once. */
import { describe, expect, it } from 'vitest';
import { mapConcurrently } from '../src/analyses/map-concurrently.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('mapConcurrently', () => {
  it('keeps the items’ order whatever order the calls finish in, with at most `limit` running', async () => {
    let running = 0;
    let most = 0;
    const out = await mapConcurrently([5, 1, 4, 2, 3, 0], 2, async (n, i) => {
      running++;
      most = Math.max(most, running);
      for (let k = 0; k < n; k++) await tick();
      running--;
      return `${i}:${n * 10}`;
    });
    expect(out).toEqual(['0:50', '1:10', '2:40', '3:20', '4:30', '5:0']);
    expect(most).toBe(2);
  });

  it('runs one at a time with a limit of 1 (or less), and nothing for no items', async () => {
    const order: number[] = [];
    await mapConcurrently([3, 1, 2], 0, async (n) => {
      await tick();
      order.push(n);
    });
    expect(order).toEqual([3, 1, 2]);
    expect(await mapConcurrently([], 4, async () => 1)).toEqual([]);
  });

  it('rejects with the first failure', async () => {
    await expect(
      mapConcurrently([1, 2, 3], 2, async (n) => {
        if (n === 2) throw new Error('shop 2 failed');
        return n;
      }),
    ).rejects.toThrow('shop 2 failed');
  });
});
