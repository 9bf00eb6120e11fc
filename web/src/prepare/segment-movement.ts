/**
 * The segment movement heatmap's cells: segments before the range down the side (those with no
 * order yet first), segments on its last day across, one cell per pair with its customers. Pairs
 * nobody made are zero cells, so the grid is whole; the "none" column appears only if somebody
 * was scored before and not after (an order since changed), which is rare.
 */
export interface MoveLike {
  from_segment: string;
  to_segment: string;
  customers: number;
}

export interface MovementGrid {
  /** Row names, top to bottom: "none" then the segments. */
  before: string[];
  /** Column names, left to right: the segments (then "none" when needed). */
  after: string[];
  /** [column, row, customers] as ECharts' heatmap takes them. */
  cells: Array<[number, number, number]>;
}

export function movementGrid(segments: string[], moves: MoveLike[]): MovementGrid {
  const before = ['none', ...segments];
  const after = moves.some((m) => m.to_segment === 'none') ? [...segments, 'none'] : [...segments];
  const count = new Map(moves.map((m) => [`${m.from_segment}>${m.to_segment}`, m.customers]));
  const cells: MovementGrid['cells'] = [];
  before.forEach((b, row) => {
    after.forEach((a, column) => {
      cells.push([column, row, count.get(`${b}>${a}`) ?? 0]);
    });
  });
  return { before, after, cells };
}

/**
 * The largest moves between two different segments (where a customer is now is a segment, not
 * "none"), most customers first, ties in the grid's order: the shifts to read, or act on, first.
 */
export function largestMoves(segments: string[], moves: MoveLike[], n: number): MoveLike[] {
  const order = ['none', ...segments];
  return moves
    .filter((m) => m.from_segment !== m.to_segment && m.to_segment !== 'none' && m.customers > 0)
    .sort(
      (a, b) =>
        b.customers - a.customers ||
        order.indexOf(a.from_segment) - order.indexOf(b.from_segment) ||
        order.indexOf(a.to_segment) - order.indexOf(b.to_segment),
    )
    .slice(0, n);
}
