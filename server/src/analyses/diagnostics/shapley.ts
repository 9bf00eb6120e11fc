/**
 * Exact decomposition of the change of a product of factors (GMV = UV × conversion × AOV) into
 * one contribution per factor, by the Shapley value: each factor's contribution is its marginal
 * effect averaged over every order in which the factors could change. The contributions add up
 * to the total change exactly, and unlike log-mean Divisia it works when a factor is zero.
 * Money is then allocated to the cent so that the cents add up too (largest remainder).
 */

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

/** Contributions of each factor to prod(after) − prod(before). */
export function shapley(before: readonly number[], after: readonly number[]): number[] {
  const n = before.length;
  if (after.length !== n) throw new Error('shapley: factor lists differ in length');
  const product = (changed: number): number => {
    let p = 1;
    for (let i = 0; i < n; i++) p *= changed & (1 << i) ? (after[i] as number) : (before[i] as number);
    return p;
  };
  return Array.from({ length: n }, (_, i) => {
    let sum = 0;
    // Every set S of other factors already changed: weight |S|! (n − |S| − 1)! / n!.
    for (let s = 0; s < 1 << n; s++) {
      if (s & (1 << i)) continue;
      let size = 0;
      for (let k = 0; k < n; k++) if (s & (1 << k)) size++;
      const weight = (factorial(size) * factorial(n - size - 1)) / factorial(n);
      sum += weight * (product(s | (1 << i)) - product(s));
    }
    return sum;
  });
}

/**
 * Rounds `parts` to whole cents so that they add up to exactly `totalCents` (an integer):
 * each part gets its floor, and the remaining cents go to the parts with the largest remainders
 * (ties: the earlier part).
 */
export function allocateCents(parts: readonly number[], totalCents: number): number[] {
  // Read back at 12 significant digits: 1.005 × 100 is 100.49999999999999 in binary floating point.
  const scaled = parts.map((p) => Number((p * 100).toPrecision(12)));
  const floors = scaled.map((x) => Math.floor(x));
  let left = totalCents - floors.reduce((a, b) => a + b, 0);
  const order = scaled.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  const out = [...floors];
  // left is small (at most the number of parts, plus float noise) and may be negative.
  for (let k = 0; left !== 0 && order.length > 0; k = (k + 1) % order.length) {
    const idx = (order[k] as { i: number }).i;
    out[idx] = (out[idx] as number) + Math.sign(left);
    left -= Math.sign(left);
  }
  return out.map((c) => c / 100);
}
