/** Recurring import sources: a drop folder or URL polled on a schedule for a shop. */
import { isAbsolute } from 'node:path';
import { IMPORT_KINDS, PRESETS } from '@storelens/etl';
import { BadRequestError, NotFoundError } from '../errors.js';
import { mappingOf } from '../imports/client-mapping.js';
import type { MetadataDb } from './open-metadata.js';
import type { ImportSource } from './schema.js';

export class ImportSourcesRepo {
  constructor(private readonly db: MetadataDb) {}

  async create(input: {
    shopId: number;
    location: string;
    kind?: string;
    preset?: string;
    /** A mapping file's JSON text; its kind stands in for `kind`. */
    mapping?: string;
    intervalSeconds: number;
  }): Promise<ImportSource> {
    const isUrl = /^https?:\/\//.test(input.location);
    if (!isUrl && !isAbsolute(input.location))
      throw new BadRequestError('A source is an absolute folder path or an http(s) URL.', 'location');
    const mappingKind = input.mapping === undefined ? undefined : mappingOf(input.mapping).kind;
    if (mappingKind && input.preset)
      throw new BadRequestError('A preset decides the columns itself: give a mapping or a preset, not both.', 'mapping');
    if (mappingKind && input.kind && input.kind !== mappingKind)
      throw new BadRequestError(`kind ${input.kind} contradicts the mapping's kind ${mappingKind}.`, 'kind');
    const kind = input.kind ?? mappingKind;
    if (!kind === !input.preset) throw new BadRequestError('Give exactly one of kind, mapping or preset.', 'kind');
    if (kind && !(IMPORT_KINDS as readonly string[]).includes(kind)) throw new BadRequestError(`Unknown kind "${kind}".`, 'kind');
    if (input.preset && !PRESETS[input.preset]) throw new BadRequestError(`Unknown preset "${input.preset}".`, 'preset');
    if (!Number.isInteger(input.intervalSeconds) || input.intervalSeconds < 10)
      throw new BadRequestError('The interval is at least 10 seconds.', 'intervalSeconds');
    return this.db
      .insertInto('import_sources')
      .values({
        shop_id: input.shopId,
        location: input.location,
        kind: kind ?? null,
        preset: input.preset ?? null,
        mapping: input.mapping ?? null,
        interval_seconds: input.intervalSeconds,
        last_polled_at: null,
        last_error: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async list(shopId?: number): Promise<ImportSource[]> {
    let q = this.db.selectFrom('import_sources').selectAll().orderBy('id');
    if (shopId !== undefined) q = q.where('shop_id', '=', shopId);
    return q.execute();
  }

  async remove(shopId: number, id: number): Promise<void> {
    const r = await this.db.deleteFrom('import_sources').where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw new NotFoundError(`No import source ${id} in this shop.`);
  }

  async markPolled(id: number, error: string | null, at: Date = new Date()): Promise<void> {
    await this.db.updateTable('import_sources').set({ last_polled_at: at, last_error: error }).where('id', '=', id).execute();
  }
}
