/**
 * A campaign review of the golden tiny world's shops (11–12 November 2026, the 28 usual days
 * before, the 7 after), its per-day figures, uplifts and extra payment amount against the days
 * compute_expected.py worked out independently (expected.json), summed per window here; its
 * first-time buyers as the repurchase analysis's own 30-day cohorts of the same days.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeysRepo } from '../src/metadata/index.js';
import type { GoldenWorld } from './golden-world.js';
import { expected, manifest, openGoldenWorld } from './golden-world.js';

let world: GoldenWorld;
beforeAll(async () => {
  world = await openGoldenWorld();
}, 120_000);
afterAll(async () => world.close());

const WINDOWS = {
  campaign: ['2026-11-11', '2026-11-12', 2],
  usual: ['2026-10-14', '2026-11-10', 28],
  after: ['2026-11-13', '2026-11-19', 7],
} as const;
const ADDITIVE = ['uv', 'cart_visitors', 'paying_buyers', 'paid_orders', 'gmv', 'new_buyers', 'discount_amount'] as const;
// Half up at a scale, as the API rounds (reading the product back at 15 digits, like rounding.ts).
const round = (x: number, scale: number) => Math.round(Number((x * scale).toPrecision(15))) / scale;

describe.each(manifest.shops.map((s, i) => ({ ...s, i })))('campaign review of $slug', ({ slug, i }) => {
  const days = expected.shops.find((s) => s.slug === slug)?.daily ?? [];
  const sum = (window: keyof typeof WINDOWS, metric: string) =>
    days
      .filter((d) => String(d.day) >= WINDOWS[window][0] && String(d.day) <= WINDOWS[window][1])
      .reduce((a, d) => a + Number(d[metric] ?? 0), 0);

  it('sets the independently computed days side by side, per day', async () => {
    const shop = world.shops[i];
    if (!shop) throw new Error('golden shop missing');
    const { key } = await new ApiKeysRepo(world.stores.metadata).create({ shopId: shop.id, name: 'r', scopes: ['read'] });
    const res = await world.app.inject({
      method: 'GET',
      url: `/api/v1/shops/${slug}/analyses/campaign-review?from=2026-11-11&to=2026-11-12`,
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect([body.campaign, body.usual, body.after]).toEqual(Object.values(WINDOWS).map(([from, to, n]) => ({ from, to, days: n })));
    for (const metric of ADDITIVE) {
      const [c, u, a] = [sum('campaign', metric), sum('usual', metric), sum('after', metric)];
      const row = body.figures.find((f: { metric: string }) => f.metric === metric);
      const perDay = (x: number, n: number) => round(x / n, 100);
      const change = (x: number, xDays: number) => (u > 0 ? round(x / xDays / (u / 28) - 1, 1e6) : null);
      expect(row, metric).toMatchObject({
        campaign_per_day: perDay(c, 2),
        usual_per_day: perDay(u, 28),
        after_per_day: perDay(a, 7),
      });
      // Uplifts to 5 places: the API divides the cross products, this the per-day figures.
      for (const [field, want] of [
        ['uplift', change(c, 2)],
        ['after_change', change(a, 7)],
      ] as const) {
        if (want === null) expect(row[field], `${metric} ${field}`).toBeNull();
        else expect(row[field], `${metric} ${field}`).toBeCloseTo(want, 5);
      }
    }
    const gmv = (w: keyof typeof WINDOWS) => sum(w, 'gmv');
    const extra = round(gmv('campaign') - (gmv('usual') * 2) / 28, 100);
    const gap = round(gmv('after') - (gmv('usual') * 7) / 28, 100);
    expect(body.summary).toEqual({ extra_gmv: extra, after_gmv_gap: gap, net_extra_gmv: round(extra + gap, 100) });
    // First-time buyers by the repurchase analysis's own 30-day cohorts of the same days, summed.
    for (const fb of body.first_buyers as Array<{
      from: string;
      to: string;
      first_buyers: number;
      eligible: number;
      repurchased: number;
    }>) {
      const rep = await world.app.inject({
        method: 'GET',
        url: `/api/v1/shops/${slug}/analyses/repurchase?from=${fb.from}&to=${fb.to}`,
        headers: { authorization: `Bearer ${key}` },
      });
      const cohorts = rep.json().cohorts as Array<{
        customers: number;
        windows: Record<string, { eligible: number; repurchased: number }>;
      }>;
      const total = (f: (c: (typeof cohorts)[number]) => number) => cohorts.reduce((a, c) => a + f(c), 0);
      expect([fb.first_buyers, fb.eligible, fb.repurchased], fb.from).toEqual([
        total((c) => c.customers),
        total((c) => c.windows['30']?.eligible ?? 0),
        total((c) => c.windows['30']?.repurchased ?? 0),
      ]);
    }
    // The channels' extras add up to the shop's: every paid order has its last-touch channel.
    const channelsExtra = body.channels.reduce((a: number, r: { extra_gmv: number }) => a + r.extra_gmv, 0);
    expect(channelsExtra).toBeCloseTo(extra, 1);
  });
});
