/**
 * Dense visitor numbers (migration 0006, etl/src/sql/visitor-numbers-sql.ts): each visitor of a
 * shop gets one number, from 1 with no gaps, in order of first event; a later batch keeps the
 * numbers and continues after them, also after a merge killed between numbering and writing;
 * every stored event carries its visitor's number; and two writers of one shop at once (two
 * ingestion pipelines, each ordering only its own merges) neither store an event twice nor hand
 * one number to two visitors.
 */
import type { Warehouse } from '@storelens/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestBatcher } from '../src/index.js';
import { openTempWarehouse, storedEvents, tag } from './temp-warehouse.js';

let wh: Warehouse;
let dispose: () => Promise<void>;
beforeAll(async () => {
  ({ wh, dispose } = await openTempWarehouse());
});
afterAll(async () => dispose());

const shopOf = (id: number) => ({ id, timeZone: 'Asia/Shanghai', currency: 'CNY' });
const at = (minute: number) => `2026-06-01T10:${String(minute).padStart(2, '0')}:00+08:00`;
const ev = (id: string, visitor: string, minute: number) => ({ event_id: id, ts: at(minute), event: 'page_view', visitor_id: visitor });

async function numbersOf(shopId: number): Promise<Record<string, number>> {
  const rows = await wh
    .forShop(shopId)
    .rows<{ visitor_id: string; visitor_no: number }>(
      'SELECT visitor_id, visitor_no FROM visitor_numbers WHERE shop_id = {shop_id:UInt32} ORDER BY visitor_no',
      {},
      tag,
    );
  return Object.fromEntries(rows.map((r) => [r.visitor_id, Number(r.visitor_no)]));
}

/** Events whose number is not their visitor's in visitor_numbers (0 when all agree). */
async function misnumberedEvents(shopId: number): Promise<number> {
  const [row] = await wh.forShop(shopId).rows<{ n: number }>(
    `SELECT count() AS n FROM events AS e
     LEFT JOIN (SELECT visitor_id, visitor_no FROM visitor_numbers WHERE shop_id = {shop_id:UInt32}) AS v ON v.visitor_id = e.visitor_id
     WHERE e.shop_id = {shop_id:UInt32} AND (e.visitor_no != v.visitor_no OR e.visitor_no = 0)`,
    {},
    tag,
  );
  return Number(row?.n);
}

describe('visitor numbers', () => {
  it('numbers visitors from 1 in order of first event, keeps them, and continues after them', async () => {
    const shop = shopOf(21);
    const batcher = new IngestBatcher(wh, { maxEvents: 100 });
    // First batch: bob is seen first (10:01, though listed last), then ann (10:05); cy twice.
    await batcher.submit(shop, [ev('1', 'ann', 5), ev('2', 'cy', 9), ev('3', 'cy', 7), ev('4', 'bob', 1)]);
    await batcher.close();
    expect(await numbersOf(shop.id)).toEqual({ bob: 1, ann: 2, cy: 3 });

    // Second batch: ann again (earlier than ever before — her number stays), dee and eve new; eve
    // and dee tie on time, so the id decides.
    const second = new IngestBatcher(wh, { maxEvents: 100 });
    await second.submit(shop, [ev('5', 'eve', 30), ev('6', 'ann', 0), ev('7', 'dee', 30)]);
    // The same batch again: nothing new, no numbers taken.
    await second.submit(shop, [ev('5', 'eve', 30), ev('6', 'ann', 0), ev('7', 'dee', 30)]);
    await second.close();
    expect(await numbersOf(shop.id)).toEqual({ bob: 1, ann: 2, cy: 3, dee: 4, eve: 5 });
    expect(await misnumberedEvents(shop.id)).toBe(0);

    // Another shop numbers its own visitors from 1.
    const other = new IngestBatcher(wh, { maxEvents: 100 });
    await other.submit(shopOf(22), [ev('1', 'eve', 1)]);
    await other.close();
    expect(await numbersOf(22)).toEqual({ eve: 1 });
  });

  it('after a merge killed between numbering and writing, the rerun keeps the numbers given and adds the rest', async () => {
    const shop = shopOf(24);
    // What a killed numbering statement can leave: some of the batch's visitors numbered, no events.
    await wh.admin().command("INSERT INTO visitor_numbers (shop_id, visitor_id, visitor_no) VALUES (24, 'cy', 1)", {}, tag);
    const batcher = new IngestBatcher(wh, { maxEvents: 100 });
    const verdicts = await batcher.submit(shop, [ev('1', 'ann', 5), ev('2', 'cy', 9), ev('3', 'bob', 1)]);
    await batcher.close();
    expect(verdicts.map((v) => v.status)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(await numbersOf(shop.id)).toEqual({ cy: 1, bob: 2, ann: 3 });
    expect(await misnumberedEvents(shop.id)).toBe(0);
  });

  it('two writers of one shop at once store each event once and give each visitor one number', async () => {
    const shop = shopOf(23);
    // Two pipelines (each orders only its own merges) carry the same events in different batches:
    // 40 visitors, each event in both streams.
    const events = Array.from({ length: 400 }, (_, i) => ev(`e${i}`, `v${i % 40}`, i % 60));
    const a = new IngestBatcher(wh, { maxEvents: 25 });
    const b = new IngestBatcher(wh, { maxEvents: 35 });
    const chunks = (size: number) =>
      Array.from({ length: Math.ceil(events.length / size) }, (_, k) => events.slice(k * size, (k + 1) * size));
    const verdicts = await Promise.all([
      ...chunks(25).map((c) => a.submit(shop, c)),
      ...chunks(35).map((c) => b.submit(shop, [...c].reverse())),
    ]);
    await Promise.all([a.close(), b.close()]);
    const accepted = verdicts.flat().filter((v) => v.status === 'accepted').length;
    expect(accepted).toBe(400);
    const stored = await storedEvents(wh, shop.id);
    expect(stored).toEqual({ n: 400, ids: 400 });
    const numbers = Object.values(await numbersOf(shop.id)).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await misnumberedEvents(shop.id)).toBe(0);
  });
});
