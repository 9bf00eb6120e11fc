import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, QueryTimeoutError, ShopScopeError, type Warehouse, WarehouseQueryError } from '../src/index.js';
import { openTempWarehouse } from './temp-warehouse.js';

let wh: Warehouse;
let dispose: () => Promise<void>;
const tag = { purpose: 'test' };

beforeAll(async () => {
  ({ wh, dispose } = await openTempWarehouse());
});
afterAll(async () => dispose());

describe('migrations on the embedded engine', () => {
  it('create every table and record the history; a second run is a no-op', async () => {
    const tables = await wh
      .admin()
      .rows<{ name: string }>('SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name', {}, tag);
    const names = tables.map((t) => t.name);
    for (const t of [
      'events',
      'orders',
      'order_items',
      'products',
      'customers',
      'import_rejects',
      'customer_first_facts',
      'daily_channel_metrics',
      'daily_channel_metrics_mv',
      'schema_migrations',
    ]) {
      expect(names).toContain(t);
    }
    const again = await migrate(wh);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBeGreaterThanOrEqual(3);
    const history = await wh.admin().rows<{ n: number }>('SELECT count() AS n FROM schema_migrations', {}, tag);
    expect(history[0]?.n).toBe(again.alreadyApplied);
  });
});

describe('shop scope', () => {
  it('refuses SQL that does not bind the shop', async () => {
    await expect(wh.forShop(1).rows('SELECT count() FROM events', {}, tag)).rejects.toBeInstanceOf(ShopScopeError);
  });

  it('refuses a caller-supplied shop_id parameter', async () => {
    await expect(wh.forShop(1).rows('SELECT count() FROM events WHERE shop_id = {shop_id:UInt32}', { shop_id: 2 }, tag)).rejects.toThrow(
      /comes from the scope only/,
    );
  });

  it('binds the scope shop so each shop sees only its own rows', async () => {
    const row = (visitor: string) => ({
      day: '2024-03-01',
      ts: '2024-03-01 10:00:00.000',
      event_id: 1,
      event_name: 'page_view',
      visitor_id: visitor,
    });
    await wh.forShop(101).insert('events', [row('a'), row('b')], tag);
    await wh.forShop(102).insert('events', [row('c')], tag);
    const count = (shop: number) =>
      wh.forShop(shop).rows<{ n: number }>('SELECT count() AS n FROM events WHERE shop_id = {shop_id:UInt32}', {}, tag);
    expect((await count(101))[0]?.n).toBe(2);
    expect((await count(102))[0]?.n).toBe(1);
  });

  it('refuses to insert another shop’s row and rejects invalid shop ids', async () => {
    await expect(wh.forShop(101).insert('events', [{ shop_id: 102 }], tag)).rejects.toBeInstanceOf(ShopScopeError);
    expect(() => wh.forShop(0)).toThrow(ShopScopeError);
    expect(() => wh.forShop(1.5)).toThrow(ShopScopeError);
  });
});

describe('values and errors', () => {
  it('binds values as parameters, so quotes in a value are data, not SQL', async () => {
    const evil = "x' OR 1=1 --";
    const rows = await wh.admin().rows<{ v: string }>('SELECT {v:String} AS v', { v: evil }, tag);
    expect(rows).toEqual([{ v: evil }]);
  });

  it('returns counts and decimals as numbers and times as ISO UTC strings', async () => {
    const rows = await wh
      .admin()
      .rows("SELECT toUInt64(3) AS n, toDecimal64('12.34', 2) AS amount, toDateTime64('2024-01-02 03:04:05.678', 3, 'UTC') AS ts", {}, tag);
    expect(rows).toEqual([{ n: 3, amount: 12.34, ts: '2024-01-02T03:04:05.678Z' }]);
  });

  it('maps engine errors to a typed error naming the query purpose', async () => {
    const err = await wh
      .admin()
      .rows('SELECT * FROM no_such_table', {}, { purpose: 'test.missing' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WarehouseQueryError);
    expect((err as WarehouseQueryError).clickhouseType).toBe('UNKNOWN_TABLE');
    expect((err as Error).message).toContain('test.missing');
  });

  it('stops a query at its timeout with a QueryTimeoutError', async () => {
    const err = await wh
      .admin()
      .rows('SELECT count() FROM numbers(10000000000) WHERE sipHash64(number) = 1', {}, { purpose: 'test.slow', timeoutSeconds: 1 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryTimeoutError);
  });

  it('does not leak one query’s tag into the next on the same connection', async () => {
    await wh.admin().rows('SELECT 1', {}, { purpose: 'first' });
    const rows = await wh.admin().rows<{ c: string }>("SELECT getSetting('log_comment') AS c", {}, { purpose: 'second' });
    expect(JSON.parse(rows[0]?.c ?? '{}')).toMatchObject({ purpose: 'second' });
  });
});

describe('bodies read by the caller’s own statement (insertBodyVia)', () => {
  it('hands the statement a source that reads the body, binds its values and the scope’s shop', async () => {
    await wh.admin().command('CREATE TABLE via_t (shop_id UInt32, n UInt64, label String) ENGINE = MergeTree ORDER BY n', {}, tag);
    const body = Buffer.from('1,apple\n2,"pear, ripe"\n3,"say ""hi"""\n');
    await wh
      .forShop(7)
      .insertBodyVia(
        (source) => `INSERT INTO via_t SELECT {shop_id:UInt32}, n * {factor:UInt64}, upper(label) FROM ${source} WHERE n != {skip:UInt64}`,
        body,
        { format: 'CSV', structure: 'n UInt64, label String' },
        { factor: 10, skip: 2 },
        tag,
      );
    const rows = await wh.admin().rows<{ shop_id: number; n: number; label: string }>('SELECT * FROM via_t ORDER BY n', {}, tag);
    expect(rows).toEqual([
      { shop_id: 7, n: 10, label: 'APPLE' },
      { shop_id: 7, n: 30, label: 'SAY "HI"' },
    ]);
  });

  it('checks the statement like any other of its scope, before the body is written', async () => {
    await expect(
      wh
        .forShop(7)
        .insertBodyVia(
          (source) => `INSERT INTO via_t SELECT 1, n, label FROM ${source}`,
          Buffer.from('1,x\n'),
          { format: 'CSV', structure: 'n UInt64, label String' },
          {},
          tag,
        ),
    ).rejects.toBeInstanceOf(ShopScopeError);
    await expect(
      wh
        .forShop(7)
        .insertBodyVia(
          (source) => `SELECT {shop_id:UInt32} FROM ${source}`,
          Buffer.from(''),
          { format: 'CSV; DROP TABLE via_t', structure: 'n UInt64' },
          {},
          tag,
        ),
    ).rejects.toThrow('not a valid format name');
  });
});
