/**
 * Import speed of an events file through the full path (framing, staging, typing, merge with
 * dedup, materialized views), next to the engine's own INSERT ... SELECT FROM file() of the same
 * file into an identical table, in the same run.
 *   pnpm bench import [rows=1400000] [csv|parquet|both]   (generates one shop with that many events)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImport } from '@storelens/etl';
import { generate } from '@storelens/fixtures';
import { migrate, Warehouse } from '@storelens/sql';

export async function run(args: string[]): Promise<void> {
  const rows = Number(args[0] ?? 1_400_000);
  const formats = args[1] === 'csv' || args[1] === 'parquet' ? [args[1]] : ['csv', 'parquet'];
  for (const format of formats) await runOne(rows, format as 'csv' | 'parquet');
}

async function runOne(rows: number, format: 'csv' | 'parquet'): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'storelens-bench-import-'));
  try {
    const t0 = performance.now();
    await generate({
      size: 'demo',
      seed: 42,
      endDate: '2026-11-20',
      out: join(root, 'w'),
      format,
      shops: 1,
      events: rows,
      rowsPerFile: 100_000_000,
    });
    const file = join(root, 'w', 'lotus-tea', `events-00000.${format}`);
    console.log(`generated ${format} in ${((performance.now() - t0) / 1000).toFixed(1)}s`);
    const wh = await Warehouse.open({ mode: 'embedded', path: join(root, 'wh') });
    await migrate(wh);
    const r = await runImport(wh, { shop: { id: 1, timeZone: 'Asia/Shanghai', currency: 'CNY' }, kind: 'events', path: file });
    const ours = r.rowsRead / (r.elapsedMs / 1000);
    // The engine's own path: the same file into a copy of events. The copy has no materialized
    // views and nothing is validated, deduplicated or numbered (visitor_no stays 0), so this
    // baseline flatters the engine.
    const admin = wh.admin();
    const tag = { purpose: 'bench.engine', lane: 'bulk' as const, timeoutSeconds: 3600 };
    await admin.command('CREATE TABLE bench_events AS events', {}, tag);
    const t = performance.now();
    await admin.command(
      `INSERT INTO bench_events SELECT 1, toDate(ts, 'Asia/Shanghai'), ts, cityHash64(event_id), event, visitor_id, 0, ifNull(customer_id, ''), ifNull(session_id, ''),
         channel, ifNull(utm_source, ''), ifNull(utm_medium, ''), ifNull(utm_campaign, ''), ifNull(live_room_id, ''), ifNull(sharer_id, ''), ifNull(referrer, ''),
         ifNull(device, ''), ifNull(region, ''), ifNull(product_id, ''), ifNull(category, ''), ifNull(order_id, ''), ifNull(quantity, 0), ifNull(amount, 0),
         ifNull(search_term, ''), map(), 'bench', now()
       FROM file({path:String}, {format:String})`,
      { path: file, format: format === 'csv' ? 'CSVWithNames' : 'Parquet' },
      tag,
    );
    const engine = r.rowsRead / ((performance.now() - t) / 1000);
    await wh.close();
    console.log(`events ${format} import, ${r.rowsRead.toLocaleString('en-US')} rows`);
    console.log(`  storelens import      ${Math.round(ours).toLocaleString('en-US')} rows/s  (phases ms: ${JSON.stringify(r.phaseMs)})`);
    console.log(`  engine file() insert  ${Math.round(engine).toLocaleString('en-US')} rows/s  (no validation, no dedup, no views)`);
    console.log(`  ratio                 ${(ours / engine).toFixed(2)}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
