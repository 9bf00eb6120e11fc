/**
 * The product diagnosis of the golden tiny world's shops (22 October – 20 November 2026 against
 * the 30 days before, minimums lowered to 5 visitors and 3 cart-adding visitors) against what
 * compute_expected.py worked out independently from the files and docs/metrics.md (expected.json):
 * the products flagged, in order, each finding's kind and size, and all products' rates' parts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeysRepo } from '../src/metadata/index.js';
import type { GoldenWorld } from './golden-world.js';
import { expected, manifest, openGoldenWorld } from './golden-world.js';

interface ExpectedDiagnosis {
  from: string;
  to: string;
  compared_from: string;
  compared_to: string;
  min_visitors: number;
  min_cart_visitors: number;
  baseline: Record<string, number>;
  products: Array<{ product_id: string; findings: Array<{ kind: string; size: number }> }>;
}

let world: GoldenWorld;
beforeAll(async () => {
  world = await openGoldenWorld();
}, 120_000);
afterAll(async () => world.close());

describe.each(manifest.shops.map((s, i) => ({ ...s, i })))('product diagnosis of $slug', ({ slug, i }) => {
  it('flags the products the independent computation flags, in its order and with its sizes', async () => {
    const want = (expected.shops.find((s) => s.slug === slug) as unknown as { product_diagnosis: ExpectedDiagnosis }).product_diagnosis;
    const shop = world.shops[i];
    if (!shop) throw new Error('golden shop missing');
    const { key } = await new ApiKeysRepo(world.stores.metadata).create({ shopId: shop.id, name: 'r', scopes: ['read'] });
    const res = await world.app.inject({
      method: 'GET',
      url: `/api/v1/shops/${slug}/analyses/product-diagnosis?from=${want.from}&to=${want.to}&compare_from=${want.compared_from}&compare_to=${want.compared_to}&min_visitors=${want.min_visitors}&min_cart_visitors=${want.min_cart_visitors}`,
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.baseline.parts).toEqual(want.baseline);
    expect(
      body.products.map((p: { product_id: string; findings: unknown }) => ({ product_id: p.product_id, findings: p.findings })),
    ).toEqual(want.products);
    // The world has something to find in each shop, so the comparison above says something.
    expect(want.products.length).toBeGreaterThan(0);
  });
});
