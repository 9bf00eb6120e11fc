/**
 * Upgrading a store that has buyer days from migration 0009 to 0010 (two more dates per row):
 * every buyer is marked again, and start-up recomputes their rows with the new dates (worked out
 * by hand below). A file of its own: chDB opens one data directory per process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, Warehouse } from '@storelens/sql';
import { expect, it } from 'vitest';
import { refreshAllPending } from '../src/index.js';
import { tag } from './temp-warehouse.js';

it('are recomputed with their neighbouring days when a store that has 0009 takes 0010', async () => {
  // A store as the ninth session's first version left it: orders, buyer days without the two
  // later columns, every buyer recomputed (no marks).
  const dir = mkdtempSync(join(tmpdir(), 'storelens-upgrade-'));
  const old = await Warehouse.open({ mode: 'embedded', path: dir });
  try {
    await migrate(old, { upTo: 9 });
    const scope = old.forShop(44);
    await scope.command(
      `INSERT INTO orders (shop_id, day, order_id, customer_id, created_at, paid_at, status, paid_amount, version) VALUES
         ({shop_id:UInt32}, '2026-07-01', 'r1', 'fay', '2026-07-01 02:00:00', '2026-07-01 02:00:00', 'paid', 10, 1),
         ({shop_id:UInt32}, '2026-07-03', 'r2', 'fay', '2026-07-03 02:00:00', '2026-07-04 02:00:00', 'paid', 20, 1)`,
      {},
      tag,
    );
    await scope.command(
      `INSERT INTO buyer_days (shop_id, day, buyer, known, placed_orders, paid_orders, paid_amount, refund_amount, previous_paid_day, computed_at) VALUES
         ({shop_id:UInt32}, '2026-07-01', cityHash64('fay'), 1, 1, 1, 10, 0, '1970-01-01', now64(6)),
         ({shop_id:UInt32}, '2026-07-03', cityHash64('fay'), 1, 1, 0, 0, 0, '2026-07-01', now64(6)),
         ({shop_id:UInt32}, '2026-07-04', cityHash64('fay'), 1, 0, 1, 20, 0, '2026-07-01', now64(6))`,
      {},
      tag,
    );
    await scope.command("INSERT INTO buyer_days_pending VALUES ({shop_id:UInt32}, cityHash64('fay'), 0, 5)", {}, tag);
    await migrate(old);
    expect(await refreshAllPending(old, async () => 'Asia/Shanghai')).toEqual([44]);
    const [row] = await scope.rows<{ days: string[] }>(
      `SELECT groupArray(concat(toString(day), ' ', toString(previous_placed_day), ' ', toString(next_paid_day))) AS days
       FROM (SELECT * FROM buyer_days FINAL WHERE shop_id = {shop_id:UInt32} ORDER BY day)`,
      {},
      tag,
    );
    // [day, previous placing day, next paying day]
    expect(row?.days).toEqual(['2026-07-01 1970-01-01 2026-07-04', '2026-07-03 2026-07-01 2026-07-04', '2026-07-04 2026-07-03 1970-01-01']);
  } finally {
    await old.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
