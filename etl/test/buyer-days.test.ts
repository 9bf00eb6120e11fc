/**
 * Buyer days (migration 0009): recomputed after every orders merge for the buyers it touched, so
 * a later version of an order (paid, paid on another day, refunded, given to another customer)
 * changes the stored rows as if all versions had come at once. Expected rows are worked out by
 * hand below (shop time zone +08:00).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markBuyersPending, type Warehouse } from '@storelens/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeShopTimeZone, refreshAllPending, runImport } from '../src/index.js';
import { openTempWarehouse, tag } from './temp-warehouse.js';

let wh: Warehouse;
let dispose: () => Promise<void>;
let dir: string;
beforeAll(async () => {
  ({ wh, dispose } = await openTempWarehouse());
  dir = mkdtempSync(join(tmpdir(), 'storelens-buyers-'));
});
afterAll(async () => {
  await dispose();
  rmSync(dir, { recursive: true, force: true });
});

const shop = (id: number) => ({ id, timeZone: 'Asia/Shanghai', currency: 'CNY' });
const HEADER = 'order_id,customer_id,created_at,paid_at,status,items_amount,paid_amount,refund_amount,refunded_at,updated_at';
/**
 * An order row; times are shop-local (+08:00); `version` orders later states of the order; a
 * refund is [amount, local time].
 */
const order = (id: string, customer: string, local: string, paidLocal: string, amount: number, version = 1, refund?: [number, string]) =>
  [
    id,
    customer,
    `${local}+08:00`,
    paidLocal ? `${paidLocal}+08:00` : '',
    refund ? 'refunded' : paidLocal ? 'paid' : 'created',
    amount.toFixed(2),
    paidLocal ? amount.toFixed(2) : '0.00',
    refund ? refund[0].toFixed(2) : '0.00',
    refund ? `${refund[1]}+08:00` : '',
    `2026-01-01T00:00:0${version}Z`,
  ].join(',');

let files = 0;
async function load(shopId: number, rows: string[]): Promise<void> {
  const path = join(dir, `orders-${files++}.csv`);
  writeFileSync(path, `${[HEADER, ...rows].join('\n')}\n`);
  const r = await runImport(wh, { shop: shop(shopId), kind: 'orders', path });
  expect(r.rowsRejected).toBe(0);
}

/** [day, orders placed, orders paid, paid amount, refunds, previous paying day, previous placing day, next paying day] */
type Day = [string, number, number, number, number, string, string, string];
/** Each buyer's rows (zero rows left out), buyers named by customer id or `guest:<order>`. */
async function buyerDays(shopId: number, names: string[]): Promise<Record<string, Day[]>> {
  const rows = await wh.forShop(shopId).rows<{
    name: string;
    d: string;
    placed: number;
    paid: number;
    amount: string;
    refund: string;
    prev: string;
    prevPlaced: string;
    next: string;
    known: number;
  }>(
    `SELECT n.name AS name, toString(r.day) AS d, r.placed_orders AS placed, r.paid_orders AS paid, toString(r.paid_amount) AS amount,
            toString(r.refund_amount) AS refund, toString(r.previous_paid_day) AS prev,
            toString(r.previous_placed_day) AS prevPlaced, toString(r.next_paid_day) AS next, r.known AS known
     FROM buyer_days AS r FINAL
     JOIN (SELECT arrayJoin({names:Array(String)}) AS name) AS n
       ON r.buyer = if(startsWith(n.name, 'guest:'), cityHash64('guest:', substring(n.name, 7)), cityHash64(n.name))
     WHERE r.shop_id = {shop_id:UInt32} AND (r.placed_orders > 0 OR r.paid_orders > 0 OR r.refund_amount != 0)
     ORDER BY name, d`,
    { names },
    tag,
  );
  const out: Record<string, Day[]> = {};
  for (const r of rows) {
    expect(Number(r.known), r.name).toBe(r.name.startsWith('guest:') ? 0 : 1);
    const days = out[r.name] ?? [];
    days.push([r.d, Number(r.placed), Number(r.paid), Number(r.amount), Number(r.refund), r.prev, r.prevPlaced, r.next]);
    out[r.name] = days;
  }
  return out;
}

async function markedBuyers(shopId: number): Promise<number> {
  const [r] = await wh
    .forShop(shopId)
    .rows<{ n: number }>(
      'SELECT count() AS n FROM (SELECT buyer FROM buyer_days_pending WHERE shop_id = {shop_id:UInt32} GROUP BY buyer HAVING argMax(pending, version) = 1)',
      {},
      tag,
    );
  return Number(r?.n);
}

const NONE = '1970-01-01';

describe('buyer days', () => {
  it('follow later versions of orders: paid, paid on another day, refunded, moved to another customer', async () => {
    await load(41, [
      order('o1', 'alice', '2026-03-01T10:00:00', '2026-03-01T10:05:00', 100),
      order('o2', 'alice', '2026-03-01T20:00:00', '2026-03-01T23:59:00', 50), // alice's second order that day
      order('o3', 'alice', '2026-03-09T09:00:00', '2026-03-10T00:30:00', 30), // placed 03-09, paid after midnight: 03-10
      order('o4', 'bob', '2026-03-02T12:00:00', '', 70), // placed, not paid
      order('o5', '', '2026-03-02T12:00:00', '2026-03-02T12:01:00', 20), // a guest order: a buyer of its own
      order('o6', '', '2026-03-05T12:00:00', '2026-03-05T12:01:00', 25),
    ]);
    // [day, placed, paid, amount, refunds, previous paying day, previous placing day, next paying day]
    expect(await buyerDays(41, ['alice', 'bob', 'guest:o5', 'guest:o6'])).toEqual({
      alice: [
        ['2026-03-01', 2, 2, 150, 0, NONE, NONE, '2026-03-10'],
        ['2026-03-09', 1, 0, 0, 0, '2026-03-01', '2026-03-01', '2026-03-10'],
        ['2026-03-10', 0, 1, 30, 0, '2026-03-01', '2026-03-09', NONE],
      ],
      bob: [['2026-03-02', 1, 0, 0, 0, NONE, NONE, NONE]],
      'guest:o5': [['2026-03-02', 1, 1, 20, 0, NONE, NONE, NONE]],
      'guest:o6': [['2026-03-05', 1, 1, 25, 0, NONE, NONE, NONE]],
    });
    expect(await markedBuyers(41)).toBe(0);

    await load(41, [
      order('o4', 'bob', '2026-03-02T12:00:00', '2026-03-04T08:00:00', 70, 2), // bob pays on 03-04
      order('o2', 'alice', '2026-03-01T20:00:00', '2026-03-06T11:00:00', 50, 2), // o2's payment now on 03-06
      order('o7', 'alice', '2026-02-20T10:00:00', '2026-02-20T10:00:00', 10), // an earlier order of alice
    ]);
    // alice pays on 02-20, 03-01 (o1 only), 03-06 (o2), 03-10 (o3); each day's previous paying day moves.
    expect(await buyerDays(41, ['alice', 'bob'])).toEqual({
      alice: [
        ['2026-02-20', 1, 1, 10, 0, NONE, NONE, '2026-03-01'],
        ['2026-03-01', 2, 1, 100, 0, '2026-02-20', '2026-02-20', '2026-03-06'],
        ['2026-03-06', 0, 1, 50, 0, '2026-03-01', '2026-03-01', '2026-03-10'],
        ['2026-03-09', 1, 0, 0, 0, '2026-03-06', '2026-03-01', '2026-03-10'],
        ['2026-03-10', 0, 1, 30, 0, '2026-03-06', '2026-03-09', NONE],
      ],
      bob: [
        ['2026-03-02', 1, 0, 0, 0, NONE, NONE, '2026-03-04'],
        ['2026-03-04', 0, 1, 70, 0, NONE, '2026-03-02', NONE],
      ],
    });

    // o3 turns out to be carol's: alice's 03-09 and 03-10 become zero rows, carol gets the days;
    // o1 is refunded (40) on 03-12: a day of alice's with a refund only.
    await load(41, [
      order('o3', 'carol', '2026-03-09T09:00:00', '2026-03-10T00:30:00', 30, 3),
      order('o1', 'alice', '2026-03-01T10:00:00', '2026-03-01T10:05:00', 100, 4, [40, '2026-03-12T09:00:00']),
    ]);
    expect(await buyerDays(41, ['alice', 'carol'])).toEqual({
      alice: [
        ['2026-02-20', 1, 1, 10, 0, NONE, NONE, '2026-03-01'],
        ['2026-03-01', 2, 1, 100, 0, '2026-02-20', '2026-02-20', '2026-03-06'],
        ['2026-03-06', 0, 1, 50, 0, '2026-03-01', '2026-03-01', NONE],
        ['2026-03-12', 0, 0, 0, 40, '2026-03-06', '2026-03-01', NONE],
      ],
      carol: [
        ['2026-03-09', 1, 0, 0, 0, NONE, NONE, '2026-03-10'],
        ['2026-03-10', 0, 1, 30, 0, NONE, '2026-03-09', NONE],
      ],
    });
    expect(await markedBuyers(41)).toBe(0);
  });

  it('buyers a dead process left marked are recomputed at start-up', async () => {
    await load(42, [order('p1', 'dave', '2026-04-01T10:00:00', '2026-04-01T10:00:00', 40)]);
    // As if a merge had written dave's newer order and died before recomputing: dave is marked
    // and his stored rows are stale.
    const scope = wh.forShop(42);
    await markBuyersPending(scope, "SELECT cityHash64('dave') AS buyer", {}, tag);
    await scope.command(
      "INSERT INTO orders (shop_id, day, order_id, customer_id, created_at, paid_at, status, paid_amount, version) VALUES ({shop_id:UInt32}, '2026-04-03', 'p2', 'dave', '2026-04-03 02:00:00', '2026-04-03 02:00:00', 'paid', 60, 1)",
      {},
      tag,
    );
    expect(await buyerDays(42, ['dave'])).toEqual({ dave: [['2026-04-01', 1, 1, 40, 0, NONE, NONE, NONE]] });
    expect(await markedBuyers(42)).toBe(1);
    expect(await refreshAllPending(wh, async (id) => (id === 42 ? 'Asia/Shanghai' : undefined))).toContain(42);
    expect(await buyerDays(42, ['dave'])).toEqual({
      dave: [
        ['2026-04-01', 1, 1, 40, 0, NONE, NONE, '2026-04-03'],
        ['2026-04-03', 1, 1, 60, 0, '2026-04-01', '2026-04-01', NONE],
      ],
    });
    expect(await markedBuyers(42)).toBe(0);
  });

  it('move their paying days with the shop’s time zone (the placing day stays as loaded)', async () => {
    // Paid 2026-05-01 23:30 in Shanghai = 15:30 UTC = 11:30 in New York; paid 05-02 00:30 in
    // Shanghai = 05-01 16:30 UTC = 12:30 in New York: both on 05-01 there. Each order's `day`
    // (placing day) was fixed when it was loaded.
    await load(43, [
      order('q1', 'erin', '2026-05-01T23:00:00', '2026-05-01T23:30:00', 10),
      order('q2', 'erin', '2026-05-02T00:10:00', '2026-05-02T00:30:00', 20),
    ]);
    expect(await buyerDays(43, ['erin'])).toEqual({
      erin: [
        ['2026-05-01', 1, 1, 10, 0, NONE, NONE, '2026-05-02'],
        ['2026-05-02', 1, 1, 20, 0, '2026-05-01', '2026-05-01', NONE],
      ],
    });
    await changeShopTimeZone(wh, 43, async () => ({ time_zone: 'America/New_York' }));
    expect(await buyerDays(43, ['erin'])).toEqual({
      erin: [
        ['2026-05-01', 1, 2, 30, 0, NONE, NONE, NONE],
        ['2026-05-02', 1, 0, 0, 0, '2026-05-01', '2026-05-01', NONE],
      ],
    });
    expect(await markedBuyers(43)).toBe(0);
  });
});
