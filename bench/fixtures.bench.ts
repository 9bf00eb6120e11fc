/**
 * Generation speed of the fixtures generator: the demo world as CSV and Parquet, or any size
 * given on the command line (`pnpm bench fixtures bench parquet` for the 100M-event world).
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate, type OutputFormat, type SizeName } from '@storelens/fixtures';

function bytes(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) total += statSync(join(e.parentPath, e.name)).size;
  return total;
}

export async function run(args: string[]): Promise<void> {
  const size = (args[0] ?? 'demo') as SizeName;
  const formats = (args[1] ? [args[1]] : ['csv', 'parquet']) as OutputFormat[];
  console.log(`fixtures generator, size ${size} (2 workers)`);
  for (const format of formats) {
    const out = mkdtempSync(join(tmpdir(), 'storelens-bench-fixtures-'));
    const t = performance.now();
    const m = await generate({ size, seed: 42, endDate: '2026-11-20', out: join(out, 'w'), format });
    const s = (performance.now() - t) / 1000;
    const largest = Math.max(...m.shops.map((x) => x.counts.events));
    console.log(
      `  ${format.padEnd(8)} ${m.totals.events.toLocaleString('en-US')} events, ${m.shops.length} shops (largest ${largest.toLocaleString('en-US')}) in ${s.toFixed(1)}s = ${Math.round(m.totals.events / s).toLocaleString('en-US')} events/s, ${(bytes(out) / 1e6).toFixed(0)} MB`,
    );
    rmSync(out, { recursive: true, force: true });
  }
}
