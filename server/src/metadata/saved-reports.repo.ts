/** Saved analyses: a name, the analysis and its parameters, per shop. */
import { BadRequestError, NotFoundError } from '../errors.js';
import type { MetadataDb } from './open-metadata.js';
import type { SavedReport } from './schema.js';

export class SavedReportsRepo {
  constructor(private readonly db: MetadataDb) {}

  async create(input: { shopId: number; name: string; analysis: string; params: unknown; createdBy?: number }): Promise<SavedReport> {
    if (!input.name.trim()) throw new BadRequestError('Report name must not be empty.', 'name');
    return this.db
      .insertInto('saved_reports')
      .values({
        shop_id: input.shopId,
        name: input.name.trim(),
        analysis: input.analysis,
        params: JSON.stringify(input.params),
        created_by: input.createdBy ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async list(shopId: number): Promise<SavedReport[]> {
    return this.db.selectFrom('saved_reports').selectAll().where('shop_id', '=', shopId).orderBy('id').execute();
  }

  async get(shopId: number, id: number): Promise<SavedReport> {
    const report = await this.db
      .selectFrom('saved_reports')
      .selectAll()
      .where('shop_id', '=', shopId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!report) throw new NotFoundError(`No saved report ${id} in this shop.`);
    return report;
  }

  async update(shopId: number, id: number, changes: { name?: string; params?: unknown }): Promise<SavedReport> {
    await this.get(shopId, id);
    return this.db
      .updateTable('saved_reports')
      .set({
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.params !== undefined ? { params: JSON.stringify(changes.params) } : {}),
        updated_at: new Date(),
      })
      .where('shop_id', '=', shopId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async delete(shopId: number, id: number): Promise<void> {
    const r = await this.db.deleteFrom('saved_reports').where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw new NotFoundError(`No saved report ${id} in this shop.`);
  }
}
