/**
 * In-store paths (店内路径): how sessions move through the shop — where they enter, which step
 * leads to which over the first few steps, and where they leave. The SQL ranks the steps
 * (sql/queries/paths-top-steps.sql), then groups the period's sessions by the path they took
 * (paths-sessions.sql); this derives the tables from those groups.
 */
import { loadQueryText, type ShopScope } from '@storelens/sql';
import type { Shop } from '../metadata/index.js';
import { type AnalysisFilters, activeFilters, filteredSql } from './filters.js';
import { definitionsOf, type MetricDefinition } from './metrics-catalogue.js';
import { ratio } from './rounding.js';

export const PATH_DEPTH = { min: 2, max: 8, default: 4 } as const;
export const PATH_TOP = { min: 2, max: 30, default: 10 } as const;
/** The name the steps outside the top N share. */
export const OTHER = '(other)';

/** Sessions that took one kind of path, as the SQL groups them. */
export interface PathGroup {
  /** The first `depth` steps. */
  head: string[];
  /** The path has more steps than `depth`. */
  continues: boolean;
  last_step: string;
  /** Every step the path visited, each once. */
  visited: string[];
  /** The session had exactly one event. */
  bounce: boolean;
  /** The session had an order_paid event. */
  paid: boolean;
  sessions: number;
}

export interface PathEntry {
  step: string;
  sessions: number;
  session_share: number | null;
  bounce_sessions: number;
  bounce_rate: number | null;
  paid_sessions: number;
  session_conversion: number | null;
}

export interface PathExit {
  step: string;
  sessions_through: number;
  exits: number;
  exit_rate: number | null;
}

/** One step at one position of the paths (1 = where sessions enter). */
export interface PathNode {
  position: number;
  step: string;
  sessions: number;
  /** Sessions whose path ends here. */
  exits: number;
}

/** Sessions going from one step at `position` to another at the next position. */
export interface PathFlow {
  position: number;
  from_step: string;
  to_step: string;
  sessions: number;
}

export interface PathTables {
  sessions: number;
  entries: PathEntry[];
  exits: PathExit[];
  nodes: PathNode[];
  flows: PathFlow[];
}

export interface PathsResult extends PathTables {
  shop: string;
  from: string;
  to: string;
  filters: AnalysisFilters;
  depth: number;
  top: number;
  /** The step the paths begin at (the session's first event of it), or null for the whole session. */
  start: string | null;
  /** The steps named (the top N by events, most first); every other is (other). */
  named_steps: string[];
  definitions: Record<string, MetricDefinition>;
}

const bySessions =
  <T extends { sessions: number }>(key: (x: T) => string) =>
  (a: T, b: T) =>
    b.sessions - a.sessions || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** Entries, exits, nodes and flows from the path groups (pure: tested on hand-made groups). */
export function pathTables(groups: readonly PathGroup[]): PathTables {
  let total = 0;
  const entries = new Map<string, { sessions: number; bounce: number; paid: number }>();
  const through = new Map<string, number>();
  const ended = new Map<string, number>();
  const nodes = new Map<string, PathNode>();
  const flows = new Map<string, PathFlow>();
  for (const g of groups) {
    const n = g.sessions;
    total += n;
    const first = g.head[0];
    if (first === undefined) continue;
    const entry = entries.get(first) ?? { sessions: 0, bounce: 0, paid: 0 };
    entry.sessions += n;
    if (g.bounce) entry.bounce += n;
    if (g.paid) entry.paid += n;
    entries.set(first, entry);
    for (const step of g.visited) through.set(step, (through.get(step) ?? 0) + n);
    ended.set(g.last_step, (ended.get(g.last_step) ?? 0) + n);
    g.head.forEach((step, i) => {
      const key = `${i + 1}\u0000${step}`;
      const node = nodes.get(key) ?? { position: i + 1, step, sessions: 0, exits: 0 };
      node.sessions += n;
      if (i === g.head.length - 1 && !g.continues) node.exits += n;
      nodes.set(key, node);
      const next = g.head[i + 1];
      if (next === undefined) return;
      const fkey = `${key}\u0000${next}`;
      const flow = flows.get(fkey) ?? { position: i + 1, from_step: step, to_step: next, sessions: 0 };
      flow.sessions += n;
      flows.set(fkey, flow);
    });
  }
  return {
    sessions: total,
    entries: [...entries]
      .map(([step, e]) => ({
        step,
        sessions: e.sessions,
        session_share: ratio(e.sessions, total),
        bounce_sessions: e.bounce,
        bounce_rate: ratio(e.bounce, e.sessions),
        paid_sessions: e.paid,
        session_conversion: ratio(e.paid, e.sessions),
      }))
      .sort(bySessions((e) => e.step)),
    exits: [...through]
      .map(([step, n]) => ({ step, sessions_through: n, exits: ended.get(step) ?? 0, exit_rate: ratio(ended.get(step) ?? 0, n) }))
      .sort((a, b) => b.sessions_through - a.sessions_through || (a.step < b.step ? -1 : 1)),
    nodes: [...nodes.values()].sort((a, b) => a.position - b.position || bySessions<PathNode>((x) => x.step)(a, b)),
    flows: [...flows.values()].sort(
      (a, b) => a.position - b.position || bySessions<PathFlow>((x) => `${x.from_step}\u0000${x.to_step}`)(a, b),
    ),
  };
}

export async function paths(
  scope: ShopScope,
  shop: Shop,
  range: { from: string; to: string },
  options: {
    depth?: number;
    top?: number;
    start?: string;
    /** Name these steps instead of the period's top ones (a comparison period asked for the current period's). */
    steps?: string[];
  } = {},
  filters: AnalysisFilters = {},
): Promise<PathsResult> {
  const depth = options.depth ?? PATH_DEPTH.default;
  const top = options.top ?? PATH_TOP.default;
  const params = { from: range.from, to: range.to, depth, top };
  const topQuery = filteredSql(loadQueryText('paths-top-steps'), filters, shop, range.from);
  const ranked =
    options.steps ??
    (await scope.rows<{ step: string }>(topQuery.sql, { ...topQuery.params, ...params }, { purpose: 'analysis.paths.steps' })).map(
      (r) => r.step,
    );
  // Numbered in name order, so the SQL's order of same-instant events is their names' order.
  // A start step is always named, even when fewer events than the top N have it.
  const named = [...ranked];
  if (options.start && !named.includes(options.start)) named.push(options.start);
  const steps = named.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const start = options.start ? steps.indexOf(options.start) + 1 : 0;
  const nameOf = (code: unknown) => (Number(code) === 0 ? OTHER : (steps[Number(code) - 1] ?? OTHER));
  const q = filteredSql(loadQueryText('paths-sessions'), filters, shop, range.from);
  const rows = await scope.rows<
    { head: unknown[] } & Record<'continues' | 'last_step' | 'visited' | 'bounce' | 'paid' | 'sessions', unknown>
  >(q.sql, { ...q.params, ...params, steps, start }, { purpose: 'analysis.paths' });
  const groups = rows.map(
    (r): PathGroup => ({
      head: r.head.map(nameOf),
      continues: Boolean(Number(r.continues)),
      last_step: nameOf(r.last_step),
      // A bit per step code visited (codes 0 to 31: at most 30 named, a start step, and 0 for (other)).
      visited: Array.from({ length: steps.length + 1 }, (_, code) => code)
        .filter((code) => Math.floor(Number(r.visited) / 2 ** code) % 2 === 1)
        .map(nameOf),
      bounce: Boolean(Number(r.bounce)),
      paid: Boolean(Number(r.paid)),
      sessions: Number(r.sessions),
    }),
  );
  return {
    shop: shop.slug,
    from: range.from,
    to: range.to,
    filters: activeFilters(filters),
    depth,
    top,
    start: options.start ?? null,
    named_steps: ranked,
    ...pathTables(groups),
    definitions: definitionsOf([
      'path_step',
      'sessions',
      'session_share',
      'bounce_sessions',
      'bounce_rate',
      'paid_sessions',
      'session_conversion',
      'sessions_through',
      'exits',
      'exit_rate',
    ]),
  };
}
