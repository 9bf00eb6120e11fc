/**
 * Runs uploaded files' imports in the background, one at a time (they share the bulk lane
 * anyway), and removes each upload when its import ends. Closing waits for the running import:
 * imports are exactly-once, so a hard stop would also be safe, but a clean finish is kinder.
 */
import { rmSync } from 'node:fs';
import type { ImportKind, Preset, SourceFormat } from '@storelens/etl';
import type { Shop } from '../metadata/index.js';
import type { ImportService } from './import-service.js';

export interface UploadJob {
  shop: Shop;
  path: string;
  sourceName: string;
  kind?: ImportKind;
  preset?: Preset;
  format?: SourceFormat;
  /** A mapping file's column aliases (normalized source column → schema column), for `kind` imports. */
  aliases?: Record<string, string>;
  actor?: string;
}

export class ImportRunner {
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly service: ImportService,
    private readonly log: (error: unknown, job: UploadJob) => void,
  ) {}

  /**
   * Queues the import and resolves with its job ids once the job records exist (the import goes
   * on in the background; its failures are recorded on the job records).
   */
  enqueue(job: UploadJob): Promise<string[]> {
    if (this.closed) return Promise.reject(new Error('the server is shutting down'));
    let onStart: (ids: string[]) => void = () => {};
    let onFail: (error: unknown) => void = () => {};
    let started = false;
    const ids = new Promise<string[]>((resolve, reject) => {
      onStart = (jobIds) => {
        started = true;
        resolve(jobIds);
      };
      onFail = reject;
    });
    this.chain = this.chain.then(async () => {
      try {
        if (job.preset) {
          await this.service.importPreset({
            shop: job.shop,
            preset: job.preset,
            path: job.path,
            sourceName: job.sourceName,
            onCreated: onStart,
            ...(job.actor ? { actor: job.actor } : {}),
          });
        } else if (job.kind) {
          await this.service.importFile({
            shop: job.shop,
            kind: job.kind,
            path: job.path,
            sourceName: job.sourceName,
            ...(job.actor ? { actor: job.actor } : {}),
            ...(job.format ? { format: job.format } : {}),
            ...(job.aliases ? { aliases: job.aliases } : {}),
            onCreated: (id) => onStart([id]),
          });
        }
      } catch (error) {
        if (started) this.log(error, job);
        else onFail(error);
      } finally {
        rmSync(job.path, { force: true });
      }
    });
    return ids;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.chain;
  }
}
