/** The per-process cache of keys and shops that authorization reads: expiry and forgetting. */
import { describe, expect, it } from 'vitest';
import { AccessCache, TtlCache } from '../src/auth/access-cache.js';
import type { ApiKeyInfo, Shop } from '../src/metadata/index.js';

describe('TtlCache', () => {
  it('keeps an entry for its period and not a millisecond longer', () => {
    let now = 1_000;
    const cache = new TtlCache<string, number>(500, () => now);
    cache.set('a', 1);
    now = 1_499;
    expect(cache.get('a')).toBe(1);
    now = 1_500;
    expect(cache.get('a')).toBeUndefined();
  });
});

describe('AccessCache', () => {
  const shop = (id: number, slug: string) => ({ id, slug, time_zone: 'Asia/Shanghai' }) as unknown as Shop;
  const key = (id: number, shopId: number) => ({ id, shopId, scopes: ['read'] }) as unknown as ApiKeyInfo;

  it('loads a shop once per period, and never keeps "no such shop"', async () => {
    const cache = new AccessCache(10_000, () => 0);
    let loads = 0;
    const load = async () => {
      loads++;
      return loads === 1 ? undefined : shop(1, 'tea');
    };
    expect(await cache.shopBySlug('tea', load)).toBeUndefined();
    expect(await cache.shopBySlug('tea', load)).toEqual(shop(1, 'tea'));
    expect(await cache.shopBySlug('tea', load)).toEqual(shop(1, 'tea'));
    expect(loads).toBe(2);
  });

  it('forgets a revoked key, and a changed shop with all its keys, at once', async () => {
    const cache = new AccessCache(10_000, () => 0);
    cache.keys.set('slk_a', key(1, 7));
    cache.keys.set('slk_b', key(2, 7));
    cache.keys.set('slk_c', key(3, 8));
    await cache.shopBySlug('tea', async () => shop(7, 'tea'));
    await cache.shopById(7, async () => shop(7, 'tea'));
    cache.forgetKey(1);
    expect(cache.keys.get('slk_a')).toBeUndefined();
    expect(cache.keys.get('slk_b')).toBeDefined();
    cache.forgetShop(7);
    expect(cache.keys.get('slk_b')).toBeUndefined();
    expect(cache.keys.get('slk_c')).toBeDefined();
    let reloaded = 0;
    const reload = async () => {
      reloaded++;
      return shop(7, 'tea');
    };
    await cache.shopBySlug('tea', reload);
    await cache.shopById(7, reload);
    expect(reloaded).toBe(2);
  });
});
