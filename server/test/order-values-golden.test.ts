/**
 * Order values of the golden tiny world's shops over 22 September – 20 November 2026, through the
 * API, against what compute_expected.py worked out independently from the files and
 * docs/metrics.md (expected.json `order_values`: the CNY ladder and thresholds of 159, 199 and 299 for tiny-tea,
 * smaller dollar edges and 20 and 25 for tiny-toys): every band's and units group's orders, amount and
 * buyers, units per order, the median, and the orders reaching each threshold or just short of it.
 * Also the API's refusals and its download.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeysRepo } from '../src/metadata/index.js';
import type { GoldenWorld } from './golden-world.js';
import { expected, manifest, openGoldenWorld } from './golden-world.js';

interface Group {
  orders: number;
  gmv: number;
  buyers: number;
  units: number;
  orders_with_lines: number;
}
interface ExpectedOrderValues {
  from: string;
  to: string;
  edges: number[];
  bands: Record<string, Group>;
  units: Record<string, Group>;
  channels: Record<string, Group>;
  totals: Group & { median: number; lines_gmv: number };
  thresholds: Array<{ amount: number; reached_orders: number; reached_gmv: number; near_orders: number; near_gmv: number; gap: number }>;
}
interface Row {
  orders: number;
  gmv: number;
  buyers: number;
  units_per_order: number | null;
}

let world: GoldenWorld;
const keys = new Map<string, string>();
beforeAll(async () => {
  world = await openGoldenWorld();
  for (const shop of world.shops) {
    keys.set(shop.slug, (await new ApiKeysRepo(world.stores.metadata).create({ shopId: shop.id, name: 'r', scopes: ['read'] })).key);
  }
}, 120_000);
afterAll(async () => world.close());

const get = (slug: string, query: string) =>
  world.app.inject({
    method: 'GET',
    url: `/api/v1/shops/${slug}/analyses/order-values?${query}`,
    headers: { authorization: `Bearer ${keys.get(slug)}` },
  });

/** A group's figures as the API gives them, from the independent computation's parts. */
const asServed = (g: Group | undefined): Row => ({
  orders: g?.orders ?? 0,
  gmv: g?.gmv ?? 0,
  buyers: g?.buyers ?? 0,
  units_per_order: g && g.orders_with_lines > 0 ? Math.round((g.units / g.orders_with_lines) * 1e6) / 1e6 : null,
});
const served = (r: Row): Row => ({ orders: r.orders, gmv: r.gmv, buyers: r.buyers, units_per_order: r.units_per_order });

describe.each(manifest.shops.map((s) => ({ slug: s.slug })))('order values of $slug', ({ slug }) => {
  const want = (expected.shops.find((s) => s.slug === slug) as unknown as { order_values: ExpectedOrderValues }).order_values;

  it('matches the independent computation band by band, by units, in total and at each threshold', async () => {
    const res = await get(
      slug,
      `from=${want.from}&to=${want.to}&edges=${want.edges.join(',')}&threshold=${want.thresholds.map((t) => t.amount).join(',')}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.edges).toEqual(want.edges);
    expect(body.bands.map(served)).toEqual(body.bands.map((_: unknown, i: number) => asServed(want.bands[String(i)])));
    const unitKey = (u: string) => (u === 'none' ? '0' : u === '5+' ? '5' : u);
    expect(body.units.map(served)).toEqual(body.units.map((u: { units: string }) => asServed(want.units[unitKey(u.units)])));
    expect(Object.fromEntries(body.byChannel.map((c: Row & { channel: string }) => [c.channel, served(c)]))).toEqual(
      Object.fromEntries(Object.entries(want.channels).map(([c, g]) => [c, asServed(g)])),
    );
    expect({ ...served(body.totals), median: body.totals.median_order_value }).toEqual({
      ...asServed(want.totals),
      median: want.totals.median,
    });
    expect(
      body.thresholds.map((t: Record<string, number>) => ({
        amount: t.amount,
        reached_orders: t.reached_orders,
        reached_gmv: t.reached_gmv,
        near_orders: t.near_orders,
        near_gmv: t.near_gmv,
        gap: t.gap,
      })),
    ).toEqual(want.thresholds);
    // Spend per buyer in its parts, against the overview's paying buyers computed independently.
    const shopWant = expected.shops.find((s) => s.slug === slug) as unknown as { totals: { paying_buyers: number; paid_orders: number } };
    const toCents = (x: number) => Math.round(Number((x * 100).toPrecision(15))) / 100;
    expect(body.totals).toMatchObject({
      spend_per_buyer: toCents(want.totals.gmv / shopWant.totals.paying_buyers),
      orders_per_buyer: Math.round((shopWant.totals.paid_orders / shopWant.totals.paying_buyers) * 1e6) / 1e6,
      amount_per_unit: toCents(want.totals.lines_gmv / want.totals.units),
    });
    // The independent computation has orders in more than one band, so the ladder is exercised.
    expect(Object.keys(want.bands).length).toBeGreaterThan(1);
  });
});

describe('GET …/analyses/order-values', () => {
  it('refuses edges and thresholds a person can correct, saying how', async () => {
    const cases: Array<[string, RegExp]> = [
      ['edges=200,100', /edges: list them from the smallest up, each once \(e\.g\. edges=99,199,299/],
      ['edges=1,2,3,4,5,6,7,8,9,10,11,12,13', /edges: give 1 to 12 amounts/],
      ['edges=99.999', /edges: each an amount above 0, to the cent at most/],
      ['edges=cheap', /edges: each an amount above 0/],
      ['edges=99,,199', /edges: each an amount above 0/],
      ['threshold=0', /threshold: each an amount above 0/],
      ['threshold=19.999', /threshold: each an amount above 0, to the cent at most/],
      ['threshold=299,199', /threshold: list them from the smallest up, each once/],
    ];
    for (const [query, message] of cases) {
      const res = await get('tiny-tea', query);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.message, query).toMatch(message);
    }
  });

  it('downloads the bands by default and the units, totals and thresholds as tables', async () => {
    const q = `from=2026-09-22&to=2026-11-20&threshold=199,299&format=csv`;
    // The files open in spreadsheet programs: UTF-8 with a byte order mark.
    const header = async (table: string) => (await get('tiny-tea', `${q}${table}`)).body.replace(/^\ufeff/, '').split('\n');
    const bands = await header('');
    expect(bands[0]).toMatch(/^band,min_amount \(CNY\),max_amount \(CNY\),orders \(count\),order_share \(ratio\),gmv \(CNY\),/);
    expect(bands.filter((l) => l !== '')).toHaveLength(1 + 8);
    expect((await header('&table=units'))[0]).toMatch(/^units,orders \(count\),/);
    expect((await header('&table=totals'))[0]).toMatch(/^from \(Asia\/Shanghai\),to \(Asia\/Shanghai\),orders \(count\),/);
    const tiers = await header('&table=thresholds');
    expect(tiers[0]).toMatch(/^amount \(CNY\),reached_orders \(count\),/);
    expect(tiers.filter((l) => l !== '').map((l) => l.split(',')[0])).toEqual(['amount (CNY)', '199', '299']);
  });
});
