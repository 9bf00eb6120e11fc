/**
 * Embedded concurrency: chDB runs one query at a time per connection, so the warehouse keeps
 * separate connections per lane. This measures (1) one slow query, (2) two slow queries at once
 * on the interactive lane (should take about the time of one), (3) a short interactive query
 * while a slow bulk query runs (should not wait for it). The queries bind parameters, as every
 * Storelens query does: chdb's own parameter binder runs such queries one at a time per process,
 * which an unparameterized bench did not show (sql/src/session-params.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '@storelens/sql';

const SLOW = 'SELECT count() AS n FROM numbers({rows:UInt64}) WHERE sipHash64(number) % 7 = 1';
const QUICK = 'SELECT sum(number) AS s FROM numbers({rows:UInt64})';

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'storelens-bench-pool-'));
  const wh = await Warehouse.open({ mode: 'embedded', path: dir, interactiveConnections: 2, bulkConnections: 1 });
  const admin = wh.admin();
  const slow = (lane: 'interactive' | 'bulk') => admin.rows(SLOW, { rows: 150_000_000 }, { purpose: 'bench.slow', lane });
  try {
    await slow('interactive'); // warm-up
    const one = await timed(() => slow('interactive'));
    const two = await timed(() => Promise.all([slow('interactive'), slow('interactive')]));
    const sameConnection = await timed(async () => {
      await slow('bulk');
      await slow('bulk');
    });
    let quickDuringBulk = 0;
    const bulk = slow('bulk');
    await new Promise((r) => setTimeout(r, 100));
    quickDuringBulk = await timed(() => admin.rows(QUICK, { rows: 1000 }, { purpose: 'bench.quick' }));
    const bulkTotal = await timed(() => bulk);
    const rows = [
      ['one slow query', one],
      ['two slow queries in parallel (2 interactive connections)', two],
      ['two slow queries one after another (1 bulk connection)', sameConnection],
      ['quick interactive query while a bulk query runs', quickDuringBulk],
      ['(remaining time of that bulk query)', bulkTotal],
    ] as const;
    console.log('embedded connection lanes (ms, lower is better)');
    for (const [label, ms] of rows) console.log(`  ${label.padEnd(60)} ${ms.toFixed(0).padStart(7)}`);
    console.log(`  parallel / single ratio: ${(two / one).toFixed(2)} (1.0 = perfect overlap, 2.0 = serialized)`);
  } finally {
    await wh.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
