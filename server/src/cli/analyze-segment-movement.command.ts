/** `storelens analyze segment-movement`: the same RFM segment movement as GET .../analyses/segment-movement. */
import type { Command } from 'commander';
import { segmentMovement } from '../analyses/segment-movement.analysis.js';
import { type AnalysisFlags, addOutputFlags, analysisCommand, asRows, type CompareFlags, runRangedAnalysis } from './analysis-command.js';
import { type FilterFlags, filtersFromFlags } from './filter-flags.js';

export function registerAnalyzeSegmentMovement(analyze: Command): void {
  addOutputFlags(
    analysisCommand(
      analyze,
      'segment-movement',
      'How customers moved between RFM segments: the day before the range against its last day',
    ).option('--moves', 'print every (before, after) pair of segments instead of each segment’s flows'),
    { json: 'print the full result as JSON (segments and moves)', csv: 'print the segments’ flows (or, with --moves, the moves) as CSV' },
  ).action(async (opts: AnalysisFlags & CompareFlags & FilterFlags & { moves?: boolean }) => {
    await runRangedAnalysis(
      'segment-movement',
      opts,
      (scope, shop, range) => segmentMovement(scope, shop, range, filtersFromFlags(opts)),
      (result) => ({
        rows: asRows(opts.moves ? result.moves : result.segments),
        note: `segments as of ${result.before} → ${result.at}: ${result.customers_before} customers scored before, ${result.customers_after} after, ${result.new_customers} with a first paid order in the range (segment "none" before)`,
      }),
    );
  });
}
