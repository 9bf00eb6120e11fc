/** Organizations and shops in the metadata store. */
import { BadRequestError, ConflictError, NotFoundError } from '../errors.js';
import type { MetadataDb } from './open-metadata.js';
import type { Organization, Shop } from './schema.js';

const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;
const CURRENCY = /^[A-Z]{3}$/;

export interface NewShopInput {
  organizationId: number;
  slug: string;
  name: string;
  currency: string;
  timeZone: string;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

export function validateShopInput(input: NewShopInput): void {
  if (!SLUG.test(input.slug)) {
    throw new BadRequestError(
      `Shop slug "${input.slug}" must be 2-63 characters of a-z, 0-9 and '-', starting with a letter or digit.`,
      'slug',
    );
  }
  if (!input.name.trim()) throw new BadRequestError('Shop name must not be empty.', 'name');
  if (!CURRENCY.test(input.currency))
    throw new BadRequestError(`Currency "${input.currency}" must be a 3-letter ISO 4217 code such as CNY.`, 'currency');
  if (!isValidTimeZone(input.timeZone)) {
    throw new BadRequestError(`Time zone "${input.timeZone}" is not an IANA zone name such as Asia/Shanghai.`, 'timeZone');
  }
}

export class ShopsRepo {
  constructor(private readonly db: MetadataDb) {}

  async createOrganization(name: string): Promise<Organization> {
    if (!name.trim()) throw new BadRequestError('Organization name must not be empty.', 'name');
    return this.db.insertInto('organizations').values({ name: name.trim() }).returningAll().executeTakeFirstOrThrow();
  }

  async listOrganizations(): Promise<Organization[]> {
    return this.db.selectFrom('organizations').selectAll().orderBy('id').execute();
  }

  async create(input: NewShopInput): Promise<Shop> {
    validateShopInput(input);
    const existing = await this.db.selectFrom('shops').select('id').where('slug', '=', input.slug).executeTakeFirst();
    if (existing) throw new ConflictError(`A shop with slug "${input.slug}" already exists.`);
    const org = await this.db.selectFrom('organizations').select('id').where('id', '=', input.organizationId).executeTakeFirst();
    if (!org) throw new NotFoundError(`Organization ${input.organizationId} does not exist.`);
    return this.db
      .insertInto('shops')
      .values({
        organization_id: input.organizationId,
        slug: input.slug,
        name: input.name.trim(),
        currency: input.currency,
        time_zone: input.timeZone,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async list(organizationId?: number): Promise<Shop[]> {
    let q = this.db.selectFrom('shops').selectAll().orderBy('id');
    if (organizationId !== undefined) q = q.where('organization_id', '=', organizationId);
    return q.execute();
  }

  async findById(id: number): Promise<Shop | undefined> {
    return this.db.selectFrom('shops').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async findBySlug(slug: string): Promise<Shop | undefined> {
    return this.db.selectFrom('shops').selectAll().where('slug', '=', slug).executeTakeFirst();
  }

  async getBySlug(slug: string): Promise<Shop> {
    const shop = await this.findBySlug(slug);
    if (!shop) throw new NotFoundError(`No shop with slug "${slug}". List shops with: storelens shops list`);
    return shop;
  }

  async update(slug: string, changes: { name?: string; currency?: string; timeZone?: string }): Promise<Shop> {
    const shop = await this.getBySlug(slug);
    const next = {
      organizationId: shop.organization_id,
      slug,
      name: changes.name ?? shop.name,
      currency: changes.currency ?? shop.currency,
      timeZone: changes.timeZone ?? shop.time_zone,
    };
    validateShopInput(next);
    return this.db
      .updateTable('shops')
      .set({ name: next.name, currency: next.currency, time_zone: next.timeZone })
      .where('id', '=', shop.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async delete(slug: string): Promise<void> {
    const result = await this.db.deleteFrom('shops').where('slug', '=', slug).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new NotFoundError(`No shop with slug "${slug}".`);
  }
}
