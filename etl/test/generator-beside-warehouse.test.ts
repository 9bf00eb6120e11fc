/**
 * The world generator simulates shops in worker threads. Its modules must not load the warehouse
 * client (and with it chDB): a second chDB engine loaded in a worker stalled the main thread's
 * connections, so that after the demo world was generated the next DROP TABLE never returned.
 * This generates a world with two workers beside an open embedded warehouse, then uses it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '@storelens/fixtures';
import type { Warehouse } from '@storelens/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempWarehouse, tag } from './temp-warehouse.js';

let wh: Warehouse;
let dispose: () => Promise<void>;
const out = mkdtempSync(join(tmpdir(), 'storelens-gen-'));
beforeAll(async () => {
  ({ wh, dispose } = await openTempWarehouse());
});
afterAll(async () => {
  await dispose();
  rmSync(out, { recursive: true, force: true });
});

describe('the generator beside an open warehouse', () => {
  it('leaves the warehouse working after generating in worker threads', async () => {
    await wh.admin().command('DROP TABLE IF EXISTS etl_stage_before', {}, tag);
    const manifest = await generate({
      size: 'demo',
      seed: 3,
      endDate: '2026-06-30',
      out,
      format: 'csv',
      events: 8_000,
      days: 30,
      workers: 2,
    });
    expect(manifest.shops.length).toBeGreaterThan(1);
    await wh.admin().command('DROP TABLE IF EXISTS etl_stage_after', {}, tag);
    const [row] = await wh.admin().rows<{ n: number }>('SELECT count() AS n FROM events', {}, tag);
    expect(Number(row?.n)).toBe(0);
  }, 20_000);
});
