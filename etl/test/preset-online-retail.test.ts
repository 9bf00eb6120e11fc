/**
 * The whole UCI Online Retail file through the online-retail preset, checked against figures
 * computed independently from the raw file by datasets/online_retail_expected.py.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Warehouse } from '@storelens/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESETS, runPresetImport } from '../src/index.js';
import { datasetFile } from './datasets.js';
import { openTempWarehouse, tag } from './temp-warehouse.js';

const file = datasetFile('online_retail/online_retail.csv.gz');
const shop = { id: 1, timeZone: 'Europe/London', currency: 'GBP' };

describe.skipIf(!file)('online-retail preset on the real file', () => {
  let wh: Warehouse;
  let dispose: () => Promise<void>;
  let expected: Record<string, unknown>;
  let result: Awaited<ReturnType<typeof runPresetImport>>;

  beforeAll(async () => {
    expected = JSON.parse(
      execFileSync('python3', [join(import.meta.dirname, 'datasets', 'online_retail_expected.py'), file as string], { encoding: 'utf8' }),
    );
    ({ wh, dispose } = await openTempWarehouse());
    const preset = PRESETS['online-retail'];
    if (!preset) throw new Error('no preset');
    result = await runPresetImport(wh, { shop, preset, path: file as string });
  }, 180_000);
  afterAll(async () => dispose());

  const one = async (sql: string) => (await wh.forShop(shop.id).rows<Record<string, unknown>>(sql, {}, tag))[0] ?? {};

  it('loads every sale line as an order line and rejects adjustments with their reason', async () => {
    expect(result.order_items).toMatchObject({ rowsLoaded: expected.order_items, rowsRejected: 1339 });
    const rejects = await wh
      .forShop(shop.id)
      .rows<{ reason: string; n: number }>(
        'SELECT reason, count() AS n FROM import_rejects WHERE shop_id = {shop_id:UInt32} GROUP BY reason ORDER BY n',
        {},
        tag,
      );
    expect(rejects).toEqual([
      { reason: 'bad-debt adjustment (invoice starting with A), not a sale', n: (expected.rejected as Record<string, number>).bad_debt },
      {
        reason: 'stock adjustment: a negative line without a cancellation invoice',
        n: (expected.rejected as Record<string, number>).write_off,
      },
    ]);
  });

  it('makes one order per sales invoice, with refunds from C invoices on the order they cancel', async () => {
    const o = await one(
      `SELECT countIf(status = 'completed') AS completed, countIf(status = 'partially_refunded') AS partly,
              countIf(status = 'refunded' AND paid_at IS NOT NULL) AS fully, countIf(paid_at IS NULL) AS refund_only,
              sumIf(refund_amount, paid_at IS NOT NULL) AS refund_matched, sumIf(refund_amount, paid_at IS NULL) AS refund_unmatched,
              sumIf(paid_amount, paid_at IS NOT NULL) AS sales
       FROM orders FINAL WHERE shop_id = {shop_id:UInt32}`,
    );
    const e = expected as Record<string, number | string>;
    expect(o).toEqual({
      completed: Number(e.orders) - Number(e.refunded_orders),
      partly: Number(e.refunded_orders) - Number(e.refunded_orders_fully),
      fully: e.refunded_orders_fully,
      refund_only: e.refund_only_records,
      refund_matched: Number(e.refund_amount_matched),
      refund_unmatched: Number(e.refund_amount_unmatched),
      sales: Number(e.sales_amount),
    });
  });

  it('loads each customer once', async () => {
    expect(await one('SELECT count() AS n FROM customers FINAL WHERE shop_id = {shop_id:UInt32}')).toEqual({ n: expected.customers });
  });

  it('a second import of the same file changes nothing', async () => {
    const preset = PRESETS['online-retail'];
    if (!preset) throw new Error('no preset');
    const again = await runPresetImport(wh, { shop, preset, path: file as string });
    for (const r of Object.values(again)) expect(r.rowsLoaded + r.rowsUpdated).toBe(0);
  }, 120_000);
});
