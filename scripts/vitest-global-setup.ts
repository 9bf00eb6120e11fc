/**
 * Test-run setup: starts a throw-away PostgreSQL server (when its binaries are installed) so the
 * metadata tests also run against real PostgreSQL, not only PGlite. `.ci/run` installs Debian's
 * postgresql first; on a machine without it the tests run on PGlite and say so.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;
/** Whether this run uses the shared test server (and so leaves it at the end). */
let registered = false;
// This run's name among the server's users: the process that runs setup and teardown.
const env = { ...process.env, STORELENS_TEST_PG_USER: String(process.pid) };

function postgresInstalled(): boolean {
  const root = '/usr/lib/postgresql';
  return existsSync(root) && readdirSync(root).some((v) => existsSync(join(root, v, 'bin', 'initdb')));
}

export function setup(): void {
  if (process.env.STORELENS_TEST_DATABASE_URL || !postgresInstalled()) return;
  const out = execFileSync('bash', [join(here, 'start-test-postgres.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env });
  const match = /STORELENS_TEST_DATABASE_URL=(\S+)/.exec(out);
  if (!match?.[1]) throw new Error(`start-test-postgres.sh printed no URL:\n${out}`);
  process.env.STORELENS_TEST_DATABASE_URL = match[1];
  // Another run may share the server: it stops when the last run using it leaves.
  registered = true;
}

export function teardown(): void {
  if (registered) execFileSync('bash', [join(here, 'stop-test-postgres.sh')], { stdio: 'inherit', env });
}
