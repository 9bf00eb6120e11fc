/**
 * Embedded exports stream the engine's file while it is being written (src/growing-file.ts). A
 * result big enough to take the engine a few seconds is exported in every format; the streamed
 * bytes are written to a file that the engine then reads back: every row arrives, once, and
 * the totals equal those computed by the engine straight from numbers().
 */
import { createWriteStream, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExportFormat, type Warehouse, WarehouseQueryError } from '../src/index.js';
import { openTempWarehouse } from './temp-warehouse.js';

let wh: Warehouse;
let dir: string;
let dispose: () => Promise<void>;
const out = mkdtempSync(join(tmpdir(), 'export-stream-'));
const tag = { purpose: 'test.export' };
const ROWS = 3_000_000;

beforeAll(async () => {
  ({ wh, dir, dispose } = await openTempWarehouse());
});
afterAll(async () => {
  await dispose();
  rmSync(out, { recursive: true, force: true });
});

const SQL = `SELECT number AS n, toString(cityHash64(number)) AS h, toDate('2026-01-01') + number % 365 AS d
FROM numbers({rows:UInt64})`;

describe('exports read while the engine writes them', () => {
  it.each(['Parquet', 'ArrowStream', 'CSVWithNames', 'JSONEachRow'] as ExportFormat[])(
    '%s: every row once, totals as computed by the engine',
    async (format) => {
      const file = join(out, `x.${format}`);
      const stream = await wh.admin().exportStream(SQL, { rows: ROWS }, tag, format, { arrowCompression: 'lz4_frame' });
      await pipeline(stream, createWriteStream(file));
      const readFormat = format === 'CSVWithNames' ? 'CSVWithNames' : format;
      const [got] = await wh
        .admin()
        .rows<{ c: number; s: number; hs: number }>(
          `SELECT count() AS c, sum(n) AS s, sum(cityHash64(h)) % 1000003 AS hs FROM file({f:String}, ${readFormat}, 'n UInt64, h String, d Date')`,
          { f: file },
          tag,
        );
      const [want] = await wh
        .admin()
        .rows<{ c: number; s: number; hs: number }>(
          `SELECT count() AS c, sum(n) AS s, sum(cityHash64(h)) % 1000003 AS hs FROM (${SQL})`,
          { rows: ROWS },
          tag,
        );
      expect(got).toEqual(want);
      expect(want?.s).toBe((ROWS * (ROWS - 1)) / 2);
    },
  );

  it('leaves no scratch file behind, and a query the engine refuses is an error before any byte', async () => {
    const err = await wh
      .admin()
      .exportStream('SELECT no_such_column FROM numbers({rows:UInt64})', { rows: 1 }, tag, 'Parquet')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WarehouseQueryError);
    // Removal happens once the stream closes; give the close handlers a turn.
    await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(join(dir, 'storelens-scratch'))).toEqual([]);
  });
});
