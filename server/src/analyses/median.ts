/**
 * The median of a list of numbers (of an even count, the mean of the middle two), found by
 * selection instead of sorting: linear on average. A big shop's funnel has ~300k step-to-step
 * times per step, more with a breakdown; sorting them was ~15 % of its server-side time.
 */
export function median(values: readonly number[]): number | null {
  const n = values.length;
  if (n === 0) return null;
  const a = Float64Array.from(values);
  const mid = n >> 1;
  selectNth(a, mid);
  const upper = a[mid] as number;
  if (n % 2 === 1) return upper;
  // Everything before `mid` is now no greater than a[mid]: the lower middle is their maximum.
  let lower = a[0] as number;
  for (let i = 1; i < mid; i++) if ((a[i] as number) > lower) lower = a[i] as number;
  return (lower + upper) / 2;
}

/**
 * Rearranges `a` so that a[k] holds the value it would hold sorted, with no greater value before
 * it and no smaller one after (Hoare's selection, median-of-three pivot: sorted, reversed and
 * constant inputs stay linear).
 */
function selectNth(a: Float64Array, k: number): void {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const pivot = medianOfThree(a[lo] as number, a[(lo + hi) >> 1] as number, a[hi] as number);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    // Now a[lo..j] <= pivot <= a[i..hi], and anything between j and i equals the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function medianOfThree(x: number, y: number, z: number): number {
  return x < y ? Math.max(x, Math.min(y, z)) : Math.max(y, Math.min(x, z));
}

/** The median of a multiset given as value → count (mean of the two middle values when even). */
export function medianOf(counts: Array<[number, number]>): number | null {
  const sorted = [...counts].sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((a, [, c]) => a + c, 0);
  if (total === 0) return null;
  const at = (k: number) => {
    let seen = 0;
    for (const [v, c] of sorted) {
      seen += c;
      if (k < seen) return v;
    }
    return Number.NaN;
  };
  return total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}
