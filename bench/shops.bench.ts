/**
 * The All shops page (`GET /api/v1/analyses/shops`): every shop's 7-day overview against the week
 * before and the diagnosis of its last day, for `count` shops of a world (those around the median
 * size, loaded through the normal import path), timed one shop at a time and as many at once as
 * the warehouse has interactive connections, alternating, median of 3 runs after a warm-up.
 *   pnpm bench shops [world folder] [count]   (default: the bench world at /tmp/bench-world, 60 shops)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '../server/src/analyses/local-time.js';
import { shopsCompared } from '../server/src/analyses/shops-compared.analysis.js';
import { loadConfig } from '../server/src/config.js';
import { type Shop, ShopsRepo } from '../server/src/metadata/index.js';
import { openStores } from '../server/src/store/open-stores.js';
import { median } from './median.js';
import { loadWorldShop, readWorld } from './world.js';

export async function run(args: string[]): Promise<void> {
  const world = args[0] ?? '/tmp/bench-world';
  const count = Number(args[1] ?? 60);
  if (!Number.isInteger(count) || count < 1) throw new Error(`count must be a whole number, 1 or more; got "${args[1]}"`);
  const root = mkdtempSync(join(tmpdir(), 'storelens-bench-shops-'));
  try {
    const { bySize, endDate } = readWorld(world);
    const start = Math.max(0, Math.floor(bySize.length / 2) - Math.floor(count / 2));
    const picked = bySize.slice(start, start + count);
    const stores = await openStores(loadConfig({ ...process.env, STORELENS_DATA_DIR: join(root, 'data') }), { command: 'bench shops' });
    const repo = new ShopsRepo(stores.metadata);
    const org = await repo.createOrganization('Bench');
    const t0 = performance.now();
    const shops: Shop[] = [];
    for (const s of picked) shops.push(await loadWorldShop(stores, repo, org.id, world, s));
    const events = picked.reduce((a, s) => a + s.counts.events, 0);
    console.log(
      `loaded ${shops.length} shops around the median (${events.toLocaleString('en-US')} events) in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
    const reach = shops.map((shop) => ({ shop, refusal: null }));
    const pool = stores.warehouse.laneStats().interactive.size;
    // The world's last week (a week "ending yesterday" would be empty on an older world).
    const range = { from: addDays(endDate, -6), to: endDate };
    const time = async (concurrency: number) => {
      const t = performance.now();
      const r = await shopsCompared(stores.warehouse, reach, range, {}, { concurrency });
      if (r.rows.length !== shops.length) throw new Error(`expected ${shops.length} rows, got ${r.rows.length}`);
      return performance.now() - t;
    };
    await time(pool); // warm-up
    const one: number[] = [];
    const many: number[] = [];
    for (let i = 0; i < 3; i++) {
      one.push(await time(1));
      many.push(await time(pool));
    }
    const line = (label: string, xs: number[]) =>
      `  ${label.padEnd(34)} ${median(xs).toFixed(0).padStart(6)} ms  (${(median(xs) / shops.length).toFixed(1)} ms a shop)`;
    console.log(`\nAll shops, ${shops.length} shops, ${range.from}..${range.to}, median of 3 (ms):`);
    console.log(line('one shop at a time', one));
    console.log(line(`${pool} at once (interactive connections)`, many));
    console.log(`  speed-up ${(median(one) / median(many)).toFixed(2)}×`);
    await stores.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
