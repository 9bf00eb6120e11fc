/**
 * One process owns an embedded data directory (chDB allows no second one). The owner writes
 * `storelens.lock` with its pid, command and URL, so a second process can say exactly who holds
 * the store and what to do, instead of failing deep inside the engine.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StoreBusyError } from '@storelens/sql';

export interface LockOwner {
  pid: number;
  hostname: string;
  command: string;
  startedAt: string;
  url?: string;
}

export class DataDirLock {
  private released = false;

  private constructor(
    readonly dataDir: string,
    private readonly owner: LockOwner,
  ) {}

  static lockPath(dataDir: string): string {
    return join(dataDir, 'storelens.lock');
  }

  /** Takes the lock or throws StoreBusyError naming the current owner. Stale locks are taken over. */
  static acquire(dataDir: string, command: string): DataDirLock {
    mkdirSync(dataDir, { recursive: true });
    const owner: LockOwner = { pid: process.pid, hostname: hostname(), command, startedAt: new Date().toISOString() };
    const path = DataDirLock.lockPath(dataDir);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, 'wx');
        writeSync(fd, JSON.stringify(owner));
        closeSync(fd);
        return new DataDirLock(dataDir, owner);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const current = DataDirLock.readOwner(dataDir);
        if (current && isAlive(current)) throw busyError(dataDir, current, command);
        rmSync(path, { force: true }); // the previous owner died without releasing it
      }
    }
    throw new StoreBusyError(dataDir, `Could not lock ${dataDir}: another process keeps taking the lock.`);
  }

  static readOwner(dataDir: string): LockOwner | undefined {
    try {
      return JSON.parse(readFileSync(DataDirLock.lockPath(dataDir), 'utf8')) as LockOwner;
    } catch {
      return undefined;
    }
  }

  /** The running server's URL, if a live server owns this directory. */
  static runningServer(dataDir: string): LockOwner | undefined {
    const owner = DataDirLock.readOwner(dataDir);
    return owner?.url && isAlive(owner) ? owner : undefined;
  }

  /** Records where the owning server listens, for CLI commands that want to reach it. */
  setUrl(url: string): void {
    this.owner.url = url;
    const fd = openSync(DataDirLock.lockPath(this.dataDir), 'w');
    writeSync(fd, JSON.stringify(this.owner));
    closeSync(fd);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    const current = DataDirLock.readOwner(this.dataDir);
    if (current?.pid === process.pid) rmSync(DataDirLock.lockPath(this.dataDir), { force: true });
  }
}

function isAlive(owner: LockOwner): boolean {
  if (owner.hostname !== hostname()) return true; // can't check another machine: assume it holds the lock
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function busyError(dataDir: string, owner: LockOwner, command: string): StoreBusyError {
  const who = owner.url
    ? `the Storelens server (pid ${owner.pid}, listening on ${owner.url})`
    : `another Storelens process (pid ${owner.pid}, running "${owner.command}")`;
  const advice = owner.url
    ? `Stop the server (Ctrl-C in its terminal, or kill ${owner.pid}) and run "storelens ${command}" again, or use the server's API while it runs.`
    : `Wait for it to finish, or stop it (kill ${owner.pid}), then run "storelens ${command}" again.`;
  return new StoreBusyError(
    dataDir,
    `The data directory ${dataDir} is in use by ${who} since ${owner.startedAt}. An embedded store can be opened by one process at a time. ${advice} To use a separate store, set STORELENS_DATA_DIR.`,
  );
}
