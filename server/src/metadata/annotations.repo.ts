/**
 * Marked days (活动标注): what a shop's days are known for — a promotion, a live stream, an ad
 * push, a launch, an outage — so the charts and the diagnosis can show a figure beside its cause.
 * Each mark covers one or more shop-local days, first and last inclusive.
 */
import { addDays, isCalendarDate } from '../analyses/local-time.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import type { MetadataDb } from './open-metadata.js';
import { ANNOTATION_KINDS, type Annotation, type AnnotationKind } from './schema.js';

/** A mark as the API shows it, with who made it. */
export interface MarkedDays {
  id: number;
  from: string;
  to: string;
  title: string;
  kind: AnnotationKind;
  note: string | null;
  created_by: { id: number; name: string } | null;
  created_at: Date;
  updated_at: Date;
}

export interface MarkInput {
  from: string;
  to: string;
  title: string;
  kind: AnnotationKind;
  note?: string | null;
}

/** A sale season can run for weeks (618 starts in late May), not for more than a year. */
export const MAX_MARK_DAYS = 366;
export const MAX_TITLE = 120;
export const MAX_NOTE = 2000;

function checked(input: MarkInput): MarkInput {
  for (const field of ['from', 'to'] as const) {
    if (!isCalendarDate(input[field]))
      throw new BadRequestError(`${field} must be a calendar date YYYY-MM-DD, got "${input[field]}".`, field);
  }
  if (input.from > input.to) throw new BadRequestError(`from (${input.from}) must not be after to (${input.to}).`, 'from');
  if (addDays(input.from, MAX_MARK_DAYS) <= input.to)
    throw new BadRequestError(`A mark covers at most ${MAX_MARK_DAYS} days; mark the seasons of a longer span separately.`, 'to');
  const title = input.title.trim();
  if (!title) throw new BadRequestError('title must not be empty: say what happened on these days.', 'title');
  if (title.length > MAX_TITLE) throw new BadRequestError(`title is at most ${MAX_TITLE} characters; put the rest in the note.`, 'title');
  if (!ANNOTATION_KINDS.includes(input.kind)) throw new BadRequestError(`kind must be one of ${ANNOTATION_KINDS.join(', ')}.`, 'kind');
  const note = input.note?.trim() || null;
  if (note && note.length > MAX_NOTE) throw new BadRequestError(`note is at most ${MAX_NOTE} characters.`, 'note');
  return { ...input, title, note };
}

export class AnnotationsRepo {
  constructor(private readonly db: MetadataDb) {}

  private select() {
    return this.db
      .selectFrom('annotations as a')
      .leftJoin('users as u', 'u.id', 'a.created_by')
      .select([
        'a.id',
        'a.shop_id',
        'a.starts_on',
        'a.ends_on',
        'a.title',
        'a.kind',
        'a.note',
        'a.created_by',
        'u.display_name',
        'a.created_at',
        'a.updated_at',
      ]);
  }

  /** The shop's marks touching any day from `from` to `to` (either end open), earliest first. */
  async list(shopId: number, days: { from?: string; to?: string } = {}): Promise<MarkedDays[]> {
    let q = this.select().where('a.shop_id', '=', shopId);
    // A mark touches the days when it starts by their last and ends on or after their first.
    if (days.to) q = q.where('a.starts_on', '<=', days.to);
    if (days.from) q = q.where('a.ends_on', '>=', days.from);
    const rows = await q.orderBy('a.starts_on').orderBy('a.ends_on').orderBy('a.id').execute();
    return rows.map(view);
  }

  async get(shopId: number, id: number): Promise<MarkedDays> {
    const row = await this.select().where('a.shop_id', '=', shopId).where('a.id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError(`No marked days ${id} in this shop.`);
    return view(row);
  }

  async create(shopId: number, input: MarkInput, createdBy?: number): Promise<MarkedDays> {
    const m = checked(input);
    const { id } = await this.db
      .insertInto('annotations')
      .values({
        shop_id: shopId,
        starts_on: m.from,
        ends_on: m.to,
        title: m.title,
        kind: m.kind,
        note: m.note ?? null,
        created_by: createdBy ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return this.get(shopId, id);
  }

  /** Changes the given fields; the result is checked whole (a new `from` against the old `to`). */
  async update(shopId: number, id: number, changes: Partial<MarkInput>): Promise<MarkedDays> {
    const was = await this.get(shopId, id);
    const m = checked({
      from: changes.from ?? was.from,
      to: changes.to ?? was.to,
      title: changes.title ?? was.title,
      kind: changes.kind ?? was.kind,
      note: changes.note === undefined ? was.note : changes.note,
    });
    await this.db
      .updateTable('annotations')
      .set({ starts_on: m.from, ends_on: m.to, title: m.title, kind: m.kind, note: m.note ?? null, updated_at: new Date() })
      .where('shop_id', '=', shopId)
      .where('id', '=', id)
      .execute();
    return this.get(shopId, id);
  }

  async delete(shopId: number, id: number): Promise<void> {
    const r = await this.db.deleteFrom('annotations').where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw new NotFoundError(`No marked days ${id} in this shop.`);
  }
}

/** A row of the annotations table with its maker's display name (null: no user, or one since removed). */
function view(r: Annotation & { display_name: string | null }): MarkedDays {
  return {
    id: r.id,
    from: r.starts_on,
    to: r.ends_on,
    title: r.title,
    kind: r.kind,
    note: r.note,
    created_by: r.created_by === null ? null : { id: r.created_by, name: r.display_name ?? '' },
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}
