/**
 * Import speed of one events CSV through the full path (framing, staging, typing, merge with
 * dedup, materialized views), next to the engine's own INSERT ... SELECT FROM file() of the same
 * file into an identical table, in the same run. Uses the demo world's largest shop unless a
 * file is given: `pnpm bench import [events.csv]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImport } from '@storelens/etl';
import { generate } from '@storelens/fixtures';
import { migrate, Warehouse } from '@storelens/sql';

export async function run(args: string[]): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'storelens-bench-import-'));
  try {
    let file = args[0];
    if (!file) {
      await generate({ size: 'demo', seed: 42, endDate: '2026-11-20', out: join(root, 'w'), format: 'csv' });
      file = join(root, 'w', 'lotus-tea', 'events-00000.csv');
    }
    const wh = await Warehouse.open({ mode: 'embedded', path: join(root, 'wh') });
    await migrate(wh);
    const r = await runImport(wh, { shop: { id: 1, timeZone: 'Asia/Shanghai', currency: 'CNY' }, kind: 'events', path: file });
    const ours = r.rowsRead / (r.elapsedMs / 1000);
    // The engine's own path: the same file into a copy of events. The copy has no materialized
    // views and nothing is validated or deduplicated, so this baseline flatters the engine.
    const admin = wh.admin();
    const tag = { purpose: 'bench.engine', lane: 'bulk' as const, timeoutSeconds: 3600 };
    await admin.command('CREATE TABLE bench_events AS events', {}, tag);
    const t = performance.now();
    await admin.command(
      `INSERT INTO bench_events SELECT 1, toDate(ts, 'Asia/Shanghai'), ts, cityHash64(event_id), event, visitor_id, ifNull(customer_id, ''), ifNull(session_id, ''),
         channel, ifNull(utm_source, ''), ifNull(utm_medium, ''), ifNull(utm_campaign, ''), ifNull(live_room_id, ''), ifNull(sharer_id, ''), ifNull(referrer, ''),
         ifNull(device, ''), ifNull(region, ''), ifNull(product_id, ''), ifNull(category, ''), ifNull(order_id, ''), ifNull(quantity, 0), ifNull(amount, 0),
         ifNull(search_term, ''), map(), 'bench', now()
       FROM file({path:String}, CSVWithNames)`,
      { path: file },
      tag,
    );
    const engine = r.rowsRead / ((performance.now() - t) / 1000);
    await wh.close();
    console.log(`events CSV import, ${r.rowsRead.toLocaleString('en-US')} rows`);
    console.log(`  storelens import      ${Math.round(ours).toLocaleString('en-US')} rows/s  (phases ms: ${JSON.stringify(r.phaseMs)})`);
    console.log(`  engine file() insert  ${Math.round(engine).toLocaleString('en-US')} rows/s  (no validation, no dedup, no views)`);
    console.log(`  ratio                 ${(ours / engine).toFixed(2)}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
