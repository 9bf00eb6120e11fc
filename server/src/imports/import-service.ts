/**
 * Imports with a job record: the job is created before any row is read, updated with progress,
 * and finished with the counts (or the error), so the history shows every attempt. The
 * warehouse work itself is runImport's.
 */
import {
  type ImportKind,
  type ImportProgress,
  type ImportResult,
  mappingText,
  type Preset,
  runImport,
  runPresetImport,
  type SourceFormat,
} from '@storelens/etl';
import type { Warehouse } from '@storelens/sql';
import { AuditRepo, type ImportJob, ImportJobsRepo, type MetadataDb, type Shop } from '../metadata/index.js';

export interface ImportFileInput {
  shop: Shop;
  kind: ImportKind;
  path: string;
  sourceName?: string;
  format?: SourceFormat;
  /** Source column → schema column, from a mapping file. */
  aliases?: Record<string, string>;
  createdBy?: number;
  contentHash?: string;
  onProgress?: (p: ImportProgress) => void;
  /** Called with the job id as soon as the job record exists. */
  onCreated?: (jobId: string) => void;
  /** Who asked, for the audit log ("cli", "user:3", "key:5", "source:2"); default "system". */
  actor?: string;
}

export interface ImportOutcome {
  job: ImportJob;
  result: ImportResult;
}

/** What the service tells its observer (the server's metrics) when a job ends. */
export interface ImportFinished {
  kind: ImportKind;
  status: 'succeeded' | 'failed';
  rowsLoaded: number;
  rowsUpdated: number;
  rowsDuplicate: number;
  rowsRejected: number;
}

type JobCounts = Pick<ImportResult, 'rowsRead' | 'rowsLoaded' | 'rowsUpdated' | 'rowsDuplicate' | 'rowsRejected'>;
/** A failed job's counts: it changed nothing. */
const NOTHING: JobCounts = { rowsRead: 0, rowsLoaded: 0, rowsUpdated: 0, rowsDuplicate: 0, rowsRejected: 0 };

export class ImportService {
  private readonly jobs: ImportJobsRepo;
  private readonly audit: AuditRepo;

  constructor(
    private readonly warehouse: Warehouse,
    metadata: MetadataDb,
    /** Told when a job finishes (the server's metrics). */
    private readonly observe: (e: ImportFinished) => void = () => {},
  ) {
    this.jobs = new ImportJobsRepo(metadata);
    this.audit = new AuditRepo(metadata);
  }

  async importFile(input: ImportFileInput): Promise<ImportOutcome> {
    await this.audit.record({
      actor: input.actor ?? 'system',
      action: 'import.started',
      organizationId: input.shop.organization_id,
      shopId: input.shop.id,
      detail: { source: input.sourceName ?? input.path, kind: input.kind },
    });
    const job = await this.jobs.create({
      shopId: input.shop.id,
      kind: input.kind,
      source: input.sourceName ?? input.path,
      ...(input.aliases ? { mapping: mappingText(input.kind, input.aliases) } : {}),
      ...(input.createdBy !== undefined ? { createdBy: input.createdBy } : {}),
      ...(input.contentHash ? { contentHash: input.contentHash } : {}),
    });
    input.onCreated?.(job.id);
    await this.jobs.start(job.id);
    let lastSaved = 0;
    try {
      const result = await runImport(this.warehouse, {
        shop: { id: input.shop.id, timeZone: input.shop.time_zone, currency: input.shop.currency },
        kind: input.kind,
        path: input.path,
        importId: job.id,
        ...(input.sourceName ? { sourceName: input.sourceName } : {}),
        ...(input.format ? { format: input.format } : {}),
        ...(input.aliases ? { aliases: input.aliases } : {}),
        onProgress: (p) => {
          input.onProgress?.(p);
          const now = Date.now();
          if (now - lastSaved > 2000) {
            lastSaved = now;
            void this.jobs
              .progress(job.id, { rowsRead: p.rowsRead, rowsLoaded: 0, rowsUpdated: 0, rowsDuplicate: 0, rowsRejected: 0 })
              .catch(() => {});
          }
        },
      });
      const finished = await this.finish(job.id, input.kind, result);
      return { job: finished, result };
    } catch (error) {
      await this.finish(job.id, input.kind, NOTHING, error);
      throw error;
    }
  }

  /** A preset import: one job per output kind, all from one staged file. */
  async importPreset(input: {
    shop: Shop;
    preset: Preset;
    path: string;
    sourceName?: string;
    createdBy?: number;
    contentHash?: string;
    onProgress?: (p: ImportProgress) => void;
    /** Called with the job ids as soon as the job records exist. */
    onCreated?: (jobIds: string[]) => void;
    actor?: string;
  }): Promise<ImportOutcome[]> {
    const source = `${input.sourceName ?? input.path} (${input.preset.name})`;
    await this.audit.record({
      actor: input.actor ?? 'system',
      action: 'import.started',
      organizationId: input.shop.organization_id,
      shopId: input.shop.id,
      detail: { source, preset: input.preset.name },
    });
    const jobs = [];
    for (const output of input.preset.outputs) {
      const job = await this.jobs.create({
        shopId: input.shop.id,
        kind: output.kind,
        source,
        preset: input.preset.name,
        ...(input.createdBy !== undefined ? { createdBy: input.createdBy } : {}),
        ...(input.contentHash ? { contentHash: input.contentHash } : {}),
      });
      await this.jobs.start(job.id);
      jobs.push(job);
    }
    input.onCreated?.(jobs.map((j) => j.id));
    const ids = Object.fromEntries(jobs.map((j) => [j.kind, j.id])) as Partial<Record<ImportKind, string>>;
    try {
      const results = await runPresetImport(this.warehouse, {
        shop: { id: input.shop.id, timeZone: input.shop.time_zone, currency: input.shop.currency },
        preset: input.preset,
        path: input.path,
        importIds: ids,
        ...(input.sourceName ? { sourceName: input.sourceName } : {}),
        ...(input.onProgress ? { onProgress: input.onProgress } : {}),
      });
      const outcomes: ImportOutcome[] = [];
      for (const job of jobs) {
        const result = results[job.kind as ImportKind];
        if (!result) continue;
        outcomes.push({ job: await this.finish(job.id, job.kind as ImportKind, result), result });
      }
      return outcomes;
    } catch (error) {
      for (const job of jobs) await this.finish(job.id, job.kind as ImportKind, NOTHING, error);
      throw error;
    }
  }

  /** Records a job's end (with the error's message when it failed) and tells the observer. */
  private async finish(id: string, kind: ImportKind, counts: JobCounts, error?: unknown): Promise<ImportJob> {
    // Never an empty message: the job record calls a job with a message failed.
    const message = error === undefined ? undefined : (error instanceof Error ? error.message : String(error)) || 'the import failed';
    const job = await this.jobs.finish(id, counts, message);
    this.observe({ kind, status: error === undefined ? 'succeeded' : 'failed', ...counts });
    return job;
  }
}
