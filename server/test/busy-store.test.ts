import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StoreBusyError, Warehouse } from '@storelens/sql';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/config.js';
import { DataDirLock } from '../src/store/data-dir-lock.js';
import { tempDir } from './temp-stores.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function runNode(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('one process owns an embedded store', () => {
  it('a second lock on the same directory names the owner and what to do', () => {
    const dir = tempDir('storelens-lock-');
    dirs.push(dir);
    const lock = DataDirLock.acquire(dir, 'serve');
    lock.setUrl('http://localhost:3999');
    expect(() => DataDirLock.acquire(dir, 'shops list')).toThrow(StoreBusyError);
    expect(() => DataDirLock.acquire(dir, 'shops list')).toThrow(
      /in use by the Storelens server \(pid \d+, listening on http:\/\/localhost:3999\)/,
    );
    lock.release();
    DataDirLock.acquire(dir, 'again').release();
  });

  it('takes over a lock left behind by a process that died', () => {
    const dir = tempDir('storelens-lock-');
    dirs.push(dir);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const lockFile = DataDirLock.lockPath(dir);
    writeFileSync(lockFile, JSON.stringify({ pid: Number(dead.stdout), hostname: hostname(), command: 'serve', startedAt: 'x' }));
    const lock = DataDirLock.acquire(dir, 'after crash');
    expect(DataDirLock.readOwner(dir)?.pid).toBe(process.pid);
    lock.release();
  });

  it('the CLI prints the busy message and exits with code 3 while a server holds the store', () => {
    const dir = tempDir('storelens-cli-busy-');
    dirs.push(dir);
    const lock = DataDirLock.acquire(dir, 'serve');
    lock.setUrl('http://localhost:3999');
    try {
      const res = runNode([join('server', 'src', 'cli', 'main.ts'), 'shops', 'list'], { STORELENS_DATA_DIR: dir });
      expect(res.status).toBe(3);
      expect(res.stderr).toContain(`The data directory ${dir} is in use by the Storelens server`);
      expect(res.stderr).toContain('Stop the server');
      expect(res.stderr).not.toMatch(/\n\s+at /); // no stack trace
    } finally {
      lock.release();
    }
  });

  it('opening a chDB directory another process holds gives StoreBusyError, not an engine crash', async () => {
    const dir = tempDir('storelens-chdb-busy-');
    dirs.push(dir);
    const holder = `
      import { Warehouse } from '@storelens/sql';
      const wh = await Warehouse.open({ mode: 'embedded', path: ${JSON.stringify(join(dir, 'warehouse'))} });
      process.stdout.write('ready\\n');
      setTimeout(async () => { await wh.close(); process.exit(0); }, 4000);
    `;
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', holder], {
      cwd: join(REPO_ROOT, 'server'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      child.on('exit', (code) => reject(new Error(`holder exited early with ${code}`)));
    });
    const err = await Warehouse.open({ mode: 'embedded', path: join(dir, 'warehouse') }).catch((e: unknown) => e);
    child.kill();
    expect(err).toBeInstanceOf(StoreBusyError);
    expect((err as Error).message).toContain(join(dir, 'warehouse'));
  });
});
