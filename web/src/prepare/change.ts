/**
 * A figure's change against the comparison period, as tables show it beside the figure. The
 * server gives the comparison period's rows; a row it does not have had none of that activity
 * then, so its counts and money were zero (a product first sold this week is "new"), while its
 * ratios were empty — never a made-up zero.
 */
export type Change = { kind: 'ratio'; ratio: number } | { kind: 'new' } | { kind: 'none' };

export function changeOf(now: number | null | undefined, before: number | null | undefined): Change {
  if (now === null || now === undefined || before === null || before === undefined) return { kind: 'none' };
  if (before === 0) return now === 0 ? { kind: 'ratio', ratio: 0 } : now > 0 ? { kind: 'new' } : { kind: 'none' };
  return { kind: 'ratio', ratio: (now - before) / Math.abs(before) };
}

/**
 * The change of `figure` for each row against the row with the same key among `earlier` (the
 * comparison period's rows). `additive` figures of a row missing there count as zero then; others
 * as unknown.
 */
export function rowChanges<T>(
  rows: T[],
  earlier: T[],
  keyOf: (row: T) => string,
  figure: (row: T) => number | null,
  additive: boolean,
): Map<string, Change> {
  const before = new Map(earlier.map((r) => [keyOf(r), figure(r)]));
  return new Map(rows.map((r) => [keyOf(r), changeOf(figure(r), before.has(keyOf(r)) ? before.get(keyOf(r)) : additive ? 0 : null)]));
}
