/**
 * Shop API keys for machines (storefront ingestion, scripts). A key is shown once at creation;
 * only its SHA-256 is stored, with a short prefix so people can tell keys apart. Keys carry
 * scopes, can be revoked, and record when they were last used.
 */
import { createHash, randomBytes } from 'node:crypto';
import { BadRequestError, NotFoundError } from '../errors.js';
import type { MetadataDb } from './open-metadata.js';

export const API_KEY_SCOPES = ['ingest', 'read'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export interface ApiKeyInfo {
  id: number;
  shopId: number;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export class ApiKeysRepo {
  constructor(private readonly db: MetadataDb) {}

  async create(input: { shopId: number; name: string; scopes: string[]; createdBy?: number }): Promise<{ key: string; info: ApiKeyInfo }> {
    if (!input.name.trim()) throw new BadRequestError('An API key needs a name, e.g. "storefront".', 'name');
    const scopes = [...new Set(input.scopes)];
    const unknown = scopes.filter((s) => !(API_KEY_SCOPES as readonly string[]).includes(s));
    if (scopes.length === 0 || unknown.length) {
      throw new BadRequestError(
        `Scopes must be one or more of ${API_KEY_SCOPES.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}.`,
        'scopes',
      );
    }
    const prefix = randomBytes(4).toString('hex');
    const key = `slk_${prefix}_${randomBytes(24).toString('base64url')}`;
    const row = await this.db
      .insertInto('api_keys')
      .values({
        shop_id: input.shopId,
        name: input.name.trim(),
        prefix,
        key_hash: hashApiKey(key),
        scopes,
        created_by: input.createdBy ?? null,
        last_used_at: null,
        revoked_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { key, info: toInfo(row) };
  }

  async list(shopId: number): Promise<ApiKeyInfo[]> {
    const rows = await this.db.selectFrom('api_keys').selectAll().where('shop_id', '=', shopId).orderBy('id').execute();
    return rows.map(toInfo);
  }

  async revoke(shopId: number, id: number): Promise<void> {
    const r = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: new Date() })
      .where('shop_id', '=', shopId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new NotFoundError(`No API key ${id} in this shop.`);
  }

  /** The live key with this secret, or undefined (unknown or revoked). */
  async verify(key: string): Promise<ApiKeyInfo | undefined> {
    if (!/^slk_[0-9a-f]{8}_[A-Za-z0-9_-]{32}$/.test(key)) return undefined;
    const row = await this.db
      .selectFrom('api_keys')
      .selectAll()
      .where('key_hash', '=', hashApiKey(key))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return row ? toInfo(row) : undefined;
  }

  async touch(id: number): Promise<void> {
    await this.db.updateTable('api_keys').set({ last_used_at: new Date() }).where('id', '=', id).execute();
  }
}

function toInfo(row: {
  id: number;
  shop_id: number;
  name: string;
  prefix: string;
  scopes: string[];
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}): ApiKeyInfo {
  return {
    id: row.id,
    shopId: row.shop_id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as ApiKeyScope[],
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
