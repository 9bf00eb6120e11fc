/** The in-store paths page's chart: steps at their positions as Sankey nodes, flows as links. */
import type { PathsResult } from '../api/types';

/**
 * A step as people read it: an event by its name, a page view with its page ("Page view: home"),
 * the folded steps as "(other)" in the page language.
 */
export function stepLabel(step: string, eventName: (code: string) => string, other: string): string {
  if (step === '(other)') return other;
  if (step.startsWith('page_view:')) return `${eventName('page_view')}: ${step.slice('page_view:'.length)}`;
  return eventName(step);
}

/**
 * Sankey data: a node per (position, step) — ids carry the position, so a step met again later is
 * a new node and the graph has no cycles — and a link per flow. Flows and steps of fewer than
 * `minSessions` sessions are left out of the chart (the tables keep them): a hundred hairlines
 * would hide the paths that matter.
 */
export function sankeyData(r: Pick<PathsResult, 'nodes' | 'flows'>, label: (step: string) => string, minSessions = 0) {
  const id = (position: number, step: string) => `${position}\u00a0${step}`;
  const links = r.flows
    .filter((f) => f.sessions >= minSessions)
    .map((f) => ({ source: id(f.position, f.from_step), target: id(f.position + 1, f.to_step), value: f.sessions }));
  const linked = new Set(links.flatMap((l) => [l.source, l.target]));
  return {
    data: r.nodes
      .filter((n) => n.sessions >= minSessions && (n.position === 1 || linked.has(id(n.position, n.step))))
      // value sizes the bar by its sessions, so the part without an outgoing flow shows who left there.
      .map((n) => ({
        name: id(n.position, n.step),
        depth: n.position - 1,
        value: n.sessions,
        label: label(n.step),
        sessions: n.sessions,
        exits: n.exits,
      })),
    links,
  };
}
