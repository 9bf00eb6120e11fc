import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../src/demo/load-demo.js';
import { AnnotationsRepo, ImportJobsRepo, ShopsRepo, UsersRepo } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openTempStores } from './temp-stores.js';

let stores: Stores;
let dispose: () => Promise<void>;
const log: string[] = [];
const options = { events: 20_000, endDate: '2026-06-30', log: (m: string) => log.push(m) };
const eventCount = async (shopId: number) =>
  (
    await stores.warehouse
      .forShop(shopId)
      .rows<{ n: number }>('SELECT count() AS n FROM events WHERE shop_id = {shop_id:UInt32}', {}, { purpose: 'test' })
  )[0]?.n;

const markedDays = async (slug: string) => {
  const shop = await new ShopsRepo(stores.metadata).getBySlug(slug);
  return (await new AnnotationsRepo(stores.metadata).list(shop.id)).map((m) => [m.from, m.title]);
};

beforeAll(async () => {
  ({ stores, dispose } = await openTempStores());
});
afterAll(async () => dispose());

describe('the demo world on first start', () => {
  it('creates the demo shops and loads them through import jobs', async () => {
    expect(await loadDemoIfEmpty(stores, options)).toBe('loaded');
    const shops = await new ShopsRepo(stores.metadata).list();
    expect(shops.map((s) => s.slug)).toEqual(['lotus-tea', 'north-peak', 'little-panda', 'harbor-home']);
    const jobs = await new ImportJobsRepo(stores.metadata).list(shops[0]?.id ?? 0);
    expect(jobs.map((j) => j.kind).sort()).toEqual(['customers', 'events', 'order_items', 'orders', 'products']);
    expect(jobs.every((j) => j.status === 'succeeded' && j.rows_rejected === 0)).toBe(true);
    const events = jobs.find((j) => j.kind === 'events');
    expect(await eventCount(shops[0]?.id ?? 0)).toBe(events?.rows_loaded);
    expect(log.at(-1)).toMatch(/demo world ready: 4 shops/);
    // The generator's sale days, marked: 182 days ending 30 June 2026 hold Women's Day and 618 for
    // the CNY shops (fixtures/src/calendar.ts), nothing for the US shop (its sale days are in July and November).
    expect(await markedDays('lotus-tea')).toEqual([
      ['2026-03-08', 'Women’s Day (3.8)'],
      ['2026-06-18', '618 mid-year sale'],
    ]);
    expect(await markedDays('harbor-home')).toEqual([]);
    const signIn = log.find((l) => l.startsWith('sign in as admin@storelens.local with password '));
    expect(signIn).toBeDefined();
    const password = /with password (\S+)/.exec(signIn ?? '')?.[1] ?? '';
    const users = new UsersRepo(stores.metadata);
    const admin = await users.authenticate('admin@storelens.local', password);
    expect(admin).toBeDefined();
    expect(await users.memberships(admin?.id ?? 0)).toEqual([
      expect.objectContaining({ organizationName: 'Demo organization', role: 'owner' }),
    ]);
  });

  it('does nothing on later starts', async () => {
    expect(await loadDemoIfEmpty(stores, options)).toBe('skipped');
  });

  it('resumes an interrupted load without duplicating anything', async () => {
    const shop = await new ShopsRepo(stores.metadata).getBySlug('lotus-tea');
    const before = await eventCount(shop.id);
    const marker = join(stores.config.dataDir, 'demo-state.json');
    writeFileSync(marker, JSON.stringify({ status: 'loading' }));
    expect(await loadDemoIfEmpty(stores, options)).toBe('loaded');
    expect(await eventCount(shop.id)).toBe(before);
    expect(JSON.parse(readFileSync(marker, 'utf8')).status).toBe('done');
    expect(await markedDays('lotus-tea')).toHaveLength(2);
  });
});
