/**
 * Live ingestion on loopback: many concurrent clients post event batches to /api/v1/ingest for
 * a fixed time, then the store is checked: every accepted event stored exactly once.
 *   pnpm bench ingest [seconds=20] [clients=64] [eventsPerRequest=1000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '@storelens/server';
import { loadConfig } from '../server/src/config.js';
import { ApiKeysRepo, ShopsRepo } from '../server/src/metadata/index.js';
import { openStores } from '../server/src/store/open-stores.js';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export async function run(args: string[]): Promise<void> {
  const seconds = Number(args[0] ?? 20);
  const clients = Number(args[1] ?? 64);
  const perRequest = Number(args[2] ?? 1000);
  const dataDir = mkdtempSync(join(tmpdir(), 'storelens-bench-ingest-'));
  const stores = await openStores(loadConfig({ STORELENS_DATA_DIR: dataDir }), { command: 'bench ingest' });
  const shops = new ShopsRepo(stores.metadata);
  const org = await shops.createOrganization('Bench');
  const shop = await shops.create({
    organizationId: org.id,
    slug: 'bench-ingest',
    name: 'Bench',
    currency: 'CNY',
    timeZone: 'Asia/Shanghai',
  });
  const { key } = await new ApiKeysRepo(stores.metadata).create({ shopId: shop.id, name: 'bench', scopes: ['ingest'] });
  const app = await buildApp({ stores, serveDashboard: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1/ingest`;

  const latencies: number[] = [];
  let accepted = 0;
  let sent = 0;
  let failed = 0;
  const deadline = performance.now() + seconds * 1000;
  const channels = ['search', 'live_stream', 'ads', 'direct'];
  const client = async (c: number) => {
    let seq = 0;
    while (performance.now() < deadline) {
      const events = Array.from({ length: perRequest }, (_, i) => ({
        event_id: `c${c}-${seq}-${i}`,
        ts: new Date(Date.UTC(2026, 5, 1) + ((seq * perRequest + i) % 86_400_000)).toISOString(),
        event: i % 5 === 0 ? 'product_view' : 'page_view',
        visitor_id: `v${c}-${i % 97}`,
        channel: channels[i % channels.length],
        product_id: i % 5 === 0 ? `P${i % 40}` : undefined,
      }));
      seq++;
      const t = performance.now();
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ events }),
      });
      const body = (await res.json()) as { accepted?: number };
      latencies.push(performance.now() - t);
      sent += perRequest;
      if (res.status === 200) accepted += body.accepted ?? 0;
      else failed++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
  const elapsed = (performance.now() - started) / 1000;
  await app.close(); // flushes anything queued; the stores stay open for the check
  const [stored] = await stores.warehouse
    .forShop(shop.id)
    .rows<{ n: number; ids: number }>(
      'SELECT count() AS n, uniqExact(event_id) AS ids FROM events WHERE shop_id = {shop_id:UInt32}',
      {},
      { purpose: 'bench.check' },
    );
  await stores.close();
  rmSync(dataDir, { recursive: true, force: true });

  latencies.sort((a, b) => a - b);
  console.log(`live ingestion: ${clients} clients × ${perRequest} events/request for ${seconds}s on loopback`);
  console.log(`  sent ${sent.toLocaleString('en-US')}, accepted ${accepted.toLocaleString('en-US')}, failed requests ${failed}`);
  console.log(
    `  throughput ${Math.round(accepted / elapsed).toLocaleString('en-US')} events/s (${Math.round(latencies.length / elapsed)} requests/s)`,
  );
  console.log(
    `  latency ms: p50 ${percentile(latencies, 50).toFixed(0)}, p95 ${percentile(latencies, 95).toFixed(0)}, p99 ${percentile(latencies, 99).toFixed(0)}, max ${(latencies.at(-1) ?? 0).toFixed(0)}`,
  );
  console.log(
    `  stored ${stored?.n.toLocaleString('en-US')} events, ${stored?.ids.toLocaleString('en-US')} distinct ids: ${stored?.n === accepted && stored?.ids === accepted ? 'every accepted event exactly once' : 'MISMATCH'}`,
  );
}
