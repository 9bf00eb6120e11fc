/**
 * Which measures the chosen dimensions cannot split, so the Datasets page offers only tables the
 * API will build: a measure is split by a dimension only when the dimension splits every side the
 * measure is counted on (the catalogue's `sides`: an order's payment is one per order, so a
 * product category, which an order holds several of, splits the goods measures, not it).
 */
export interface CatalogueSides {
  measures: Record<string, string[]>;
  dimensions: Record<string, string[]>;
}

/** Measure → the first chosen dimension that cannot split it (measures every choice splits are absent). */
export function blockedMeasures(sides: CatalogueSides | undefined, dimensions: string[]): Map<string, string> {
  const blocked = new Map<string, string>();
  if (!sides) return blocked;
  for (const [measure, measureSides] of Object.entries(sides.measures)) {
    const blocker = dimensions.find((d) => measureSides.some((side) => !(sides.dimensions[d] ?? []).includes(side)));
    if (blocker) blocked.set(measure, blocker);
  }
  return blocked;
}

/** The measure groups the page shows, in this order: where a measure is counted ("mixed": a ratio across two sides). */
const GROUPS = ['events', 'orders', 'lines', 'mixed'] as const;
export type MeasureGroup = (typeof GROUPS)[number];

/** The catalogue's measures grouped by where they are counted, each group in the catalogue's order; empty groups left out. */
export function measureGroups(
  catalogue: { measures: Record<string, unknown>; sides: CatalogueSides } | undefined,
): Array<{ group: MeasureGroup; names: string[] }> {
  if (!catalogue) return [];
  const groupOf = (name: string): MeasureGroup => {
    const sides = catalogue.sides.measures[name] ?? [];
    return sides.length === 1 ? (sides[0] as MeasureGroup) : 'mixed';
  };
  return GROUPS.map((group) => ({ group, names: Object.keys(catalogue.measures).filter((n) => groupOf(n) === group) })).filter(
    (g) => g.names.length > 0,
  );
}
