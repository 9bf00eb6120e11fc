/**
 * The frame every `storelens analyze` command shares: the same options (--shop, the date range,
 * --json, --csv), the same run (open the stores, find the shop, run the analysis on the shop's
 * scope) and the same output (the whole result as JSON, or its rows as a table or CSV with a
 * note underneath). Each command adds only its own options, call and rows.
 */
import type { ShopScope } from '@storelens/sql';
import type { Command } from 'commander';
import type { Shop } from '../metadata/index.js';
import { ShopsRepo } from '../metadata/index.js';
import { notice, outputFormat, printRows } from './output.js';
import { withStores } from './with-stores.js';

export interface AnalysisFlags {
  shop: string;
  from?: string;
  to?: string;
  json?: boolean;
  csv?: boolean;
}

/** What a command prints without --json: rows, optionally in a column order, and a note (not with --csv). */
export interface PrintedRows {
  rows: readonly Record<string, unknown>[];
  columns?: string[];
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
  run: (scope: ShopScope, shop: Shop) => Promise<T>,
  print: (result: T, shop: Shop) => PrintedRows,
): Promise<void> {
  await withStores(`analyze ${command}`, async (stores) => {
    const shop = await new ShopsRepo(stores.metadata).getBySlug(opts.shop);
    const result = await run(stores.warehouse.forShop(shop.id), shop);
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return;
    }
    const printed = print(result, shop);
    printRows(printed.rows, outputFormat(opts), printed.columns);
    if (!opts.csv && printed.note) notice(printed.note);
  });
}

/** Rows of a typed result for printRows. */
export const asRows = (rows: readonly object[]): Record<string, unknown>[] => rows as Record<string, unknown>[];
