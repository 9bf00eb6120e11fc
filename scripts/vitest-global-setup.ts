/**
 * Test-run setup: starts a throw-away PostgreSQL server (when its binaries are installed) so the
 * metadata tests also run against real PostgreSQL, not only PGlite. `.ci/run` installs Debian's
 * postgresql first; on a machine without it the tests run on PGlite and say so.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;
let started = false;

function postgresInstalled(): boolean {
  const root = '/usr/lib/postgresql';
  return existsSync(root) && readdirSync(root).some((v) => existsSync(join(root, v, 'bin', 'initdb')));
}

export function setup(): void {
  if (process.env.STORELENS_TEST_DATABASE_URL || !postgresInstalled()) return;
  const out = execFileSync('bash', [join(here, 'start-test-postgres.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const match = /STORELENS_TEST_DATABASE_URL=(\S+)/.exec(out);
  if (!match?.[1]) throw new Error(`start-test-postgres.sh printed no URL:\n${out}`);
  process.env.STORELENS_TEST_DATABASE_URL = match[1];
  // Stop it afterwards only if this run started it; a server another run started stays up.
  started = out.includes('STORELENS_TEST_PG_STARTED=1');
}

export function teardown(): void {
  if (started) execFileSync('bash', [join(here, 'stop-test-postgres.sh')], { stdio: 'inherit' });
}
