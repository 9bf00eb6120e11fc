/**
 * The hand-worked refunds world shared by the refunds tests (refunds.test.ts: the analysis and the
 * dataset builder's refund measures; refund-customers.test.ts: who asked for refunds): a full and a
 * partial refund, a refund without a time or a reason, an order paid before the range and one after
 * it (by the shop's own midnight, not UTC's), an unpaid one, a late payment of an order placed weeks
 * before, refunds shared among an order's lines by amount, and reasons written in other cases.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ImportKind, runImport } from '@storelens/etl';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { ApiKeysRepo, type Shop, ShopsRepo } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openTempStores, tempDir } from './temp-stores.js';

export const RANGE = 'from=2026-03-10&to=2026-03-12';

/**
 * Shanghai (+08:00). [order, customer, created, paid, paid amount, refund, refunded at, channel,
 * refund reason as the file writes it].
 * Reasons of the range's refunds: o2 changed_mind (written " Changed_Mind "), o3 and o4 quality, o9
 * none. o1 (never refunded) and o5 (outside) also name one, which must not count.
 * In the range (paid 03-10 … 03-12 local): o1, o2, o3, o4, o7, o9 — six orders, 320 paid.
 *   o2 refunded in full the same evening (0 days); o3 20 of 80 on 03-14 at 01:00 local — 3 days
 *   (UTC would say 03-13, 2 days); o4 in full on 03-20 — 8 days; o9 5 of 40 with no time: refunded,
 *   but no delay. Refunded 4 (2 in full), 105 back: 4/6 and 105/320 = 0.328125; delays 0, 3, 8 →
 *   median 3.
 * Outside: o5 paid 03-09 (refunded within the range, but it is not the range's sale), o6 never
 * paid, o8 paid 03-13, o10 paid 03-13 at 00:30 local (still 03-12 in UTC).
 * The live-stream orders were placed in the live room LIVE_ROOM; the rest in none.
 */
/** The live room of the live-stream orders (o4 in the range). */
export const LIVE_ROOM = 'evening-live';

export const ORDERS: Array<[string, string, string, string, number, number, string, string, string]> = [
  ['o1', 'c1', '2026-03-10T12:00', '2026-03-10T12:05', 100, 0, '', 'search', 'quality'],
  ['o2', 'c2', '2026-03-10T09:00', '2026-03-10T09:01', 50, 50, '2026-03-10T20:00', 'ads', '" Changed_Mind "'],
  ['o3', 'c3', '2026-03-11T10:00', '2026-03-11T10:00', 80, 20, '2026-03-14T01:00', 'search', 'quality'],
  ['o4', '', '2026-03-12T23:00', '2026-03-12T23:30', 30, 30, '2026-03-20T10:00', 'live_stream', 'QUALITY'],
  ['o5', 'c1', '2026-03-09T10:00', '2026-03-09T10:00', 70, 10, '2026-03-11T10:00', 'search', 'quality'],
  ['o6', 'c4', '2026-03-12T10:00', '', 0, 0, '', 'search', ''],
  ['o7', 'c5', '2026-02-20T10:00', '2026-03-10T08:00', 20, 0, '', 'search', ''],
  ['o8', 'c6', '2026-03-13T10:00', '2026-03-13T10:00', 60, 60, '2026-03-14T10:00', 'ads', 'damaged'],
  ['o9', 'c2', '2026-03-11T15:00', '2026-03-11T15:00', 40, 5, '', 'ads', ''],
  ['o10', 'c7', '2026-03-13T00:20', '2026-03-13T00:30', 90, 90, '2026-03-13T08:00', 'ads', 'wrong_item'],
  // Alone on 04-01: refunded a day before its recorded payment (two systems' clocks).
  ['o11', 'c8', '2026-04-01T09:00', '2026-04-01T10:00', 25, 25, '2026-03-31T18:00', 'direct', 'late_delivery'],
];

/**
 * Lines [order, product, category, amount]. Each order's refund shared by line amount: o2's 50 all
 * p1; o3's 20 → p1 20 × 30/80 = 7.5, p3 12.5; o4's 30 → p2; o9's 5 → p2.
 *   p1 (A): o1 60, o2 50, o3 30 → 3 orders, 140; refunded o2, o3 (o2 in full); 57.5 back.
 *   p2 (B): o1 40, o4 30, o9 40 → 3 orders, 110; refunded o4 (in full), o9; 35 back.
 *   p3 (B): o3 50, o7 20 → 2 orders, 70; refunded o3; 12.5 back.
 *   B: o1, o3, o4, o7, o9 → 5 orders, 180; refunded o3, o4, o9 (o4 in full); 47.5 back.
 */
export const LINES: Array<[string, string, string, number]> = [
  ['o1', 'p1', 'A', 60],
  ['o1', 'p2', 'B', 40],
  ['o2', 'p1', 'A', 50],
  ['o3', 'p1', 'A', 30],
  ['o3', 'p3', 'B', 50],
  ['o4', 'p2', 'B', 30],
  ['o5', 'p1', 'A', 70],
  ['o7', 'p3', 'B', 20],
  ['o8', 'p2', 'B', 60],
  ['o9', 'p2', 'B', 40],
  ['o10', 'p3', 'B', 90],
  ['o11', 'p1', 'A', 25],
];

export interface RefundsWorld {
  stores: Stores;
  app: FastifyInstance;
  shop: Shop;
  /** A read key for the shop. */
  key: string;
  close: () => Promise<void>;
}

/** A store with the shop `tea` (Asia/Shanghai) holding the orders and lines above, and an app over it. */
export async function openRefundsWorld(): Promise<RefundsWorld> {
  const { stores, dispose } = await openTempStores();
  const load = async (kind: ImportKind, csv: string) => {
    const path = join(tempDir('storelens-refunds-'), `${kind}.csv`);
    writeFileSync(path, csv);
    const job = await runImport(stores.warehouse, { shop: { id: shop.id, timeZone: shop.time_zone, currency: shop.currency }, kind, path });
    if (job.rowsRejected !== 0) throw new Error(`${kind}: ${job.rowsRejected} rows rejected`);
  };
  const repo = new ShopsRepo(stores.metadata);
  const org = await repo.createOrganization('Refunds');
  const shop = await repo.create({ organizationId: org.id, slug: 'tea', name: 'Tea', currency: 'CNY', timeZone: 'Asia/Shanghai' });
  const local = (t: string) => (t === '' ? '' : `${t}:00+08:00`);
  const created = new Map(ORDERS.map((o) => [o[0], o[2]]));
  await load(
    'orders',
    `order_id,customer_id,created_at,paid_at,status,items_amount,paid_amount,refund_amount,refunded_at,channel,live_room_id,refund_reason,updated_at\n${ORDERS.map(
      ([id, c, made, paid, amount, refund, refundedAt, channel, reason]) =>
        [
          id,
          c,
          local(made),
          local(paid),
          paid === '' ? 'created' : refund === 0 ? 'completed' : refund >= amount ? 'refunded' : 'partially_refunded',
          amount,
          amount,
          refund,
          local(refundedAt),
          channel,
          channel === 'live_stream' ? LIVE_ROOM : '',
          reason,
          '2026-03-25T00:00:00Z',
        ].join(','),
    ).join('\n')}\n`,
  );
  await load(
    'order_items',
    `order_id,line_no,product_id,product_name,category,quantity,unit_price,amount,created_at\n${LINES.map(([o, p, category, amount], i) =>
      [o, i + 1, p, `Product ${p}`, category, 1, amount, amount, local(created.get(o) ?? '')].join(','),
    ).join('\n')}\n`,
  );
  const key = (await new ApiKeysRepo(stores.metadata).create({ shopId: shop.id, name: 'r', scopes: ['read'] })).key;
  const app = await buildApp({ stores, serveDashboard: false });
  return {
    stores,
    app,
    shop,
    key,
    close: async () => {
      await app.close();
      await dispose();
    },
  };
}
