/**
 * Retention on real data: the UCI Online Retail file through the online-retail preset, and the
 * monthly first-purchase cohorts with month-k retention against figures computed independently
 * from the raw file by datasets/online_retail_cohorts.py.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { PRESETS, runPresetImport } from '@storelens/etl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetFile } from '../../etl/test/datasets.js';
import { retention } from '../src/analyses/retention.analysis.js';
import { type Shop, ShopsRepo } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openTempStores } from './temp-stores.js';

const file = datasetFile('online_retail/online_retail.csv.gz');
const PERIODS = 12;

describe.skipIf(!file)('monthly cohorts of the Online Retail file', () => {
  let stores: Stores;
  let dispose: () => Promise<void>;
  let shop: Shop;
  let expected: Record<string, number[]>;

  beforeAll(async () => {
    expected = JSON.parse(
      execFileSync('python3', [join(import.meta.dirname, 'datasets', 'online_retail_cohorts.py'), file as string, String(PERIODS)], {
        encoding: 'utf8',
      }),
    );
    ({ stores, dispose } = await openTempStores());
    const repo = new ShopsRepo(stores.metadata);
    const org = await repo.createOrganization('UCI');
    shop = await repo.create({
      organizationId: org.id,
      slug: 'online-retail',
      name: 'Online Retail',
      currency: 'GBP',
      timeZone: 'Europe/London',
    });
    const preset = PRESETS['online-retail'];
    if (!preset) throw new Error('no online-retail preset');
    await runPresetImport(stores.warehouse, {
      shop: { id: shop.id, timeZone: shop.time_zone, currency: shop.currency },
      preset,
      path: file as string,
    });
  }, 240_000);
  afterAll(async () => dispose());

  it('has the same cohort sizes and month-k returning customers as the raw file', async () => {
    const result = await retention(stores.warehouse.forShop(shop.id), shop, { from: '2010-12-01', to: '2011-12-31' }, { periods: PERIODS });
    expect(result.observedUntil).toBe('2011-12-09');
    expect(result.cohorts.map((c) => c.cohort)).toEqual(Object.keys(expected));
    for (const c of result.cohorts) {
      const want = expected[c.cohort] as number[];
      expect(c.size, c.cohort).toBe(want[0]);
      // Months after the data ends are empty in the result; the raw file has nobody there either.
      const observed = c.people.map((p, k) => (p === null ? (want[k] === 0 ? null : `unexpected ${want[k]}`) : want[k]));
      expect(c.people, c.cohort).toEqual(observed);
    }
    // The December 2010 cohort: the textbook figure.
    expect(result.cohorts[0]).toMatchObject({ cohort: '2010-12-01', size: 885 });
  });
});
