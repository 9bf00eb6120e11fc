/**
 * Child process for the kill-and-rerun test: imports a file and kills itself with SIGKILL at
 * the requested point, as a crash or `kill -9` would.
 *   argv: warehouseDir file shopId killAt
 *   killAt: <phase>, <phase>@<n> (the n-th progress report of that phase) or <phase>+<ms> (that
 *   long after the phase starts); phases: reading, typing, merging.
 */
import { migrate, Warehouse } from '@storelens/sql';
import { runImport } from '../src/index.js';

const [dir, file, shopId, killAt] = process.argv.slice(2) as [string, string, string, string];
const [phaseAndCount, delay] = killAt.split('+');
const [phase, count] = (phaseAndCount ?? '').split('@');
let seen = 0;
const wh = await Warehouse.open({ mode: 'embedded', path: dir });
await migrate(wh);
await runImport(wh, {
  shop: { id: Number(shopId), timeZone: 'Asia/Shanghai', currency: 'CNY' },
  kind: 'events',
  path: file,
  batchBytes: 2 * 1024 * 1024, // several staged batches before the kill point while reading
  onProgress: (p) => {
    if (p.phase !== phase || ++seen < Number(count ?? 1)) return;
    if (delay) setTimeout(() => process.kill(process.pid, 'SIGKILL'), Number(delay));
    else process.kill(process.pid, 'SIGKILL');
  },
});
process.stdout.write('finished without being killed\n');
await wh.close();
