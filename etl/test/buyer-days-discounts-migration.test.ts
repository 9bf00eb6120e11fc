/**
 * Upgrading a store that has buyer days from migration 0011 to 0012 (each day's goods amount and
 * order-level discounts): every buyer is marked again, and start-up recomputes their rows with
 * the discounts of the orders paid that day (worked out by hand below). A file of its own: chDB
 * opens one data directory per process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, Warehouse } from '@storelens/sql';
import { expect, it } from 'vitest';
import { refreshAllPending } from '../src/index.js';
import { tag } from './temp-warehouse.js';

it('are recomputed with the discounts of their paid orders when a store that has 0011 takes 0012', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'storelens-upgrade-'));
  const old = await Warehouse.open({ mode: 'embedded', path: dir });
  try {
    await migrate(old, { upTo: 11 });
    const scope = old.forShop(45);
    // Kim pays two orders on 07-01 (one with a 4.50 coupon), and one placed on 07-02 the next day
    // with a 2 coupon; an order placed on 07-02 with a coupon is never paid.
    await scope.command(
      `INSERT INTO orders (shop_id, day, order_id, customer_id, created_at, paid_at, status, items_amount, discount_amount, paid_amount, version) VALUES
         ({shop_id:UInt32}, '2026-07-01', 'k1', 'kim', '2026-07-01 02:00:00', '2026-07-01 02:00:00', 'paid', 30, 4.5, 25.5, 1),
         ({shop_id:UInt32}, '2026-07-01', 'k2', 'kim', '2026-07-01 03:00:00', '2026-07-01 03:00:00', 'paid', 12, 0, 12, 1),
         ({shop_id:UInt32}, '2026-07-02', 'k3', 'kim', '2026-07-02 02:00:00', '2026-07-03 02:00:00', 'paid', 20, 2, 18, 1),
         ({shop_id:UInt32}, '2026-07-02', 'k4', 'kim', '2026-07-02 05:00:00', NULL, 'created', 50, 5, 45, 1)`,
      {},
      tag,
    );
    // Buyer days as 0011 computed them, every buyer recomputed (no marks).
    await scope.command(
      `INSERT INTO buyer_days (shop_id, day, buyer, known, placed_orders, paid_orders, paid_amount, refund_amount, previous_paid_day, previous_placed_day, next_paid_day, computed_at) VALUES
         ({shop_id:UInt32}, '2026-07-01', cityHash64('kim'), 1, 2, 2, 37.5, 0, '1970-01-01', '1970-01-01', '2026-07-03', now64(6)),
         ({shop_id:UInt32}, '2026-07-02', cityHash64('kim'), 1, 2, 0, 0, 0, '2026-07-01', '2026-07-01', '2026-07-03', now64(6)),
         ({shop_id:UInt32}, '2026-07-03', cityHash64('kim'), 1, 0, 1, 18, 0, '2026-07-01', '2026-07-02', '1970-01-01', now64(6))`,
      {},
      tag,
    );
    await scope.command("INSERT INTO buyer_days_pending VALUES ({shop_id:UInt32}, cityHash64('kim'), 0, 5)", {}, tag);
    await migrate(old);
    expect(await refreshAllPending(old, async () => 'Asia/Shanghai')).toEqual([45]);
    const [row] = await scope.rows<{ days: string[] }>(
      `SELECT groupArray(concat(toString(day), ' ', toString(items_amount), ' ', toString(discounted_orders), ' ', toString(discount_amount))) AS days
       FROM (SELECT * FROM buyer_days FINAL WHERE shop_id = {shop_id:UInt32} ORDER BY day)`,
      {},
      tag,
    );
    // [day, goods amount, discounted orders, discount amount] of the orders paid that day
    expect(row?.days).toEqual(['2026-07-01 42 1 4.5', '2026-07-02 0 0 0', '2026-07-03 20 1 2']);
  } finally {
    await old.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
