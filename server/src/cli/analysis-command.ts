/**
 * The frame every `storelens analyze` command shares: the same options (--shop, the date range,
 * --json, --csv), the same run (open the stores, find the shop, run the analysis on the shop's
 * scope) and the same output (the whole result as JSON, or its rows as a table or CSV with a
 * note underneath). Each command adds only its own options, call and rows.
 */
import type { ShopScope } from '@storelens/sql';
import type { Command } from 'commander';
import { type CompareParams, withComparison } from '../analyses/comparison.js';
import { dateRange } from '../analyses/overview.analysis.js';
import type { Shop } from '../metadata/index.js';
import { ShopsRepo } from '../metadata/index.js';
import type { Stores } from '../store/open-stores.js';
import { notice, outputFormat, printRows } from './output.js';
import { withStores } from './with-stores.js';

export interface AnalysisFlags {
  shop: string;
  from?: string;
  to?: string;
  json?: boolean;
  csv?: boolean;
}

/** The comparison flags of a ranged analysis (addCompareFlags). */
export interface CompareFlags {
  compare?: boolean;
  compareYear?: boolean;
  compareFrom?: string;
  compareTo?: string;
}

/** What a command prints without --json: rows, optionally in a column order, and a note (not with --csv). */
export interface PrintedRows {
  rows: readonly Record<string, unknown>[];
  columns?: string[];
  /** The columns of --csv when a file should hold more than a terminal's table shows (default: `columns`). */
  csvColumns?: string[];
  note?: string;
}

/** A subcommand with --shop and, unless `range: false`, --from/--to; --json and --csv come last (addOutputFlags). */
export function analysisCommand(
  parent: Command,
  name: string,
  description: string,
  help: { range?: boolean; from?: string; to?: string } = {},
): Command {
  const command = parent.command(name).description(description).requiredOption('--shop <slug>', 'shop');
  if (help.range === false) return command;
  return command
    .option('--from <date>', help.from ?? 'first day, YYYY-MM-DD (shop-local)')
    .option('--to <date>', help.to ?? 'last day, YYYY-MM-DD (shop-local)');
}

export function addOutputFlags(command: Command, help: { json?: string; csv?: string } = {}): Command {
  return command.option('--json', help.json ?? 'print JSON').option('--csv', help.csv ?? 'print CSV');
}

export async function runAnalysis<T>(
  command: string,
  opts: AnalysisFlags,
  // The stores too, for an analysis that reads the shop's metadata (its targets).
  run: (scope: ShopScope, shop: Shop, stores: Stores) => Promise<T>,
  print: (result: T, shop: Shop) => PrintedRows,
): Promise<void> {
  await withStores(`analyze ${command}`, async (stores) => {
    const shop = await new ShopsRepo(stores.metadata).getBySlug(opts.shop);
    const result = await run(stores.warehouse.forShop(shop.id), shop, stores);
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return;
    }
    const printed = print(result, shop);
    printRows(printed.rows, outputFormat(opts), (opts.csv && printed.csvColumns) || printed.columns);
    if (!opts.csv && printed.note) notice(printed.note);
  });
}

/** --compare, --compare-from and --compare-to, as the API's compare, compare_from and compare_to. */
export function addCompareFlags(command: Command): Command {
  return command
    .option('--compare', 'add the period of the same length before, under "comparison" (with --json)')
    .option('--compare-year', 'add the same days a year before instead (同比)')
    .option('--compare-from <date>', 'compare with the period from this day instead, YYYY-MM-DD (shop-local)')
    .option('--compare-to <date>', 'compare with the period up to this day instead, YYYY-MM-DD (shop-local)');
}

/** The comparison flags as the API's parameters; a day that is not one names its flag. */
export function compareParamsOf(opts: CompareFlags): CompareParams {
  for (const [flag, value] of [
    ['compare-from', opts.compareFrom],
    ['compare-to', opts.compareTo],
  ] as const)
    if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`--${flag} ${value} is not a date YYYY-MM-DD`);
  return {
    compare: opts.compareYear ? 'year' : opts.compare ? 'previous' : 'none',
    compare_from: opts.compareFrom,
    compare_to: opts.compareTo,
  };
}

/**
 * runAnalysis for an analysis over the --from/--to range that takes a comparison period like the
 * API does (withComparison, with `sameRows` for the analyses that keep only their top rows). The
 * comparison is part of the --json result; tables and CSV print the range's own rows.
 */
export async function runRangedAnalysis<T extends object>(
  command: string,
  opts: AnalysisFlags & CompareFlags,
  run: (scope: ShopScope, shop: Shop, range: { from: string; to: string }, sameRowsAs?: T) => Promise<T>,
  print: (result: T, shop: Shop) => PrintedRows,
  options: { sameRows?: boolean } = {},
): Promise<void> {
  const compare = compareParamsOf(opts);
  const compared = Boolean(opts.compare || opts.compareYear || opts.compareFrom || opts.compareTo);
  await runAnalysis<T>(
    command,
    opts,
    (scope, shop) =>
      withComparison<T>(
        shop,
        dateRange(shop, opts.from, opts.to),
        compare,
        'none',
        (range, same) => run(scope, shop, range, same),
        options,
      ),
    (result, shop) => {
      const printed = print(result, shop);
      if (!compared) return printed;
      const also = 'the comparison period is in the --json result';
      return { ...printed, note: printed.note ? `${printed.note}; ${also}` : also };
    },
  );
}

/** Rows of a typed result for printRows. */
export const asRows = (rows: readonly object[]): Record<string, unknown>[] => rows as Record<string, unknown>[];

/** --limit, checked: a whole number from 1 to `max`. */
export function limitFromFlag(value: string, max: number): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > max) throw new Error(`--limit ${value} must be a whole number from 1 to ${max}`);
  return limit;
}

/** --limit and --offset of a listing, checked: a page of 1 to `max` rows after `offset` skipped. */
export function pageFromFlags(opts: { limit: string; offset: string }, max: number): { limit: number; offset: number } {
  const limit = limitFromFlag(opts.limit, max);
  const offset = Number(opts.offset);
  if (!Number.isInteger(offset) || offset < 0) throw new Error(`--offset ${opts.offset} is not a whole number of 0 or more`);
  return { limit, offset };
}
