/**
 * Runs one import of one file for one shop, exactly once:
 *
 *   1. stream the file through the framer into a staging table (typed, with a reject reason per
 *      row) — production tables are untouched, so an unreadable file changes nothing;
 *   2. merge the valid staged rows whose key is not stored yet into the production table;
 *   3. record every rejected row (framing and typing) in import_rejects with its line and reason;
 *   4. drop the staging table.
 *
 * If the process dies anywhere, running the same file again ends in the state of one clean run:
 * the merge only adds rows whose key is missing.
 */
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { Warehouse } from '@storelens/sql';
import { channelRuleParams } from './channel-rules.js';
import type { ImportKind } from './import-schemas.js';
import { KIND_SPECS } from './kinds/index.js';
import { priceBandParams } from './price-bands.js';
import { CsvFramer, type FramingReject } from './readers/csv-framer.js';
import { openSource, type SourceFormat } from './readers/open-source.js';
import { csvStageInput, mapHeader } from './sources/csv-source.js';
import { buildStageSql } from './sql/stage-sql.js';

export interface ImportShop {
  id: number;
  timeZone: string;
  currency: string;
}

export interface ImportRequest {
  shop: ImportShop;
  kind: ImportKind;
  path: string;
  /** Name recorded with rejects (default: the file name). */
  sourceName?: string;
  format?: SourceFormat;
  importId?: string;
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportProgress {
  phase: 'reading' | 'merging' | 'done';
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
}

export interface ImportResult {
  importId: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsUpdated: number;
  rowsDuplicate: number;
  rowsRejected: number;
  warnings: string[];
  elapsedMs: number;
  /** Where the time went: reading+staging, typing, counting, merging, recording rejects. */
  phaseMs: { read: number; type: number; count: number; merge: number; rejects: number };
}

const REJECT_RAW_LIMIT = 64 * 1024;

export async function runImport(wh: Warehouse, req: ImportRequest): Promise<ImportResult> {
  const started = performance.now();
  const importId = req.importId ?? randomUUID();
  const spec = KIND_SPECS[req.kind];
  const source = openSource(req.path, req.format);
  if (source.format !== 'csv') throw new Error(`${source.format} import is not available yet`);
  const sourceName = req.sourceName ?? basename(req.path);
  const scope = wh.forShop(req.shop.id);
  const tag = { purpose: `etl.${req.kind}`, lane: 'bulk' as const, timeoutSeconds: 3600 };
  const params = {
    tz: req.shop.timeZone,
    currency: req.shop.currency,
    import_id: importId,
    source: sourceName,
    kind: req.kind,
    imported_at: new Date().toISOString().replace('T', ' ').replace('Z', ''),
    ...channelRuleParams(),
    ...priceBandParams(req.shop.currency),
  };
  const warnings: string[] = [];
  const phaseMs: ImportResult['phaseMs'] = { read: 0, type: 0, count: 0, merge: 0, rejects: 0 };
  const framer = new CsvFramer();
  let sql: ReturnType<typeof buildStageSql> | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  const progress = (phase: ImportProgress['phase']) =>
    req.onProgress?.({ phase, rowsRead: framer.rowsRead, bytesRead: source.bytesRead(), totalBytes: source.totalBytes });

  const send = async (body: Buffer) => {
    if (!sql) {
      const header = framer.csvHeader;
      if (!header) throw new Error('no header');
      const mapping = mapHeader(req.kind, header.columns);
      if (mapping.ignored.length) warnings.push(`Ignored columns not in the ${req.kind} schema: ${mapping.ignored.join(', ')}`);
      sql = buildStageSql(spec, importId, csvStageInput(header, mapping));
      for (const drop of sql.drop) await wh.admin().command(drop, {}, tag);
      await wh.admin().command(sql.createRaw, {}, tag);
      await wh.admin().command(sql.create, {}, tag);
    }
    const stage = sql;
    // One insert in flight while the next batch is framed: reading and parsing overlap. The raw
    // stage is per-import scratch space (admin scope); rows reach shop tables only through the
    // shop-scoped statements below.
    await inFlight;
    inFlight = wh.admin().insertBody(stage.rawTarget, body, tag, { csvDelimiter: framer.csvHeader?.delimiter ?? ',' });
    inFlight.catch(() => {}); // awaited before the next batch and at the end; this only marks it handled
  };

  try {
    for await (const chunk of source.chunks()) {
      for (const batch of framer.push(chunk)) await send(batch.body);
      progress('reading');
    }
    for (const batch of framer.end()) await send(batch.body);
    await inFlight;
    if (!sql) {
      // A header and no valid rows: map it anyway so a wrong file still fails clearly.
      const header = framer.csvHeader;
      if (header) mapHeader(req.kind, header.columns);
    }
    progress('merging');
    let counts = { staged: 0, rejected: 0, fresh: 0, updated: 0 };
    phaseMs.read = Math.round(performance.now() - started);
    const stageSql = sql as ReturnType<typeof buildStageSql> | undefined;
    if (stageSql) {
      const timed = async <T>(name: keyof ImportResult['phaseMs'], fn: () => Promise<T>): Promise<T> => {
        const t = performance.now();
        const r = await fn();
        phaseMs[name] = Math.round(performance.now() - t);
        return r;
      };
      const run = (text: string) => scope.command(text, filterParams(text, params), tag);
      await timed('type', () => run(stageSql.typeRows));
      const [row] = await timed('count', () => scope.rows<typeof counts>(stageSql.counts, filterParams(stageSql.counts, params), tag));
      counts = row ?? counts;
      await timed('merge', () => run(stageSql.merge));
      await timed('rejects', () => run(stageSql.rejects));
    }
    await writeFramingRejects(wh, req, importId, sourceName, framer.rejects);
    progress('done');
    const rejected = counts.rejected + framer.rejects.length;
    return {
      importId,
      rowsRead: framer.rowsRead,
      rowsLoaded: counts.fresh - counts.updated,
      rowsUpdated: counts.updated,
      rowsDuplicate: counts.staged - counts.rejected - counts.fresh,
      rowsRejected: rejected,
      warnings,
      elapsedMs: performance.now() - started,
      phaseMs,
    };
  } finally {
    await inFlight.catch(() => {});
    const stage = sql as ReturnType<typeof buildStageSql> | undefined;
    if (stage)
      for (const drop of stage.drop)
        await wh
          .admin()
          .command(drop, {}, tag)
          .catch(() => {});
  }
}

async function writeFramingRejects(
  wh: Warehouse,
  req: ImportRequest,
  importId: string,
  source: string,
  rejects: FramingReject[],
): Promise<void> {
  for (let i = 0; i < rejects.length; i += 10_000) {
    const rows = rejects.slice(i, i + 10_000).map((r) => ({
      import_id: importId,
      source,
      line: r.line,
      raw: r.raw.slice(0, REJECT_RAW_LIMIT),
      reason: r.reason,
      kind: req.kind,
    }));
    await wh.forShop(req.shop.id).insert('import_rejects', rows, { purpose: `etl.${req.kind}.rejects`, lane: 'bulk' });
  }
}

/** Only the parameters a statement uses (the server refuses unknown ones in some versions). */
function filterParams(sqlText: string, params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([k]) => sqlText.includes(`{${k}:`)));
}
