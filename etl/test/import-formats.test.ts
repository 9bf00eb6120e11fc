/**
 * The same tiny world as CSV, gzip CSV, JSONL, Parquet and Arrow IPC loads to the same stored
 * answers, which match the independently computed expected.json.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, type OutputFormat } from '@storelens/fixtures';
import type { Warehouse } from '@storelens/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_KINDS, runImport } from '../src/index.js';
import { openTempWarehouse, tag } from './temp-warehouse.js';

const golden = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'golden', 'tiny');
const expected = JSON.parse(readFileSync(join(golden, 'expected.json'), 'utf8')).shops[0].totals;
const root = mkdtempSync(join(tmpdir(), 'storelens-formats-'));
let wh: Warehouse;
let dispose: () => Promise<void>;

beforeAll(async () => {
  ({ wh, dispose } = await openTempWarehouse());
  const base = { size: 'tiny' as const, seed: 42, endDate: '2026-11-20' };
  for (const format of ['jsonl', 'parquet'] as OutputFormat[]) await generate({ ...base, format, out: join(root, format) });
  await generate({ ...base, format: 'csv', gzip: true, out: join(root, 'csvgz') });
  // Arrow IPC files, converted from the Parquet ones by the engine.
  for (const kind of IMPORT_KINDS) {
    await wh
      .admin()
      .command(
        "INSERT INTO FUNCTION file({out:String}, 'Arrow') SELECT * FROM file({in:String}, 'Parquet')",
        { out: join(root, `${kind}.arrow`), in: join(root, 'parquet', 'tiny-tea', `${kind}-00000.parquet`) },
        tag,
      );
  }
});
afterAll(async () => {
  await dispose();
  rmSync(root, { recursive: true, force: true });
});

const cases = [
  { name: 'gzip CSV', shop: 11, path: (k: string) => join(root, 'csvgz', 'tiny-tea', `${k}-00000.csv.gz`) },
  { name: 'JSONL', shop: 12, path: (k: string) => join(root, 'jsonl', 'tiny-tea', `${k}-00000.jsonl`) },
  { name: 'Parquet', shop: 13, path: (k: string) => join(root, 'parquet', 'tiny-tea', `${k}-00000.parquet`) },
  { name: 'Arrow IPC', shop: 14, path: (k: string) => join(root, `${k}.arrow`) },
];

describe.each(cases)('$name', ({ shop, path }) => {
  it('loads every row and gives the independently computed totals', async () => {
    for (const kind of IMPORT_KINDS) {
      const r = await runImport(wh, { shop: { id: shop, timeZone: 'Asia/Shanghai', currency: 'CNY' }, kind, path: path(kind) });
      expect(r.rowsRejected, kind).toBe(0);
      expect(r.rowsLoaded, kind).toBe(r.rowsRead);
    }
    const scope = wh.forShop(shop);
    const [t] = await scope.rows<Record<string, number>>(
      "SELECT uniqExact(visitor_id) AS uv, countIf(event_name IN ('page_view', 'product_view')) AS pv, uniqExact(session_id, day) AS sessions FROM events WHERE shop_id = {shop_id:UInt32}",
      {},
      tag,
    );
    const [o] = await scope.rows<Record<string, number>>(
      'SELECT countIf(paid_at IS NOT NULL) AS paid_orders, sumIf(paid_amount, paid_at IS NOT NULL) AS gmv FROM orders FINAL WHERE shop_id = {shop_id:UInt32}',
      {},
      tag,
    );
    expect({ ...t, ...o }).toEqual({
      uv: expected.uv,
      pv: expected.pv,
      sessions: expected.sessions,
      paid_orders: expected.paid_orders,
      gmv: expected.gmv,
    });
  });
});

describe('JSONL lines that are not objects', () => {
  it('are rejected with their line number', async () => {
    const { writeFileSync } = await import('node:fs');
    const file = join(root, 'bad.jsonl');
    writeFileSync(
      file,
      '{"ts":"2026-06-01T10:00:00Z","event":"page_view","visitor_id":"v1"}\n\n[1,2]\nnot json\n{"ts":"2026-06-01T10:01:00Z","event":"page_view","visitor_id":"v2","amount":"x"}\n',
    );
    const r = await runImport(wh, { shop: { id: 15, timeZone: 'UTC', currency: 'USD' }, kind: 'events', path: file });
    expect(r).toMatchObject({ rowsRead: 4, rowsLoaded: 1, rowsRejected: 3 });
    const rejects = await wh
      .forShop(15)
      .rows<{ line: number; reason: string }>(
        'SELECT line, reason FROM import_rejects WHERE shop_id = {shop_id:UInt32} ORDER BY line',
        {},
        tag,
      );
    expect(rejects).toEqual([
      { line: 3, reason: 'the line is not a JSON object' },
      { line: 4, reason: 'the line is not a JSON object' },
      { line: 5, reason: 'amount "x" is not a decimal number such as 128.50' },
    ]);
  });
});
