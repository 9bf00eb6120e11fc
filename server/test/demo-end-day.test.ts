/**
 * The day a demo world without a live feed ends (the Chromium tests' world): the dashboard's
 * "yesterday" is shop-local, so the world must hold it for the shop furthest ahead of UTC, and
 * nothing that has not happened yet. One embedded store per process, hence its own file.
 */
import { describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../src/demo/load-demo.js';
import { ShopsRepo } from '../src/metadata/index.js';
import { openTempStores } from './temp-stores.js';

describe('a demo world without a live feed', () => {
  it('ends on the last day over in the shop furthest ahead of UTC, with nothing after now', async () => {
    const temp = await openTempStores();
    try {
      // 16:30 UTC: already 11-24 in Shanghai, whose "yesterday" is UTC's today; 11:30 in New York.
      const now = Date.parse('2026-11-23T16:30:00Z');
      const lines: string[] = [];
      expect(await loadDemoIfEmpty(temp.stores, { events: 20_000, now, log: (m) => lines.push(m) })).toBe('loaded');
      expect(lines[0]).toContain('ending 2026-11-23');
      for (const shop of await new ShopsRepo(temp.stores.metadata).list()) {
        const [row] = await temp.stores.warehouse.forShop(shop.id).rows<{ last: number; on_day: number }>(
          `SELECT toUnixTimestamp(max(ts)) AS last, countIf(toDate(ts, {tz:String}) = {day:Date}) AS on_day
           FROM events WHERE shop_id = {shop_id:UInt32}`,
          { tz: shop.time_zone, day: '2026-11-23' },
          { purpose: 'test' },
        );
        expect(Number(row?.last) * 1000, shop.slug).toBeLessThanOrEqual(now);
        // Shanghai's yesterday, New York's today so far: both have visitors.
        expect(Number(row?.on_day), shop.slug).toBeGreaterThan(0);
      }
    } finally {
      await temp.dispose();
    }
  });
});
