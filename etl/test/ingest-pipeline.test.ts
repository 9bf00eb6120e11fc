/**
 * Live ingestion stages a batch while the one before it merges; only the merges are ordered.
 * Consecutive batches that share events must still store each event once and call it accepted
 * in the first batch that carried it, duplicate in every later one.
 */
import type { Warehouse } from '@storelens/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EventVerdict, IngestBatcher } from '../src/index.js';
import { openTempWarehouse, storedEvents, tag } from './temp-warehouse.js';

let wh: Warehouse;
let dispose: () => Promise<void>;
beforeAll(async () => {
  ({ wh, dispose } = await openTempWarehouse());
});
afterAll(async () => dispose());

const shop = { id: 7, timeZone: 'Asia/Shanghai', currency: 'CNY' };
const event = (n: number) => ({ event_id: `e${n}`, ts: '2026-06-01T10:00:00+08:00', event: 'page_view', visitor_id: `v${n % 3}` });

describe('IngestBatcher pipelining', () => {
  it('orders the merges of overlapping batches: each event accepted once, in the first batch that had it', async () => {
    const flushes: number[] = [];
    // Every request closes its own batch (10 events), so ten batches are in flight at once.
    const batcher = new IngestBatcher(wh, { maxEvents: 10, onFlush: (f) => flushes.push(f.events) });
    // Request k carries events 5k .. 5k+9: half of them were in request k-1 too.
    const requests = Array.from({ length: 10 }, (_, k) => Array.from({ length: 10 }, (_, i) => event(5 * k + i)));
    const answers: EventVerdict[][] = await Promise.all(requests.map((events) => batcher.submit(shop, events)));
    await batcher.close();
    expect(flushes).toEqual(Array(10).fill(10));
    answers.forEach((verdicts, k) => {
      const expected = Array.from({ length: 10 }, (_, i) => (k === 0 || i >= 5 ? 'accepted' : 'duplicate'));
      expect(verdicts.map((v) => v.status)).toEqual(expected);
    });
    const stored = await storedEvents(wh, shop.id);
    // Events 0 .. 54: 5 × 10 + 5.
    expect(stored).toEqual({ n: 55, ids: 55 });
    const [left] = await wh
      .admin()
      .rows<{ n: number }>("SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND name LIKE 'etl\\_%'", {}, tag);
    expect(left?.n).toBe(0);
  });

  it('answers a batch that cannot be staged with an error, and keeps taking the next ones', async () => {
    const batcher = new IngestBatcher(wh, { maxEvents: 1 });
    // A shop whose time zone the engine does not know fails while typing.
    const broken = batcher.submit({ ...shop, id: 8, timeZone: 'Nowhere/Atlantis' }, [event(1)]);
    const fine = batcher.submit({ ...shop, id: 8 }, [event(2)]);
    await expect(broken).rejects.toThrow();
    expect((await fine).map((v) => v.status)).toEqual(['accepted']);
    await batcher.close();
  });

  it('answers the requests even when the flush observer throws, and the failure goes nowhere else', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const batcher = new IngestBatcher(wh, {
        maxEvents: 1,
        onFlush: () => {
          throw new Error('metrics sink down');
        },
      });
      const verdicts = await batcher.submit({ ...shop, id: 9 }, [event(3)]);
      expect(verdicts.map((v) => v.status)).toEqual(['accepted']);
      await batcher.close();
      await new Promise((r) => setTimeout(r, 50)); // let a stray rejection surface
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
