/**
 * Should the dashboard fetch large tables as Arrow instead of JSON? For a result table of N rows
 * (a dataset-like shape: a day, a channel, six numbers), the time to encode on the server, the
 * bytes on the wire (raw and gzip), and the time to decode into row objects in the browser's
 * engine (V8, as in Chromium), for JSON and for Arrow IPC (apache-arrow, as the exports write it).
 *   pnpm bench transfer [rows...]   (default 1,000 10,000 100,000 1,000,000)
 */
import { gzipSync } from 'node:zlib';
import { tableFromIPC } from 'apache-arrow';
import type { ExportTable } from '../server/src/exports/table.js';
import { toArrow } from '../server/src/exports/write-table.js';

const CHANNELS = ['search', 'ads', 'live_stream', 'recommendation', 'social_share', 'direct', 'email_sms'];

function table(n: number): ExportTable {
  const rows = Array.from({ length: n }, (_, i) => ({
    day: new Date(Date.UTC(2026, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10),
    channel: CHANNELS[i % CHANNELS.length] as string,
    uv: (i * 7919) % 100_000,
    pv: (i * 104_729) % 1_000_000,
    paid_orders: (i * 31) % 5_000,
    paying_buyers: (i * 17) % 4_000,
    gmv: Math.round(((i * 2_654_435_761) % 100_000_000) / 100) / 100,
    conversion_rate: ((i * 13) % 1000) / 10_000,
  }));
  return {
    name: 'bench',
    columns: [
      { name: 'day', type: 'date', unit: 'Asia/Shanghai' },
      { name: 'channel', type: 'string', unit: null },
      ...['uv', 'pv', 'paid_orders', 'paying_buyers', 'gmv', 'conversion_rate'].map((name) => ({
        name,
        type: 'number' as const,
        unit: null,
      })),
    ],
    rows,
  };
}

const time = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const out = f();
  return [out, performance.now() - t];
};

export async function run(args: string[]): Promise<void> {
  const sizes = args.length ? args.map(Number) : [1_000, 10_000, 100_000, 1_000_000];
  console.log(
    'rows       | JSON: encode ms, bytes (gzip), decode ms | Arrow: encode ms, bytes (gzip), decode ms (to row objects / columns only)',
  );
  for (const n of sizes) {
    const t = table(n);
    const [json, jsonEncode] = time(() => Buffer.from(JSON.stringify(t.rows)));
    const [, jsonDecode] = time(() => JSON.parse(json.toString('utf8')) as unknown[]);
    const [arrow, arrowEncode] = time(() => toArrow(t));
    const [, arrowRows] = time(() => tableFromIPC(arrow).toArray());
    const [, arrowColumns] = time(() => {
      const tbl = tableFromIPC(arrow);
      return t.columns.map((c) => tbl.getChild(c.name)?.toArray());
    });
    const kb = (b: Buffer) => `${(b.length / 1024).toFixed(0)} kB (${(gzipSync(b).length / 1024).toFixed(0)} kB)`;
    console.log(
      `${n.toLocaleString('en-US').padEnd(10)} | ${jsonEncode.toFixed(0)} ms, ${kb(json)}, ${jsonDecode.toFixed(0)} ms | ${arrowEncode.toFixed(0)} ms, ${kb(arrow)}, ${arrowRows.toFixed(0)} ms / ${arrowColumns.toFixed(0)} ms`,
    );
  }
}
