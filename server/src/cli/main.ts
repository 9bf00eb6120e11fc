#!/usr/bin/env node
/**
 * The `storelens` command line. Each subcommand lives in its own file; this one wires them up and
 * turns known errors into one clear line and an exit code instead of a stack trace.
 */
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.js';
import { STORELENS_VERSION } from '../version.js';
import { registerAnalyze } from './analyze.command.js';
import { registerBackup } from './backup.command.js';
import { registerDiagnose } from './diagnose.command.js';
import { registerExport } from './export.command.js';
import { registerFixtures } from './fixtures.command.js';
import { registerImport } from './import.command.js';
import { registerKeys } from './keys.command.js';
import { registerMarks } from './marks.command.js';
import { registerMigrate } from './migrate.command.js';
import { registerRejects } from './rejects.command.js';
import { registerServe } from './serve.command.js';
import { registerShops } from './shops.command.js';
import { registerSources } from './sources.command.js';
import { registerUsers } from './users.command.js';

export const EXIT = { usage: 2, busy: 3, failed: 1 } as const;

export function buildProgram(): Command {
  const program = new Command('storelens')
    .description('Storelens: self-hostable analytics for e-commerce merchants')
    .version(STORELENS_VERSION)
    .showHelpAfterError('(run with --help for usage)');
  registerServe(program);
  registerMigrate(program);
  registerShops(program);
  registerBackup(program);
  registerFixtures(program);
  registerImport(program);
  registerRejects(program);
  registerKeys(program);
  registerMarks(program);
  registerSources(program);
  registerUsers(program);
  registerAnalyze(program);
  registerDiagnose(program);
  registerExport(program);
  return program;
}

function report(error: unknown): number {
  const e = error as { code?: string; statusCode?: number; message?: string };
  if (error instanceof CommanderError) return error.exitCode;
  if (e?.code === 'STORE_BUSY') {
    process.stderr.write(`storelens: ${e.message}\n`);
    return EXIT.busy;
  }
  if (error instanceof ConfigError || (typeof e?.statusCode === 'number' && e.statusCode < 500)) {
    process.stderr.write(`storelens: ${e.message}\n`);
    return EXIT.usage;
  }
  process.stderr.write(`storelens: ${e?.message ?? String(error)}\n`);
  if (process.env.STORELENS_DEBUG) console.error(error);
  return EXIT.failed;
}

const invokedDirectly = process.argv[1] && /cli[/\\]main\.(ts|js)$/.test(process.argv[1]);
if (invokedDirectly) {
  buildProgram()
    .exitOverride()
    .parseAsync(process.argv)
    .catch((error: unknown) => {
      process.exitCode = report(error);
    });
}
