/**
 * Loads the checked-in tiny world through the importer and compares what is stored with the
 * answers computed independently by fixtures/golden/compute_expected.py.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Warehouse } from '@storelens/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_KINDS, runImport } from '../src/index.js';
import { openTempWarehouse, tag } from './temp-warehouse.js';

const golden = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'golden', 'tiny');
const manifest = JSON.parse(readFileSync(join(golden, 'manifest.json'), 'utf8')) as {
  shops: Array<{ slug: string; currency: string; timeZone: string; counts: Record<string, number> }>;
};
const expected = JSON.parse(readFileSync(join(golden, 'expected.json'), 'utf8')) as {
  shops: Array<{ slug: string; totals: Record<string, unknown>; daily: Array<Record<string, number | string>> }>;
};

let wh: Warehouse;
let dispose: () => Promise<void>;
beforeAll(async () => {
  ({ wh, dispose } = await openTempWarehouse());
  for (const [i, shop] of manifest.shops.entries()) {
    for (const kind of IMPORT_KINDS) {
      await runImport(wh, {
        shop: { id: i + 1, timeZone: shop.timeZone, currency: shop.currency },
        kind,
        path: join(golden, shop.slug, `${kind}-00000.csv`),
      });
    }
  }
});
afterAll(async () => dispose());

describe.each(manifest.shops.map((s, i) => ({ ...s, id: i + 1 })))('tiny world, shop $slug', (shop) => {
  const want = expected.shops.find((s) => s.slug === shop.slug);
  const scope = () => wh.forShop(shop.id);

  it('stores every row once', async () => {
    const [events] = await scope().rows<{ n: number }>('SELECT count() AS n FROM events WHERE shop_id = {shop_id:UInt32}', {}, tag);
    expect(events?.n).toBe(shop.counts.events);
    const [items] = await scope().rows<{ n: number }>(
      'SELECT count() AS n FROM order_items FINAL WHERE shop_id = {shop_id:UInt32}',
      {},
      tag,
    );
    expect(items?.n).toBe(shop.counts.orderItems);
  });

  it('gives the independently computed totals', async () => {
    const [t] = await scope().rows<Record<string, number>>(
      `SELECT uniqExact(visitor_id) AS uv, countIf(event_name IN ('page_view', 'product_view')) AS pv, uniqExact(session_id, day) AS sessions
       FROM events WHERE shop_id = {shop_id:UInt32}`,
      {},
      tag,
    );
    const [o] = await scope().rows<Record<string, number>>(
      `SELECT countIf(paid_at IS NOT NULL) AS paid_orders, uniqExactIf(customer_id, paid_at IS NOT NULL) AS paying_buyers,
              sumIf(paid_amount, paid_at IS NOT NULL) AS gmv, sumIf(refund_amount, refunded_at IS NOT NULL) AS refund_amount
       FROM orders FINAL WHERE shop_id = {shop_id:UInt32}`,
      {},
      tag,
    );
    expect({ ...t, ...o }).toEqual({
      uv: want?.totals.uv,
      pv: want?.totals.pv,
      sessions: want?.totals.sessions,
      paid_orders: want?.totals.paid_orders,
      paying_buyers: want?.totals.paying_buyers,
      gmv: want?.totals.gmv,
      refund_amount: want?.totals.refund_amount,
    });
  });

  it('puts each event on the shop-local day the independent computation does', async () => {
    const rows = await scope().rows<{ day: string; uv: number; pv: number }>(
      `SELECT toString(day) AS day, uniqExact(visitor_id) AS uv, countIf(event_name IN ('page_view', 'product_view')) AS pv
       FROM events WHERE shop_id = {shop_id:UInt32} GROUP BY day ORDER BY day`,
      {},
      tag,
    );
    const wantDaily = (want?.daily ?? []).filter((d) => Number(d.uv) > 0).map((d) => ({ day: d.day, uv: d.uv, pv: d.pv }));
    expect(rows).toEqual(wantDaily);
  });

  it('keeps the latest state of each order', async () => {
    const rows = await scope().rows<{ status: string; n: number }>(
      'SELECT status, count() AS n FROM orders FINAL WHERE shop_id = {shop_id:UInt32} GROUP BY status ORDER BY status',
      {},
      tag,
    );
    expect(Object.fromEntries(rows.map((r) => [r.status, r.n]))).toEqual(want?.totals.orders_by_latest_status);
  });
});
