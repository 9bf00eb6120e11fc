/** Every row gets a verdict: dirty files, re-imports, unreadable files. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { generate } from '@storelens/fixtures';
import type { Warehouse } from '@storelens/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../src/index.js';
import { openTempWarehouse, tag } from './temp-warehouse.js';

let wh: Warehouse;
let dispose: () => Promise<void>;
const dir = mkdtempSync(join(tmpdir(), 'storelens-dirty-'));
const shop = (id: number) => ({ id, timeZone: 'Asia/Shanghai', currency: 'CNY' });

beforeAll(async () => {
  ({ wh, dispose } = await openTempWarehouse());
  await generate({ size: 'tiny', seed: 11, endDate: '2026-06-30', out: join(dir, 'world'), format: 'csv', dirty: 0.03 });
});
afterAll(async () => {
  await dispose();
  rmSync(dir, { recursive: true, force: true });
});

interface Defect {
  kind: string;
  line: number;
  defect: string;
  expected: 'reject' | 'duplicate' | 'load';
}

const count = async (id: number, sql: string) => (await wh.forShop(id).rows<{ n: number }>(sql, {}, tag))[0]?.n ?? -1;

describe('dirty files', () => {
  it('rejects exactly the damaged lines, with reasons, and loads the rest once', async () => {
    const file = join(dir, 'world', 'tiny-tea', 'events-00000.csv');
    const defects = (JSON.parse(readFileSync(join(dir, 'world', 'tiny-tea', 'dirty.json'), 'utf8')).defects as Defect[]).filter(
      (d) => d.kind === 'events',
    );
    const result = await runImport(wh, { shop: shop(1), kind: 'events', path: file });
    const expectedRejects = defects
      .filter((d) => d.expected === 'reject')
      .map((d) => d.line)
      .sort((a, b) => a - b);
    const rejects = await wh
      .forShop(1)
      .rows<{ line: number; reason: string; raw: string }>(
        'SELECT line, reason, raw FROM import_rejects WHERE shop_id = {shop_id:UInt32} ORDER BY line',
        {},
        tag,
      );
    expect(rejects.map((r) => r.line)).toEqual(expectedRejects);
    for (const r of rejects) {
      expect(r.reason.length).toBeGreaterThan(8);
      expect(r.raw.length).toBeGreaterThan(10);
    }
    expect(result.rowsRejected).toBe(expectedRejects.length);
    expect(result.rowsDuplicate).toBe(defects.filter((d) => d.expected === 'duplicate').length);
    expect(result.warnings.join()).toContain('utm_content');
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').length - 1;
    expect(result.rowsRead).toBe(lines);
    expect(result.rowsLoaded + result.rowsDuplicate + result.rowsRejected).toBe(result.rowsRead);
    expect(await count(1, 'SELECT count() AS n FROM events WHERE shop_id = {shop_id:UInt32}')).toBe(result.rowsLoaded);
  });

  it('names the bad value in the reason', async () => {
    const reasons = await wh
      .forShop(1)
      .rows<{ reason: string }>('SELECT DISTINCT reason FROM import_rejects WHERE shop_id = {shop_id:UInt32}', {}, tag);
    const text = reasons.map((r) => r.reason).join('\n');
    expect(text).toMatch(/expected 23 fields, found 4/);
    expect(text).toMatch(/is not a valid time/);
  });
});

describe('time stamps', () => {
  it('refuses clock times and zones no clock shows, and takes every written form of a real one', async () => {
    const file = join(dir, 'times.csv');
    const rows = [
      // taken: with a zone, in UTC, without seconds, with milliseconds, without a zone (shop time), a space, Unix seconds and milliseconds
      ['t1', '2026-06-01T10:00:00+08:00', 'load'],
      ['t2', '2026-06-01T02:00:00Z', 'load'],
      ['t3', '2026-06-01T23:59+08:00', 'load'],
      ['t4', '2026-06-01T00:00:00.123+0800', 'load'],
      ['t5', '2026-06-01 12:30:00', 'load'],
      ['t6', '1780279200', 'load'],
      ['t7', '1780279200000', 'load'],
      // refused: hour 24 and 99, minute 60, second 61, a zone 15 hours off, 31 June, words
      ['t8', '2026-06-01T24:00:00+08:00', 'reject'],
      ['t9', '2026-06-25T99:00:00+08:00', 'reject'],
      ['t10', '2026-06-01T10:60:00+08:00', 'reject'],
      ['t11', '2026-06-01T10:00:61+08:00', 'reject'],
      ['t12', '2026-06-01T10:00:00+15:00', 'reject'],
      ['t13', '2026-06-31T10:00:00+08:00', 'reject'],
      ['t14', 'yesterday at noon', 'reject'],
    ];
    writeFileSync(file, `event_id,ts,event,visitor_id\n${rows.map(([id, ts]) => `${id},${ts},page_view,v-${id}`).join('\n')}\n`);
    const result = await runImport(wh, { shop: shop(7), kind: 'events', path: file });
    const rejects = await wh
      .forShop(7)
      .rows<{ line: number; reason: string }>(
        'SELECT line, reason FROM import_rejects WHERE shop_id = {shop_id:UInt32} ORDER BY line',
        {},
        tag,
      );
    // Line 1 is the header: row i of the list is line i + 2.
    expect(rejects.map((r) => Number(r.line))).toEqual(rows.flatMap(([, , v], i) => (v === 'reject' ? [i + 2] : [])));
    for (const r of rejects) expect(r.reason).toMatch(/is not a valid time/);
    expect(result.rowsLoaded).toBe(rows.filter(([, , v]) => v === 'load').length);
  });
});

describe('order amounts', () => {
  it('refuses an amount below zero, naming the column, and takes zeros and refunds in their own column', async () => {
    const file = join(dir, 'amounts.csv');
    // order, items, discount, shipping, paid, refund, expected
    const rows = [
      ['a1', '100', '0', '0', '100', '', 'load'],
      ['a2', '100', '10', '5', '95', '95', 'load'], // refunded in full, in refund_amount
      ['a3', '0', '0', '0', '0', '', 'load'], // a free order
      ['a4', '-100', '0', '0', '-100', '', 'items_amount'],
      ['a5', '100', '-10', '0', '110', '', 'discount_amount'],
      ['a6', '100', '0', '-5', '95', '', 'shipping_amount'],
      ['a7', '100', '0', '0', '-0.01', '', 'paid_amount'],
      ['a8', '100', '0', '0', '100', '-100', 'refund_amount'], // a refund written as a negative
    ];
    const header = 'order_id,created_at,paid_at,status,items_amount,discount_amount,shipping_amount,paid_amount,refund_amount,updated_at';
    const at = '2026-06-01T10:00:00+08:00';
    writeFileSync(
      file,
      `${header}\n${rows.map(([id, items, discount, shipping, paid, refund]) => [id, at, at, 'completed', items, discount, shipping, paid, refund, at].join(',')).join('\n')}\n`,
    );
    const result = await runImport(wh, { shop: shop(8), kind: 'orders', path: file });
    const rejects = await wh
      .forShop(8)
      .rows<{ line: number; reason: string }>(
        'SELECT line, reason FROM import_rejects WHERE shop_id = {shop_id:UInt32} ORDER BY line',
        {},
        tag,
      );
    const refused = rows.flatMap(([, , , , , , v], i) => (v === 'load' ? [] : [{ line: i + 2, column: v ?? '' }]));
    expect(rejects.map((r) => Number(r.line))).toEqual(refused.map((r) => r.line));
    for (const [k, r] of rejects.entries()) expect(r.reason).toMatch(new RegExp(`^${refused[k]?.column} "-[0-9.]+" is negative`));
    expect(result.rowsLoaded).toBe(3);
  });

  it('refuses an event amount below zero, and takes a refund event’s positive one', async () => {
    const file = join(dir, 'event-amounts.csv');
    const at = '2026-06-01T10:00:00+08:00';
    writeFileSync(
      file,
      `event_id,ts,event,visitor_id,order_id,amount\nx1,${at},order_paid,v1,o1,100\nx2,${at},refund,v1,o1,40\nx3,${at},refund,v1,o1,-40\n`,
    );
    const result = await runImport(wh, { shop: shop(9), kind: 'events', path: file });
    const rejects = await wh
      .forShop(9)
      .rows<{ line: number; reason: string }>('SELECT line, reason FROM import_rejects WHERE shop_id = {shop_id:UInt32}', {}, tag);
    expect(rejects.map((r) => [Number(r.line), r.reason])).toEqual([
      [4, 'amount "-40" is negative: an event’s amount is 0 or more (a refund is a refund event with a positive amount)'],
    ]);
    expect(result.rowsLoaded).toBe(2);
  });
});

describe('idempotency', () => {
  it('re-importing the same file changes nothing; an overlapping file adds only what is new', async () => {
    const file = join(dir, 'world', 'tiny-toys', 'orders-00000.csv');
    const latest = 'SELECT count() AS n FROM orders FINAL WHERE shop_id = {shop_id:UInt32}';
    const first = await runImport(wh, { shop: shop(2), kind: 'orders', path: file });
    const ordersAfterFirst = await count(2, latest);
    expect(ordersAfterFirst).toBeGreaterThan(5);
    const again = await runImport(wh, { shop: shop(2), kind: 'orders', path: file });
    expect(again.rowsLoaded + again.rowsUpdated).toBe(0);
    expect(again.rowsDuplicate).toBe(first.rowsLoaded + first.rowsDuplicate);
    expect(await count(2, latest)).toBe(ordersAfterFirst);

    // An export taken later: the same orders plus a newer state of one of them.
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const header = lines[0] ?? '';
    const statusAt = header.split(',').indexOf('status');
    const updatedAt = header.split(',').indexOf('updated_at');
    const row = (lines.find((l) => l.includes(',completed,')) ?? '').split(',');
    row[statusAt] = 'refunded';
    row[updatedAt] = '2026-06-30T12:00:00.000Z';
    const later = join(dir, 'orders-later.csv');
    writeFileSync(later, `${[...lines, row.join(',')].join('\n')}\n`);
    const overlap = await runImport(wh, { shop: shop(2), kind: 'orders', path: later });
    expect(overlap).toMatchObject({ rowsLoaded: 0, rowsUpdated: 1 });
    const [state] = await wh
      .forShop(2)
      .rows<{ status: string }>(
        'SELECT status FROM orders FINAL WHERE shop_id = {shop_id:UInt32} AND order_id = {id:String}',
        { id: row[0] },
        tag,
      );
    expect(state?.status).toBe('refunded');
    expect(await count(2, latest)).toBe(ordersAfterFirst);
  });
});

describe('unreadable files change nothing', () => {
  it('a truncated gzip fails with a clear message and loads no row', async () => {
    const csv = readFileSync(join(dir, 'world', 'tiny-tea', 'customers-00000.csv'));
    const gz = gzipSync(csv);
    const path = join(dir, 'customers.csv.gz');
    writeFileSync(path, gz.subarray(0, Math.floor(gz.length / 2)));
    await expect(runImport(wh, { shop: shop(3), kind: 'customers', path })).rejects.toThrow(/not a complete gzip file/);
    expect(await count(3, 'SELECT count() AS n FROM customers WHERE shop_id = {shop_id:UInt32}')).toBe(0);
    const tables = await wh.admin().rows<{ n: number }>("SELECT count() AS n FROM system.tables WHERE name LIKE 'etl_%'", {}, tag);
    expect(tables[0]?.n).toBe(0);
  });

  it('a Parquet file that is not Parquet, or is cut short, fails naming the file, and loads nothing', async () => {
    const notParquet = join(dir, 'events-really-csv.parquet');
    writeFileSync(notParquet, readFileSync(join(dir, 'world', 'tiny-tea', 'events-00000.csv')));
    await expect(runImport(wh, { shop: shop(17), kind: 'events', path: notParquet })).rejects.toThrow(
      /Cannot read events-really-csv.parquet as Parquet: .*Nothing was imported/,
    );
    // A real Parquet file of 500 events, the 42nd without an event name; then its first half.
    const whole = join(dir, 'events-whole.parquet');
    await wh.admin().command(
      `INSERT INTO FUNCTION file({out:String}, 'Parquet')
       SELECT concat('pq', toString(number)) AS event_id, toDateTime64('2026-06-01 10:00:00', 3, 'UTC') + number AS ts,
              if(number = 41, '', 'page_view') AS event, concat('v', toString(number % 7)) AS visitor_id
       FROM numbers(500)`,
      { out: whole },
      tag,
    );
    const bytes = readFileSync(whole);
    const cut = join(dir, 'events-cut.parquet');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(runImport(wh, { shop: shop(17), kind: 'events', path: cut })).rejects.toThrow(/Cannot read events-cut.parquet as Parquet/);
    expect(await count(17, 'SELECT count() AS n FROM events WHERE shop_id = {shop_id:UInt32}')).toBe(0);
    const tables = await wh.admin().rows<{ n: number }>("SELECT count() AS n FROM system.tables WHERE name LIKE 'etl_%'", {}, tag);
    expect(tables[0]?.n).toBe(0);
    // The whole file: rows are numbered from 1 in file order, and the rejected one says so.
    const phases: string[] = [];
    const r = await runImport(wh, {
      shop: shop(17),
      kind: 'events',
      path: whole,
      onProgress: (p) => phases.push(`${p.phase} ${p.rowsRead}`),
    });
    expect(r).toMatchObject({ rowsRead: 500, rowsLoaded: 499, rowsRejected: 1, rowsDuplicate: 0 });
    // Progress knows the file's rows before they are typed (from the file's metadata).
    expect(phases).toEqual(['typing 500', 'merging 500', 'done 500']);
    const rejects = await wh
      .forShop(17)
      .rows<{ line: number }>(
        'SELECT line FROM import_rejects WHERE shop_id = {shop_id:UInt32} AND import_id = {id:String}',
        { id: r.importId },
        tag,
      );
    expect(rejects.map((x) => Number(x.line))).toEqual([42]);
  });

  it('a file without a required column fails naming the column, and loads nothing', async () => {
    const path = join(dir, 'events-no-visitor.csv');
    writeFileSync(path, 'ts,event\n2026-06-01T10:00:00Z,page_view\n');
    await expect(runImport(wh, { shop: shop(4), kind: 'events', path })).rejects.toThrow(/lacks required events column: visitor_id/);
    expect(await count(4, 'SELECT count() AS n FROM events WHERE shop_id = {shop_id:UInt32}')).toBe(0);
  });

  it('reads semicolon-delimited files and times without a zone in the shop time zone', async () => {
    const path = join(dir, 'events-semicolon.csv');
    writeFileSync(path, 'ts;event;visitor_id;amount\n2026-06-01 00:30:00;page_view;v1;\n2026-06-01T00:30:00Z;page_view;v2;"1,5"\n');
    const r = await runImport(wh, { shop: shop(5), kind: 'events', path });
    expect(r).toMatchObject({ rowsRead: 2, rowsLoaded: 1, rowsRejected: 1 });
    const rows = await wh
      .forShop(5)
      .rows<{ ts: string; day: string }>('SELECT ts, toString(day) AS day FROM events WHERE shop_id = {shop_id:UInt32}', {}, tag);
    expect(rows).toEqual([{ ts: '2026-05-31T16:30:00.000Z', day: '2026-06-01' }]);
  });

  it('a key repeated within a file: the first line wins, the later ones are duplicates', async () => {
    // The merge takes a shortcut when no key repeats (no first-line pass); both ways are checked.
    const path = join(dir, 'events-repeats.csv');
    const header = 'event_id,ts,event,visitor_id\n';
    writeFileSync(
      path,
      `${header}e1,2026-06-01T08:00:00Z,page_view,first\ne2,2026-06-01T08:01:00Z,page_view,other\ne1,2026-06-01T08:00:00Z,page_view,second\ne1,2026-06-01T08:00:00Z,page_view,third\n`,
    );
    const r = await runImport(wh, { shop: shop(16), kind: 'events', path });
    expect(r).toMatchObject({ rowsRead: 4, rowsLoaded: 2, rowsDuplicate: 2, rowsRejected: 0 });
    const visitors = await wh
      .forShop(16)
      .rows<{ visitor_id: string }>('SELECT visitor_id FROM events WHERE shop_id = {shop_id:UInt32} ORDER BY ts', {}, tag);
    expect(visitors.map((v) => v.visitor_id)).toEqual(['first', 'other']);
    const unique = join(dir, 'events-unique.csv');
    writeFileSync(
      unique,
      `${header}e3,2026-06-02T08:00:00Z,page_view,a\ne4,2026-06-02T08:01:00Z,page_view,b\ne1,2026-06-01T08:00:00Z,page_view,late\n`,
    );
    expect(await runImport(wh, { shop: shop(16), kind: 'events', path: unique })).toMatchObject({ rowsLoaded: 2, rowsDuplicate: 1 });
    expect(await count(16, 'SELECT count() AS n FROM events WHERE shop_id = {shop_id:UInt32}')).toBe(4);
  });
});

describe('sessions', () => {
  it('are derived from 30 minutes of inactivity when the file has none', async () => {
    const path = join(dir, 'no-sessions.csv');
    writeFileSync(
      path,
      [
        'ts,event,visitor_id,session_id',
        '2026-06-01T10:00:00Z,page_view,v1,',
        '2026-06-01T10:10:00Z,product_view,v1,',
        '2026-06-01T10:40:00Z,product_view,v1,', // exactly 30 minutes later: same session
        '2026-06-01T11:20:00Z,page_view,v1,', // 40 minutes later: a new session
        '2026-06-01T10:05:00Z,page_view,v2,',
        '2026-06-01T10:06:00Z,page_view,v3,given-session',
      ].join('\n'),
    );
    const r = await runImport(wh, { shop: shop(6), kind: 'events', path });
    expect(r.rowsLoaded).toBe(6);
    const rows = await wh
      .forShop(6)
      .rows<{ visitor_id: string; session_id: string }>(
        'SELECT visitor_id, session_id FROM events WHERE shop_id = {shop_id:UInt32} ORDER BY visitor_id, ts',
        {},
        tag,
      );
    const start = (iso: string) => String(Date.parse(iso));
    expect(rows.map((x) => x.session_id)).toEqual([
      `auto:v1:${start('2026-06-01T10:00:00Z')}`,
      `auto:v1:${start('2026-06-01T10:00:00Z')}`,
      `auto:v1:${start('2026-06-01T10:00:00Z')}`,
      `auto:v1:${start('2026-06-01T11:20:00Z')}`,
      `auto:v2:${start('2026-06-01T10:05:00Z')}`,
      'given-session',
    ]);
  });
});
