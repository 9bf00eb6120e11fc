/**
 * The cdnow and taobao-user-behavior presets on the real files, checked against the figures the
 * datasets' READMEs publish (../shared/datasets/<name>/README.md), which come from the data's
 * curators, not from this code.
 */
import type { Warehouse } from '@storelens/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESETS, runPresetImport } from '../src/index.js';
import { datasetFile } from './datasets.js';
import { openTempWarehouse, tag } from './temp-warehouse.js';

const cdnow = datasetFile('cdnow/CDNOW_master.txt.gz');
const taobao = datasetFile('taobao_user_behavior_slice/UserBehavior_slice.csv.gz');

let wh: Warehouse;
let dispose: () => Promise<void>;
beforeAll(async () => {
  ({ wh, dispose } = await openTempWarehouse());
});
afterAll(async () => dispose());

const rows = <T>(shopId: number, sql: string) => wh.forShop(shopId).rows<T>(sql, {}, tag);

describe.skipIf(!cdnow)('cdnow preset', () => {
  const shopId = 1;
  it('loads 69,659 purchases of 23,570 customers: $2,500,315.63 for 167,881 CDs', async () => {
    const preset = PRESETS.cdnow;
    if (!preset || !cdnow) throw new Error('setup');
    const r = await runPresetImport(wh, { shop: { id: shopId, ...preset.shop }, preset, path: cdnow });
    expect(r.orders).toMatchObject({ rowsRead: 69_659, rowsLoaded: 69_659, rowsRejected: 0 });
    expect(r.customers).toMatchObject({ rowsLoaded: 23_570 });
    expect(
      await rows(shopId, 'SELECT count() AS n, sum(paid_amount) AS dollars FROM orders FINAL WHERE shop_id = {shop_id:UInt32}'),
    ).toEqual([{ n: 69_659, dollars: 2_500_315.63 }]);
    expect(await rows(shopId, 'SELECT sum(quantity) AS cds FROM order_items FINAL WHERE shop_id = {shop_id:UInt32}')).toEqual([
      { cds: 167_881 },
    ]);
  });

  it('gives the three acquisition cohorts: 7,846 in January, 8,476 in February, 7,248 in March 1997', async () => {
    const cohorts = await rows<{ cohort: string; n: number }>(
      shopId,
      `SELECT toString(cohort) AS cohort, count() AS n FROM (
         SELECT customer_id, toStartOfMonth(toDate(min(first_order_at), 'America/New_York')) AS cohort
         FROM customer_first_facts WHERE shop_id = {shop_id:UInt32} GROUP BY customer_id)
       GROUP BY cohort ORDER BY cohort`,
    );
    expect(cohorts).toEqual([
      { cohort: '1997-01-01', n: 7_846 },
      { cohort: '1997-02-01', n: 8_476 },
      { cohort: '1997-03-01', n: 7_248 },
    ]);
  });
});

describe.skipIf(!taobao)('taobao-user-behavior preset', () => {
  const shopId = 2;
  it('loads the 110,300 events of 66,454 users with their behaviours', async () => {
    const preset = PRESETS['taobao-user-behavior'];
    if (!preset || !taobao) throw new Error('setup');
    const r = await runPresetImport(wh, { shop: { id: shopId, ...preset.shop }, preset, path: taobao });
    expect(r.events).toMatchObject({ rowsRead: 110_300, rowsLoaded: 110_300, rowsRejected: 0 });
    expect(
      await rows(
        shopId,
        'SELECT event_name, count() AS n FROM events WHERE shop_id = {shop_id:UInt32} GROUP BY event_name ORDER BY n DESC',
      ),
    ).toEqual([
      { event_name: 'product_view', n: 98_361 },
      { event_name: 'add_to_cart', n: 6_063 },
      { event_name: 'favorite', n: 3_383 },
      { event_name: 'order_paid', n: 2_493 },
    ]);
    expect(
      await rows(
        shopId,
        'SELECT uniqExact(visitor_id) AS users, min(ts) AS first, max(ts) AS last FROM events WHERE shop_id = {shop_id:UInt32}',
      ),
    ).toEqual([{ users: 66_454, first: '2017-11-26T01:00:00.000Z', last: '2017-11-26T03:10:11.000Z' }]);
  });
});
