/** Import job records: what was imported, by whom, with what outcome. */
import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../errors.js';
import type { MetadataDb } from './open-metadata.js';
import type { ImportJob } from './schema.js';

export interface ImportCounts {
  rowsRead: number;
  rowsLoaded: number;
  rowsUpdated: number;
  rowsDuplicate: number;
  rowsRejected: number;
}

export class ImportJobsRepo {
  constructor(private readonly db: MetadataDb) {}

  async create(input: {
    shopId: number;
    kind: string;
    source: string;
    preset?: string;
    mapping?: string;
    contentHash?: string;
    createdBy?: number;
  }): Promise<ImportJob> {
    return this.db
      .insertInto('import_jobs')
      .values({
        id: randomUUID(),
        shop_id: input.shopId,
        kind: input.kind,
        source: input.source,
        preset: input.preset ?? null,
        mapping: input.mapping ?? null,
        status: 'queued',
        content_hash: input.contentHash ?? null,
        error: null,
        created_by: input.createdBy ?? null,
        started_at: null,
        finished_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async start(id: string): Promise<void> {
    await this.db.updateTable('import_jobs').set({ status: 'running', started_at: new Date() }).where('id', '=', id).execute();
  }

  async progress(id: string, counts: ImportCounts): Promise<void> {
    await this.db.updateTable('import_jobs').set(countColumns(counts)).where('id', '=', id).execute();
  }

  async finish(id: string, counts: ImportCounts, error?: string): Promise<ImportJob> {
    return this.db
      .updateTable('import_jobs')
      .set({ ...countColumns(counts), status: error ? 'failed' : 'succeeded', error: error ?? null, finished_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async get(shopId: number, id: string): Promise<ImportJob> {
    const job = await this.db.selectFrom('import_jobs').selectAll().where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
    if (!job) throw new NotFoundError(`No import job ${id} in this shop.`);
    return job;
  }

  async list(shopId: number, limit = 50): Promise<ImportJob[]> {
    return this.db.selectFrom('import_jobs').selectAll().where('shop_id', '=', shopId).orderBy('created_at', 'desc').limit(limit).execute();
  }

  /** A succeeded job for the same content, used by drop folders to import each file once. */
  async findSucceededByHash(shopId: number, contentHash: string): Promise<ImportJob | undefined> {
    return this.db
      .selectFrom('import_jobs')
      .selectAll()
      .where('shop_id', '=', shopId)
      .where('content_hash', '=', contentHash)
      .where('status', '=', 'succeeded')
      .executeTakeFirst();
  }
}

function countColumns(c: ImportCounts) {
  return {
    rows_read: c.rowsRead,
    rows_loaded: c.rowsLoaded,
    rows_updated: c.rowsUpdated,
    rows_duplicate: c.rowsDuplicate,
    rows_rejected: c.rowsRejected,
  };
}
