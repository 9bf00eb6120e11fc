/**
 * Raw export speed and memory: the largest shop of a world (the bench world's has 15.7M events),
 * exported as Parquet, Arrow IPC (LZ4, the default), CSV and JSON lines through the same code the
 * API streams, with rows/s, the time to the first byte, the process's peak resident memory while
 * exporting, and the latency of a small interactive query (a 7-day overview of another shop) run
 * repeatedly during the export.
 *   pnpm bench export [world folder] [days]   (default: a generated demo world; all days)
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { generate } from '@storelens/fixtures';
import { overview } from '../server/src/analyses/overview.analysis.js';
import { loadConfig } from '../server/src/config.js';
import { countRows, type RawFormat, rawExport } from '../server/src/exports/raw-export.js';
import { ShopsRepo } from '../server/src/metadata/index.js';
import { openStores } from '../server/src/store/open-stores.js';
import { median } from './median.js';
import { loadWorldShop, type ManifestShop, readWorld } from './world.js';

export async function run(args: string[]): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'storelens-bench-export-'));
  try {
    let world = args[0];
    if (!world) {
      world = join(root, 'world');
      await generate({ size: 'demo', seed: 42, endDate: '2026-11-20', out: world, format: 'parquet', shops: 2 });
    }
    const manifest = readWorld(world);
    const { bySize } = manifest;
    const config = loadConfig({ ...process.env, STORELENS_DATA_DIR: join(root, 'data') });
    const stores = await openStores(config, { command: 'bench export' });
    const repo = new ShopsRepo(stores.metadata);
    const org = await repo.createOrganization('Bench');
    const load = (s: ManifestShop) => loadWorldShop(stores, repo, org.id, world as string, s);
    const t0 = performance.now();
    const big = await load(bySize[bySize.length - 1] as ManifestShop);
    const small = await load(bySize[0] as ManifestShop);
    console.log(`loaded ${big.slug} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const days = args[1] ? Number(args[1]) : null;
    const to = manifest.endDate;
    const from = days ? new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10) : manifest.startDate;
    const range = { from, to };
    const rows = await countRows(stores.warehouse.forShop(big.id), 'events', range);
    console.log(`exporting ${rows.toLocaleString('en-US')} events of ${big.slug}, ${from}..${to}\n`);
    const smallRange = { from: new Date(Date.parse(`${to}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10), to };
    // Each format twice: alone (throughput), then with a dashboard query every 100 ms (isolation;
    // those queries take CPU from the export on two cores, so its rate drops).
    for (const format of ['parquet', 'arrow', 'csv', 'json'] as RawFormat[]) {
      for (const withProbe of [false, true]) {
        const out = join(root, `events.${format}`);
        const baseline = process.memoryUsage().rss;
        let peak = baseline;
        const sampler = setInterval(() => {
          peak = Math.max(peak, process.memoryUsage().rss);
        }, 50);
        const latencies: number[] = [];
        let exporting = withProbe;
        const probe = (async () => {
          while (exporting) {
            const t = performance.now();
            await overview(stores.warehouse.forShop(small.id), small, smallRange);
            latencies.push(performance.now() - t);
            await new Promise((r) => setTimeout(r, 100));
          }
        })();
        const started = performance.now();
        const stream = await rawExport(stores.warehouse.forShop(big.id), big, 'events', format, range);
        const firstByte = (performance.now() - started) / 1000;
        await pipeline(stream, createWriteStream(out));
        const seconds = (performance.now() - started) / 1000;
        exporting = false;
        await probe;
        clearInterval(sampler);
        const rate = Math.round(rows / seconds).toLocaleString('en-US');
        const size = (statSync(out).size / 1e6).toFixed(0);
        const meanwhile = withProbe
          ? `7-day overview every 100 ms meanwhile: median ${median(latencies).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms (${latencies.length} runs)`
          : 'alone';
        console.log(
          `${format.padEnd(8)} ${seconds.toFixed(1).padStart(6)} s (first byte ${firstByte.toFixed(1)} s) ${rate.padStart(11)} rows/s ${size.padStart(5)} MB  RSS ${(baseline / 1e6).toFixed(0)} → peak ${(peak / 1e6).toFixed(0)} MB  ${meanwhile}`,
        );
        rmSync(out, { force: true });
      }
    }
    await stores.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
