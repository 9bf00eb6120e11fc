/**
 * Authentication by shop API key (`Authorization: Bearer slk_...`). A verified key is cached for
 * a short while so busy ingestion does not query the metadata store per request; a revoked key
 * therefore stops working within CACHE_MS. The shop comes from the key, never from the request.
 */
import type { FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';
import { type ApiKeyInfo, type ApiKeyScope, ApiKeysRepo, type MetadataDb, type Shop, ShopsRepo } from '../metadata/index.js';

const CACHE_MS = 30_000;

export interface KeyPrincipal {
  key: ApiKeyInfo;
  shop: Shop;
}

export class ApiKeyAuth {
  private readonly cache = new Map<string, { principal: KeyPrincipal; until: number }>();
  private readonly keys: ApiKeysRepo;
  private readonly shops: ShopsRepo;

  constructor(db: MetadataDb) {
    this.keys = new ApiKeysRepo(db);
    this.shops = new ShopsRepo(db);
  }

  async authenticate(request: FastifyRequest, scope: ApiKeyScope): Promise<KeyPrincipal> {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) {
      throw new UnauthenticatedError(
        'Send a shop API key as "Authorization: Bearer slk_…" (create one with: storelens keys create --shop SLUG --scopes ingest).',
      );
    }
    const key = match[1];
    const now = Date.now();
    let cached = this.cache.get(key);
    if (!cached || cached.until < now) {
      const info = await this.keys.verify(key);
      if (!info) {
        this.cache.delete(key);
        throw new UnauthenticatedError('This API key is unknown or revoked.');
      }
      const shop = (await this.shops.list()).find((s) => s.id === info.shopId);
      if (!shop) throw new UnauthenticatedError('This API key belongs to a shop that no longer exists.');
      await this.keys.touch(info.id);
      cached = { principal: { key: info, shop }, until: now + CACHE_MS };
      this.cache.set(key, cached);
    }
    if (!cached.principal.key.scopes.includes(scope)) {
      throw new ForbiddenError(`This API key lacks the "${scope}" scope (it has: ${cached.principal.key.scopes.join(', ')}).`);
    }
    return cached.principal;
  }
}
