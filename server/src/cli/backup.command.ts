import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { backupStores, restoreStores } from '../store/backup.js';
import { notice } from './output.js';

export function registerBackup(program: Command): void {
  program
    .command('backup <dir>')
    .description('Copy the embedded stores (warehouse and metadata) into a new folder; the server must be stopped')
    .action((dir: string) => {
      const m = backupStores(loadConfig(), dir);
      notice(`backup written to ${dir}: ${m.files} files, ${(m.bytes / 1e6).toFixed(1)} MB`);
    });

  program
    .command('restore <dir>')
    .description('Restore the embedded stores from a backup folder; the server must be stopped')
    .option('--force', 'replace a store that already exists in STORELENS_DATA_DIR')
    .action((dir: string, opts: { force?: boolean }) => {
      const m = restoreStores(loadConfig(), dir, opts);
      notice(`restored backup of ${m.createdAt} (${m.files} files) into ${loadConfig().dataDir}`);
    });
}
