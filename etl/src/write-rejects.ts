/** Rows refused while framing (wrong field count, broken quoting) go to import_rejects too. */
import type { Warehouse } from '@storelens/sql';
import type { ImportKind } from './import-schemas.js';
import type { FramingReject } from './readers/csv-framer.js';

const REJECT_RAW_LIMIT = 64 * 1024;

export async function writeFramingRejects(
  wh: Warehouse,
  target: { shopId: number; kind: ImportKind; importId: string; source: string },
  rejects: readonly FramingReject[],
): Promise<void> {
  for (let i = 0; i < rejects.length; i += 10_000) {
    const rows = rejects.slice(i, i + 10_000).map((r) => ({
      import_id: target.importId,
      source: target.source,
      line: r.line,
      raw: r.raw.slice(0, REJECT_RAW_LIMIT),
      reason: r.reason,
      kind: target.kind,
    }));
    await wh.forShop(target.shopId).insert('import_rejects', rows, { purpose: `etl.${target.kind}.rejects`, lane: 'bulk' });
  }
}
