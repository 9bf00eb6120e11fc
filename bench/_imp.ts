import { rmSync } from 'node:fs';
import { runImport } from '@storelens/etl';
import { migrate, Warehouse } from '@storelens/sql';

rmSync('/tmp/imp-wh', { recursive: true, force: true });
const wh = await Warehouse.open({ mode: 'embedded', path: '/tmp/imp-wh' });
await migrate(wh);
const dir = process.argv[2] as string;
const shop = { id: 1, timeZone: process.argv[3] ?? 'Asia/Shanghai', currency: 'CNY' };
for (const kind of ['products', 'customers', 'events', 'orders', 'order_items'] as const) {
  const t = performance.now();
  const r = await runImport(wh, { shop, kind, path: `${dir}/${kind}-00000.csv` });
  console.log(
    kind,
    JSON.stringify({ ...r, importId: undefined }),
    `${(((r.rowsRead / (performance.now() - t)) * 1000) / 1e6).toFixed(2)}M rows/s`,
  );
}
const again = await runImport(wh, { shop, kind: 'events', path: `${dir}/events-00000.csv` });
console.log('re-import events', JSON.stringify({ ...again, importId: undefined }));
console.table(
  await wh
    .forShop(1)
    .rows(
      "SELECT count() n, uniqExact(visitor_id) uv, countIf(event_name IN ('page_view','product_view')) pv FROM events WHERE shop_id = {shop_id:UInt32}",
      {},
      { purpose: 'x' },
    ),
);
console.table(
  await wh
    .forShop(1)
    .rows(
      'SELECT count() paid_orders, sum(paid_amount) gmv FROM orders FINAL WHERE shop_id = {shop_id:UInt32} AND paid_at IS NOT NULL',
      {},
      { purpose: 'x' },
    ),
);
console.table(
  await wh
    .forShop(1)
    .rows(
      'SELECT line, reason, substring(raw, 1, 60) raw FROM import_rejects WHERE shop_id = {shop_id:UInt32} ORDER BY line LIMIT 12',
      {},
      { purpose: 'x' },
    ),
);
await wh.close();
