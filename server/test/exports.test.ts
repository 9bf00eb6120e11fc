/**
 * Every export format round-trips: the file is parsed back (CSV by hand, XLSX with exceljs,
 * Parquet by the engine, Arrow with apache-arrow — LZ4-compressed raw exports through lz4js, a
 * separate LZ4 implementation) and compared with the API's JSON result; raw exports with the
 * golden files themselves. Downloading needs the exports.run permission.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IMPORT_KINDS, runImport } from '@storelens/etl';
import { CompressionType, compressionRegistry, tableFromIPC } from 'apache-arrow';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import * as lz4 from 'lz4js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { ApiKeysRepo, AuditRepo, ShopsRepo } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openTempStores } from './temp-stores.js';

// apache-arrow reads compressed record batches once a codec is registered (it ships none).
compressionRegistry.set(CompressionType.LZ4_FRAME, { decode: (bytes: Uint8Array) => Uint8Array.from(lz4.decompress(bytes)) });

const golden = join(import.meta.dirname, '..', '..', 'fixtures', 'golden', 'tiny', 'tiny-tea');
let stores: Stores;
let dispose: () => Promise<void>;
let app: FastifyInstance;
let readKey = '';
let ingestKey = '';

beforeAll(async () => {
  ({ stores, dispose } = await openTempStores());
  const repo = new ShopsRepo(stores.metadata);
  const org = await repo.createOrganization('Exports');
  const shop = await repo.create({ organizationId: org.id, slug: 'tea', name: '茶 Tea', currency: 'CNY', timeZone: 'Asia/Shanghai' });
  for (const kind of IMPORT_KINDS) {
    await runImport(stores.warehouse, {
      shop: { id: shop.id, timeZone: shop.time_zone, currency: shop.currency },
      kind,
      path: join(golden, `${kind}-00000.csv`),
    });
  }
  const keys = new ApiKeysRepo(stores.metadata);
  readKey = (await keys.create({ shopId: shop.id, name: 'r', scopes: ['read'] })).key;
  ingestKey = (await keys.create({ shopId: shop.id, name: 'i', scopes: ['ingest'] })).key;
  app = await buildApp({ stores, serveDashboard: false });
});
afterAll(async () => {
  await app.close();
  await dispose();
});

const get = (url: string, key = readKey) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });

/** CSV parsed by hand: quoted fields, doubled quotes, CRLF, and the BOM. */
function parseCsv(text: string): Array<Record<string, string>> {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  const [header = [], ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** Column name without its unit: "gmv (CNY)" → "gmv". */
const bare = (h: string) => h.replace(/ \(.*\)$/, '');

async function parseBack(format: string, body: Buffer): Promise<Array<Record<string, unknown>>> {
  if (format === 'csv') {
    return parseCsv(body.toString('utf8')).map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [bare(k), v === '' ? null : v])),
    );
  }
  if (format === 'json') return (JSON.parse(body.toString('utf8')) as { rows: Array<Record<string, unknown>> }).rows;
  if (format === 'xlsx') {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as unknown as ArrayBuffer);
    const sheet = book.worksheets[0] as ExcelJS.Worksheet;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map((h) => bare(String(h)));
    const out: Array<Record<string, unknown>> = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const values = (row.values as unknown[]).slice(1);
      out.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
    });
    return out;
  }
  if (format === 'arrow')
    return tableFromIPC(body)
      .toArray()
      .map((r) => ({ ...(r.toJSON() as object) }));
  // Parquet: read by the engine from a file.
  const path = join(mkdtempSync(join(tmpdir(), 'pq-')), 'x.parquet');
  writeFileSync(path, body);
  return stores.warehouse.admin().rows('SELECT * FROM file({p:String}, Parquet)', { p: path }, { purpose: 'test' });
}

/** Compares parsed rows with the API's rows: numbers by value, text and dates as text, empty as null. */
function expectSameRows(got: Array<Record<string, unknown>>, want: Array<Record<string, unknown>>, columns: string[], context: string) {
  expect(got.length, context).toBe(want.length);
  want.forEach((w, i) => {
    for (const c of columns) {
      const a = got[i]?.[c];
      const b = w[c];
      if (b === null || b === undefined) expect(a === null || a === undefined || a === '', `${context} row ${i} ${c}`).toBe(true);
      else if (typeof b === 'number') expect(Number(a), `${context} row ${i} ${c}`).toBe(b);
      else expect(a instanceof Date ? a.toISOString().slice(0, 10) : String(a), `${context} row ${i} ${c}`).toBe(String(b));
    }
  });
}

const FORMATS = ['csv', 'json', 'xlsx', 'parquet', 'arrow'];

describe('analysis results as files', () => {
  it.each(FORMATS)('overview daily rows as %s equal the JSON result', async (format) => {
    const q = 'from=2026-10-01&to=2026-10-31&compare=none';
    const json = (await get(`/api/v1/shops/tea/analyses/overview?${q}`)).json() as { daily: Array<Record<string, unknown>> };
    const res = await get(`/api/v1/shops/tea/analyses/overview?${q}&format=${format}`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-disposition']).toContain(`tea-overview-daily-2026-10-01_2026-10-31.${format}`);
    const columns = ['day', 'uv', 'pv', 'paid_orders', 'gmv', 'conversion_rate', 'aov', 'refund_amount', 'avg_session_seconds'];
    expectSameRows(await parseBack(format, res.rawPayload), json.daily, columns, `overview ${format}`);
    // Every download is in the audit log: who, what was asked, which table and how many rows left.
    const [entry] = await new AuditRepo(stores.metadata).list({ limit: 1 });
    expect(entry).toMatchObject({ action: 'export.overview', actor: expect.stringMatching(/^key:\d+$/) });
    expect(entry?.detail).toEqual({
      table: 'overview-daily',
      format,
      rows: 31,
      from: '2026-10-01',
      to: '2026-10-31',
      request: { from: '2026-10-01', to: '2026-10-31', compare: 'none', customer: 'all' }, // defaults as applied
    });
    // Filtered, the name says whose rows the file holds.
    const only = await get(`/api/v1/shops/tea/analyses/overview?${q}&channel=search&channel=ads&format=${format}`);
    expect(only.headers['content-disposition']).toContain(`tea-overview-daily-2026-10-01_2026-10-31-only-channel-search+ads.${format}`);
  });

  it.each(FORMATS)('retention cohorts (long form) and a funnel as %s equal the JSON result', async (format) => {
    const q = 'from=2026-09-22&to=2026-11-20&period=month';
    const json = (await get(`/api/v1/shops/tea/analyses/retention?${q}`)).json() as {
      cohorts: Array<{ cohort: string; size: number; people: Array<number | null>; rates: Array<number | null> }>;
    };
    const res = await get(`/api/v1/shops/tea/analyses/retention?${q}&format=${format}`);
    const long = json.cohorts.flatMap((c) =>
      c.people.map((p, k) => ({ cohort: c.cohort, size: c.size, period: k, people: p, retention_rate: c.rates[k] })),
    );
    expectSameRows(
      await parseBack(format, res.rawPayload),
      long,
      ['cohort', 'size', 'period', 'people', 'retention_rate'],
      `retention ${format}`,
    );
    const body = {
      from: '2026-09-22',
      to: '2026-11-20',
      steps: [{ event: 'product_view' }, { event: 'add_to_cart' }, { event: 'order_paid' }],
    };
    const fj = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/shops/tea/analyses/funnel',
        headers: { authorization: `Bearer ${readKey}` },
        payload: body,
      })
    ).json();
    const ff = await app.inject({
      method: 'POST',
      url: '/api/v1/shops/tea/analyses/funnel',
      headers: { authorization: `Bearer ${readKey}` },
      payload: { ...body, format },
    });
    expectSameRows(
      await parseBack(format, ff.rawPayload),
      fj.steps,
      ['step', 'label', 'people', 'conversion_from_start', 'median_seconds_from_previous'],
      `funnel ${format}`,
    );
    const [entry] = await new AuditRepo(stores.metadata).list({ limit: 1 });
    expect(entry).toMatchObject({ action: 'export.funnel' });
    expect(entry?.detail).toMatchObject({ table: 'funnel-steps', rows: 3, request: { steps: body.steps } });
  });

  it.each(FORMATS)("real time's channels, live rooms and top products as %s equal the JSON result", async (format) => {
    // 23:30 on 11.11 in Shanghai: the tiny world has paid orders that day (fixtures/golden/compute_expected.py).
    const q = `at=${encodeURIComponent('2026-11-11T15:30:00.000Z')}`;
    const json = (await get(`/api/v1/shops/tea/analyses/realtime?${q}`)).json() as {
      channels: Array<Record<string, unknown>>;
      liveRooms: Array<Record<string, unknown>>;
      products: Array<Record<string, unknown>>;
      productsByVisitors: Array<Record<string, unknown>>;
      productsByCartAdds: Array<Record<string, unknown>>;
    };
    const channels = await get(`/api/v1/shops/tea/analyses/realtime?${q}&format=${format}&table=channels`);
    expect(channels.statusCode, channels.body.slice(0, 200)).toBe(200);
    expectSameRows(
      await parseBack(format, channels.rawPayload),
      json.channels,
      ['channel', 'visitors', 'paid_orders', 'gmv', 'yesterday_visitors', 'yesterday_gmv'],
      `realtime channels ${format}`,
    );
    expect(json.liveRooms.length).toBeGreaterThan(0);
    const rooms = await get(`/api/v1/shops/tea/analyses/realtime?${q}&format=${format}&table=live_rooms`);
    expectSameRows(
      await parseBack(format, rooms.rawPayload),
      json.liveRooms,
      ['live_room', 'visitors', 'paid_orders', 'gmv', 'yesterday_visitors', 'yesterday_gmv'],
      `realtime live rooms ${format}`,
    );
    for (const [table, rows] of [
      ['products', json.products],
      ['products_by_visitors', json.productsByVisitors],
      ['products_by_cart_adds', json.productsByCartAdds],
    ] as const) {
      expect(rows.length, table).toBeGreaterThan(0);
      const res = await get(`/api/v1/shops/tea/analyses/realtime?${q}&format=${format}&table=${table}`);
      expectSameRows(
        await parseBack(format, res.rawPayload),
        rows,
        ['product_id', 'name', 'visitors', 'cart_adds', 'cart_visitors', 'units', 'gmv'],
        `realtime ${table} ${format}`,
      );
    }
  });

  it.each(FORMATS)('search terms as %s equal the JSON result', async (format) => {
    const q = 'from=2026-10-01&to=2026-10-31';
    const json = (await get(`/api/v1/shops/tea/analyses/search-terms?${q}`)).json() as { rows: Array<Record<string, unknown>> };
    expect(json.rows.length).toBeGreaterThan(0);
    const res = await get(`/api/v1/shops/tea/analyses/search-terms?${q}&format=${format}`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expectSameRows(
      await parseBack(format, res.rawPayload),
      json.rows,
      ['term', 'searches', 'searchers', 'paid_after', 'search_conversion'],
      `search terms ${format}`,
    );
  });

  it.each(FORMATS)('in-store paths’ exits and flows as %s equal the JSON result', async (format) => {
    const q = 'from=2026-10-01&to=2026-10-31&depth=3';
    const json = (await get(`/api/v1/shops/tea/analyses/paths?${q}`)).json() as Record<string, Array<Record<string, unknown>>>;
    expect(json.flows?.length).toBeGreaterThan(0);
    for (const [table, columns] of [
      ['exits', ['step', 'sessions_through', 'exits', 'exit_rate']],
      ['flows', ['position', 'from_step', 'to_step', 'sessions']],
    ] as const) {
      const res = await get(`/api/v1/shops/tea/analyses/paths?${q}&format=${format}&table=${table}`);
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expectSameRows(await parseBack(format, res.rawPayload), json[table] ?? [], [...columns], `paths ${table} ${format}`);
    }
  });

  it.each(FORMATS)('a segment’s customer list as %s holds every customer of the segment, not the page on screen', async (format) => {
    const q = 'to=2026-11-20';
    const all = (await get(`/api/v1/shops/tea/analyses/customer-list?${q}&limit=1000`)).json() as {
      from: string;
      total: number;
      customers: Array<Record<string, unknown>>;
    };
    expect(all.customers).toHaveLength(all.total);
    const page = (await get(`/api/v1/shops/tea/analyses/customer-list?${q}&limit=2`)).json() as { customers: unknown[] };
    expect(page.customers).toHaveLength(2);
    const res = await get(`/api/v1/shops/tea/analyses/customer-list?${q}&limit=2&format=${format}`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expectSameRows(await parseBack(format, res.rawPayload), all.customers, Object.keys(all.customers[0] ?? {}), `customer list ${format}`);
    expect(res.headers['content-disposition']).toContain(`tea-customer_list-customers-${all.from}_2026-11-20.${format}`);
    // Who took the list, which one and how many customers, is in the audit log.
    const [entry] = await new AuditRepo(stores.metadata).list({ limit: 1 });
    expect(entry).toMatchObject({ action: 'export.customer-list' });
    expect(entry?.detail).toMatchObject({
      table: 'customer_list-customers',
      format,
      rows: all.total,
      request: { to: '2026-11-20', limit: 2 },
    });
  });

  it('refuses an unknown segment or a comparison for the customer list, naming what is allowed', async () => {
    const segment = await get('/api/v1/shops/tea/analyses/customer-list?segment=whales');
    expect(segment.statusCode).toBe(400);
    expect(segment.json().error.message).toContain('at_risk');
    const compare = await get('/api/v1/shops/tea/analyses/customer-list?compare=previous');
    expect(compare.statusCode).toBe(400);
    expect(compare.json().error.message).toContain('compare');
    const move = await get('/api/v1/shops/tea/analyses/customer-list?move=sideways');
    expect(move.statusCode).toBe(400);
    expect(move.json().error.message).toContain('stayed');
    const noSegment = await get('/api/v1/shops/tea/analyses/customer-list?move=in');
    expect(noSegment.statusCode).toBe(400);
    expect(noSegment.json().error.message).toContain('Moved into which segment?');
    const both = await get('/api/v1/shops/tea/analyses/customer-list?segment=lost&move=in&from_segment=none');
    expect(both.statusCode).toBe(400);
    expect(both.json().error.message).toContain('give one');
  });

  it('states units in headers, keeps Chinese text readable, and names other tables', async () => {
    const csv = (await get('/api/v1/shops/tea/analyses/overview?from=2026-10-01&to=2026-10-02&compare=none&format=csv')).body;
    expect(csv.split('\n')[0]).toMatch(/^\uFEFF?day \(Asia\/Shanghai\),uv \(count\),.*gmv \(CNY\).*conversion_rate \(ratio\)/);
    // A share of money is a ratio, whatever its name says about money.
    const bands = (await get('/api/v1/shops/tea/analyses/price-bands?from=2026-10-01&to=2026-10-31&format=csv')).body.split('\n')[0];
    expect(bands).toContain('gmv (CNY)');
    expect(bands).toContain('gmv_share (ratio)');
    const traffic = (await get('/api/v1/shops/tea/analyses/traffic?from=2026-10-01&to=2026-10-31&format=csv')).body.split('\n')[0];
    expect(traffic).toContain('last_touch_gmv_share (ratio)');
    const diag = await get('/api/v1/shops/tea/diagnostics?date=2026-11-10&format=csv&table=findings');
    expect(diag.statusCode).toBe(200);
    expect(diag.body.split('\n')[0]).toContain('zh');
    // A position, a rank or a column of different metrics per row has no unit to state.
    const flows = (await get('/api/v1/shops/tea/analyses/paths?from=2026-10-01&to=2026-10-31&format=csv&table=flows')).body.split('\n')[0];
    expect(flows).toMatch(/(^\uFEFF?|,)position(,|$)/);
    expect(flows).toContain('sessions (count)');
    const figures = (await get('/api/v1/shops/tea/diagnostics?date=2026-11-10&format=csv&table=figures')).body.split('\n')[0];
    expect(figures).toMatch(/^\uFEFF?metric,value,previous,same_weekday_last_week,expected,z,status/);
    // The diagnosis's split by category: a change and its parts are money (they once said count and ratio).
    const moved = (await get('/api/v1/shops/tea/diagnostics?date=2026-11-10&format=csv&table=by_category')).body.split('\n')[0];
    for (const c of ['gmv_before', 'change', 'traffic_effect', 'mix_effect', 'conversion_effect', 'aov_effect', 'unexplained'])
      expect(moved, c).toContain(`${c} (CNY)`);
    expect(moved).toContain('conversion_before (ratio)');
    expect(moved).toContain('uv_after (count)');
    const bad = await get('/api/v1/shops/tea/analyses/overview?format=csv&table=nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('Tables: daily, totals');
  });
});

describe('raw exports', () => {
  // Independently: the golden events whose Shanghai day falls in the range.
  const shanghai = (ts: string) => new Date(Date.parse(ts) + 8 * 3_600_000).toISOString().slice(0, 10);
  const lines = readFileSync(join(golden, 'events-00000.csv'), 'utf8').trim().split('\n').slice(1);
  const wantIds = new Set(
    lines
      .map((l) => l.split(','))
      .filter((f) => shanghai(f[1] as string) >= '2026-10-01' && shanghai(f[1] as string) <= '2026-10-31')
      .map((f) => f[0]),
  );

  it.each(['csv', 'json', 'parquet', 'arrow', 'xlsx'])('events of October as %s: every row, once, with times in UTC', async (format) => {
    const res = await get(`/api/v1/shops/tea/exports/events?from=2026-10-01&to=2026-10-31&format=${format}`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const rows =
      format === 'json'
        ? res.body
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l) as Record<string, unknown>)
        : await parseBack(format, res.rawPayload);
    const ids = rows.map((r) => String(r.event_id));
    expect(ids.length).toBe(wantIds.size);
    expect(new Set(ids).size).toBe(ids.length);
    // Every October event of the file, exactly once (ids are the engine's hashes of the source ids).
    const first = rows[0] as Record<string, unknown>;
    if (format === 'csv' || format === 'json' || format === 'xlsx')
      expect(String(first.ts)).toMatch(/^2026-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    else expect(first.ts).toBeTruthy();
  });

  it('Arrow is LZ4-compressed by default; compression=none is plain Arrow with the same rows; compression is refused for other formats', async () => {
    const range = 'from=2026-10-01&to=2026-10-31';
    const lz4Body = (await get(`/api/v1/shops/tea/exports/events?${range}&format=arrow`)).rawPayload;
    const plain = await get(`/api/v1/shops/tea/exports/events?${range}&format=arrow&compression=none`);
    expect(plain.statusCode).toBe(200);
    // Every record batch of the default file names LZ4_FRAME; the plain one is bigger.
    expect(plain.rawPayload.length).toBeGreaterThan(lz4Body.length);
    const ids = (body: Buffer) => new Set(tableFromIPC(body).getChild('event_id')?.toArray() as BigUint64Array);
    expect(ids(plain.rawPayload)).toEqual(ids(lz4Body));
    expect(ids(plain.rawPayload).size).toBe(wantIds.size);
    const zstd = await get(`/api/v1/shops/tea/exports/events?${range}&format=arrow&compression=zstd`);
    expect(zstd.statusCode).toBe(200);
    // No zstd codec is registered here: apache-arrow must refuse rather than return garbage.
    expect(() => tableFromIPC(zstd.rawPayload)).toThrow();
    const csv = await get(`/api/v1/shops/tea/exports/events?${range}&format=csv&compression=lz4`);
    expect(csv.statusCode).toBe(400);
    expect(csv.json().error.message).toMatch(/compression applies to Arrow exports only/);
    expect((await get(`/api/v1/shops/tea/exports/events?${range}&format=arrow&compression=gzip`)).statusCode).toBe(400);
  });

  it('needs the exports.run permission, for raw rows and for analysis files', async () => {
    expect((await get('/api/v1/shops/tea/exports/orders?format=csv', ingestKey)).statusCode).toBe(403);
    expect((await get('/api/v1/shops/tea/analyses/overview?format=csv', ingestKey)).statusCode).toBe(403);
    const orders = await get('/api/v1/shops/tea/exports/orders?from=2026-09-01&to=2026-11-30&format=csv');
    expect(orders.statusCode).toBe(200);
    const rows = parseCsv(orders.body);
    const goldenOrders = new Set(
      readFileSync(join(golden, 'orders-00000.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[0]),
    );
    // Latest versions only: one row per order of the file.
    expect(rows.length).toBe(goldenOrders.size);
    expect(new Set(rows.map((r) => r.order_id))).toEqual(goldenOrders);
  });
});
