/**
 * What every API request looks up before its handler runs — the API key behind a bearer secret
 * and the shop it acts on — kept for a few seconds per server process. Looking the shop up in the
 * metadata store cost ~1.4 ms of a request's ~1.7 ms of authorization (PGlite, `pnpm bench
 * queries`), a tenth of a small shop's analysis.
 *
 * Changes made through this process (revoking a key, changing or deleting a shop) drop the
 * entries at once; a change made by another process sharing the same PostgreSQL is seen within
 * `ACCESS_CACHE_MS`.
 */
import type { ApiKeyInfo, Shop } from '../metadata/index.js';

export const ACCESS_CACHE_MS = 10_000;

/** A map whose entries expire `ttlMs` after they were set. */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: K, value: V): void {
    this.entries.set(key, { value, until: this.now() + this.ttlMs });
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  /** Drops every entry whose value matches. */
  deleteWhere(match: (value: V) => boolean): void {
    for (const [key, entry] of this.entries) if (match(entry.value)) this.entries.delete(key);
  }
}

export class AccessCache {
  /** bearer secret → the key's record (secrets never leave this process's memory) */
  readonly keys: TtlCache<string, ApiKeyInfo>;
  /** "slug:<slug>" or "id:<id>" → shop */
  readonly shops: TtlCache<string, Shop>;

  constructor(ttlMs = ACCESS_CACHE_MS, now: () => number = Date.now) {
    this.keys = new TtlCache(ttlMs, now);
    this.shops = new TtlCache(ttlMs, now);
  }

  async shopBySlug(slug: string, load: () => Promise<Shop | undefined>): Promise<Shop | undefined> {
    return this.shop(`slug:${slug}`, load);
  }

  async shopById(id: number, load: () => Promise<Shop | undefined>): Promise<Shop | undefined> {
    return this.shop(`id:${id}`, load);
  }

  /** A key was revoked (or its shop deleted): its secret must stop working now. */
  forgetKey(id: number): void {
    this.keys.deleteWhere((k) => k.id === id);
  }

  /** A shop changed or went away: the next request reads it afresh, and so do its keys. */
  forgetShop(id: number): void {
    this.shops.deleteWhere((s) => s.id === id);
    this.keys.deleteWhere((k) => k.shopId === id);
  }

  private async shop(key: string, load: () => Promise<Shop | undefined>): Promise<Shop | undefined> {
    const cached = this.shops.get(key);
    if (cached) return cached;
    const shop = await load();
    // Only shops that exist are kept: a shop created a moment later must be found.
    if (shop) this.shops.set(key, shop);
    return shop;
  }
}
