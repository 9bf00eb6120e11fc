import { Warehouse } from '@storelens/sql';

const wh = await Warehouse.open({ mode: 'embedded', path: '/tmp/q-wh' });
const sql = process.argv[2] as string;
console.table(await wh.admin().rows(sql, {}, { purpose: 'adhoc' }));
await wh.close();
