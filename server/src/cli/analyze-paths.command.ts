/** `storelens analyze paths`: the same in-store paths as GET .../analyses/paths. */
import type { Command } from 'commander';
import { PATH_DEPTH, PATH_TOP, type PathsResult, paths } from '../analyses/paths.analysis.js';
import { type AnalysisFlags, addOutputFlags, analysisCommand, asRows, type CompareFlags, runRangedAnalysis } from './analysis-command.js';
import { type FilterFlags, filtersFromFlags } from './filter-flags.js';

const TABLES = ['entries', 'exits', 'flows'] as const;

/** A whole number within bounds, or an error naming the flag. */
function boundedInt(flag: string, text: string, bounds: { min: number; max: number }): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < bounds.min || n > bounds.max)
    throw new Error(`--${flag} ${text} must be a whole number from ${bounds.min} to ${bounds.max}`);
  return n;
}

export function registerAnalyzePaths(analyze: Command): void {
  addOutputFlags(
    analysisCommand(analyze, 'paths', 'In-store paths: where sessions enter, how they move between steps, and where they leave')
      .option('--show <table>', TABLES.join(' | '), 'entries')
      .option('--depth <n>', `steps followed from the entry (${PATH_DEPTH.min}-${PATH_DEPTH.max})`, String(PATH_DEPTH.default))
      .option('--top <n>', `steps named, the rest being (other) (${PATH_TOP.min}-${PATH_TOP.max})`, String(PATH_TOP.default))
      .option('--start <step>', 'begin each path at the session’s first event of this step (e.g. add_to_cart, page_view:home)'),
    { json: 'print the full result as JSON (entries, exits, nodes, flows)', csv: 'print the table chosen with --show as CSV' },
  ).action(async (opts: AnalysisFlags & CompareFlags & FilterFlags & { show: string; depth: string; top: string; start?: string }) => {
    if (!(TABLES as readonly string[]).includes(opts.show)) throw new Error(`--show ${opts.show} is not one of ${TABLES.join(', ')}`);
    const options = { depth: boundedInt('depth', opts.depth, PATH_DEPTH), top: boundedInt('top', opts.top, PATH_TOP), start: opts.start };
    await runRangedAnalysis<PathsResult>(
      'paths',
      opts,
      (scope, shop, range, sameRowsAs) => paths(scope, shop, range, { ...options, steps: sameRowsAs?.named_steps }, filtersFromFlags(opts)),
      (result) => ({
        rows: asRows(result[opts.show as (typeof TABLES)[number]]),
        note: `${result.sessions} sessions${result.start ? ` from their first ${result.start}` : ''}, ${result.from}..${result.to}; steps outside the top ${result.top} are (other)`,
      }),
      { sameRows: true },
    );
  });
}
