import { rmSync } from 'node:fs';
import { generate } from '@storelens/fixtures';

const size = (process.argv[2] ?? 'tiny') as 'tiny';
const format = (process.argv[3] ?? 'csv') as 'csv';
const dirty = Number(process.argv[4] ?? 0);
rmSync(`/tmp/gen-${size}`, { recursive: true, force: true });
const t = performance.now();
const m = await generate({ size, seed: 42, endDate: '2026-11-20', out: `/tmp/gen-${size}`, format, dirty });
console.log(
  JSON.stringify(m.totals),
  m.shops.map((s) => `${s.slug}:${s.counts.events}`).join(' '),
  `${((performance.now() - t) / 1000).toFixed(2)}s`,
);
