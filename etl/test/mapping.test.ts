import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Warehouse } from '@storelens/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mappingText, parseMapping, runImport } from '../src/index.js';
import { openTempWarehouse, tag } from './temp-warehouse.js';

const dir = mkdtempSync(join(tmpdir(), 'storelens-mapping-'));
let wh: Warehouse;
let dispose: () => Promise<void>;
beforeAll(async () => {
  ({ wh, dispose } = await openTempWarehouse());
});
afterAll(async () => {
  await dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('mapping files', () => {
  it('map a foreign layout onto the events schema', async () => {
    const file = join(dir, 'export.csv');
    writeFileSync(
      file,
      'Event Time,Device ID,Action,Page\n2026-03-01 09:00:00,d1,page_view,/home\n2026-03-01 09:01:00,d1,product_view,/p/1\n',
    );
    const mapping = parseMapping(
      JSON.stringify({ kind: 'events', columns: { ts: 'Event Time', visitor_id: 'device id', event: 'Action' } }),
    );
    const r = await runImport(wh, {
      shop: { id: 1, timeZone: 'Asia/Shanghai', currency: 'CNY' },
      kind: mapping.kind,
      path: file,
      aliases: mapping.aliases,
    });
    expect(r).toMatchObject({ rowsRead: 2, rowsLoaded: 2, rowsRejected: 0, warnings: ['Ignored columns not in the events schema: Page'] });
    const stored = await wh
      .forShop(1)
      .rows('SELECT visitor_id, event_name, ts FROM events WHERE shop_id = {shop_id:UInt32} ORDER BY ts', {}, tag);
    expect(stored).toEqual([
      { visitor_id: 'd1', event_name: 'page_view', ts: '2026-03-01T01:00:00.000Z' },
      { visitor_id: 'd1', event_name: 'product_view', ts: '2026-03-01T01:01:00.000Z' },
    ]);
  });

  it('refuse unknown kinds, unknown schema columns and bad JSON with a clear message', () => {
    expect(() => parseMapping('{')).toThrow(/not valid JSON/);
    expect(() => parseMapping('{"kind":"visits","columns":{}}')).toThrow(/"kind" must be one of events/);
    expect(() => parseMapping('{"kind":"events","columns":{"time":"T"}}')).toThrow(/"time" is not a events column/);
    expect(() => parseMapping('{"kind":"events","columns":{"ts":""}}')).toThrow(/must be a non-empty string/);
  });

  it('write back as text that reads to the same aliases (what an import job records)', () => {
    const mapping = parseMapping(
      JSON.stringify({ kind: 'events', columns: { visitor_id: 'Device ID', ts: 'Event Time', event: 'Action' } }),
    );
    const text = mappingText(mapping.kind, mapping.aliases);
    // Source names normalized (lower case, spaces as underscores); schema columns alphabetical.
    expect(text).toBe('{"kind":"events","columns":{"event":"action","ts":"event_time","visitor_id":"device_id"}}');
    expect(parseMapping(text)).toEqual(mapping);
  });
});
