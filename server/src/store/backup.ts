/**
 * Backup and restore of the embedded stores. Both run with the data-directory lock held, so no
 * server is writing: the chDB and PGlite directories are then consistent on disk and a file
 * copy is an exact snapshot. (Server mode has its own tools: clickhouse-backup, pg_dump.)
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { metadataDir, type StorelensConfig, warehouseDir } from '../config.js';
import { BadRequestError, ConflictError } from '../errors.js';
import { STORELENS_VERSION } from '../version.js';
import { DataDirLock } from './data-dir-lock.js';

const FORMAT = 1;

export interface BackupManifest {
  format: number;
  storelensVersion: string;
  createdAt: string;
  files: number;
  bytes: number;
}

function assertEmbedded(config: StorelensConfig): void {
  if (config.clickhouse || config.databaseUrl) {
    throw new BadRequestError(
      'backup/restore cover the embedded stores only. With CLICKHOUSE_URL or DATABASE_URL set, back up those servers with their own tools (clickhouse-backup or BACKUP ... TO, pg_dump).',
    );
  }
}

function sizeOf(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      files++;
      bytes += statSync(join(entry.parentPath, entry.name)).size;
    }
  }
  return { files, bytes };
}

export function backupStores(config: StorelensConfig, destination: string): BackupManifest {
  assertEmbedded(config);
  const dest = resolve(destination);
  if (existsSync(dest) && readdirSync(dest).length > 0) throw new ConflictError(`Backup folder ${dest} is not empty; choose a new folder.`);
  if (!existsSync(warehouseDir(config))) throw new BadRequestError(`There is no store at ${config.dataDir} to back up.`);
  const lock = DataDirLock.acquire(config.dataDir, `backup ${destination}`);
  try {
    const staging = `${dest}.partial`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    cpSync(warehouseDir(config), join(staging, 'warehouse'), { recursive: true, verbatimSymlinks: false });
    if (existsSync(metadataDir(config))) cpSync(metadataDir(config), join(staging, 'metadata'), { recursive: true });
    const manifest: BackupManifest = {
      format: FORMAT,
      storelensVersion: STORELENS_VERSION,
      createdAt: new Date().toISOString(),
      ...sizeOf(staging),
    };
    writeFileSync(join(staging, 'storelens-backup.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    rmSync(dest, { recursive: true, force: true });
    renameSync(staging, dest); // the backup appears whole or not at all
    return manifest;
  } finally {
    lock.release();
  }
}

export function restoreStores(config: StorelensConfig, source: string, options: { force?: boolean } = {}): BackupManifest {
  assertEmbedded(config);
  const src = resolve(source);
  const manifestPath = join(src, 'storelens-backup.json');
  if (!existsSync(manifestPath)) throw new BadRequestError(`${src} is not a Storelens backup (no storelens-backup.json).`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BackupManifest;
  if (manifest.format !== FORMAT)
    throw new BadRequestError(`Backup format ${manifest.format} is not supported by this version (expects ${FORMAT}).`);
  const lock = DataDirLock.acquire(config.dataDir, `restore ${source}`);
  try {
    const hasData = existsSync(warehouseDir(config)) || existsSync(metadataDir(config));
    if (hasData && !options.force) {
      throw new ConflictError(
        `${config.dataDir} already holds a store. Restore into an empty STORELENS_DATA_DIR, or pass --force to replace it.`,
      );
    }
    // Copy next to the target first, then swap, so a failed copy leaves the old store intact.
    const incoming = join(config.dataDir, '.restore-incoming');
    rmSync(incoming, { recursive: true, force: true });
    mkdirSync(incoming, { recursive: true });
    cpSync(join(src, 'warehouse'), join(incoming, 'warehouse'), { recursive: true });
    if (existsSync(join(src, 'metadata'))) cpSync(join(src, 'metadata'), join(incoming, 'metadata'), { recursive: true });
    for (const part of ['warehouse', 'metadata'] as const) {
      const target = part === 'warehouse' ? warehouseDir(config) : metadataDir(config);
      rmSync(target, { recursive: true, force: true });
      if (existsSync(join(incoming, part))) renameSync(join(incoming, part), target);
    }
    rmSync(incoming, { recursive: true, force: true });
    return manifest;
  } finally {
    lock.release();
  }
}
