/**
 * Runs one import of one file for one shop, exactly once:
 *
 *   1. stage the file's rows as raw text (CSV and JSONL are framed here and streamed in
 *      batches; Parquet and Arrow are read by the engine) — production tables are untouched, so
 *      an unreadable file changes nothing;
 *   2. type the staged rows, giving each a reject reason or none;
 *   3. merge the valid rows whose key is not stored yet into the production table;
 *   4. record every rejected row (framing and typing) in import_rejects with its line and reason;
 *   5. drop the staging tables.
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
import { CsvFramer, FileFormatError, type FramedBatch, type FramingReject } from './readers/csv-framer.js';
import { JsonlFramer } from './readers/jsonl-framer.js';
import { openSource, type SourceFormat } from './readers/open-source.js';
import { columnarStageInput, type FileColumn, ignoredColumns } from './sources/columnar-source.js';
import { csvStageInput, mapHeader } from './sources/csv-source.js';
import { jsonlStageInput } from './sources/jsonl-source.js';
import { buildStageSql, type StageInput, type StageSql } from './sql/stage-sql.js';

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
  /** Size of the batches framed files are staged in (default 16 MiB). */
  batchBytes?: number;
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportProgress {
  /** reading: staging rows; typing: checking them; merging: writing to production; done. */
  phase: 'reading' | 'typing' | 'merging' | 'done';
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
  /** Where the time went: reading and staging, typing, counting, merging, recording rejects. */
  phaseMs: { read: number; type: number; count: number; merge: number; rejects: number };
}

const REJECT_RAW_LIMIT = 64 * 1024;

interface Framer {
  push(chunk: Buffer): FramedBatch[];
  end(): FramedBatch[];
  rejects: FramingReject[];
  rowsRead: number;
}

export async function runImport(wh: Warehouse, req: ImportRequest): Promise<ImportResult> {
  const started = performance.now();
  const importId = req.importId ?? randomUUID();
  const spec = KIND_SPECS[req.kind];
  const source = openSource(req.path, req.format);
  const sourceName = req.sourceName ?? basename(req.path);
  const scope = wh.forShop(req.shop.id);
  const tag = { purpose: `etl.${req.kind}`, lane: 'bulk' as const, timeoutSeconds: 3600 };
  const params: Record<string, unknown> = {
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
  let sql: StageSql | undefined;
  let framingRejects: FramingReject[] = [];
  let rowsRead = 0;

  const prepare = async (input: StageInput): Promise<StageSql> => {
    Object.assign(params, input.params ?? {});
    const stage = buildStageSql(spec, importId, input);
    for (const drop of stage.drop) await wh.admin().command(drop, {}, tag);
    await wh.admin().command(stage.createRaw, {}, tag);
    await wh.admin().command(stage.create, {}, tag);
    sql = stage;
    return stage;
  };
  const bind = (text: string) => Object.fromEntries(Object.entries(params).filter(([k]) => text.includes(`{${k}:`)));

  try {
    if (source.format === 'parquet' || source.format === 'arrow') {
      rowsRead = await stageColumnar(wh, req, source.format, prepare, warnings, tag);
    } else {
      const framing = req.batchBytes ? { batchBytes: req.batchBytes } : {};
      const framer: Framer = source.format === 'csv' ? new CsvFramer(framing) : new JsonlFramer(framing);
      let inFlight: Promise<void> = Promise.resolve();
      const send = async (batch: FramedBatch) => {
        let stage = sql;
        if (!stage) {
          if (framer instanceof CsvFramer) {
            const header = framer.csvHeader;
            if (!header) throw new FileFormatError('The file has no header line.');
            const mapping = mapHeader(req.kind, header.columns);
            if (mapping.ignored.length) warnings.push(`Ignored columns not in the ${req.kind} schema: ${mapping.ignored.join(', ')}`);
            stage = await prepare(csvStageInput(header, mapping));
          } else {
            stage = await prepare(jsonlStageInput(req.kind));
          }
        }
        // One insert in flight while the next batch is framed, so reading and parsing overlap.
        // The raw stage is per-import scratch space (admin scope); rows reach shop tables only
        // through the shop-scoped statements below.
        await inFlight;
        const delimiter = framer instanceof CsvFramer ? (framer.csvHeader?.delimiter ?? ',') : ',';
        inFlight = wh.admin().insertBody(stage.rawTarget, batch.body, tag, { csvDelimiter: delimiter });
        inFlight.catch(() => {}); // awaited before the next batch and at the end; this only marks it handled
      };
      for await (const chunk of source.chunks()) {
        for (const batch of framer.push(chunk)) await send(batch);
        req.onProgress?.({ phase: 'reading', rowsRead: framer.rowsRead, bytesRead: source.bytesRead(), totalBytes: source.totalBytes });
      }
      for (const batch of framer.end()) await send(batch);
      await inFlight;
      if (!sql && framer instanceof CsvFramer) {
        // A header but no well-formed rows: still check the header so a wrong file fails clearly.
        const header = framer.csvHeader;
        if (header) mapHeader(req.kind, header.columns);
      }
      framingRejects = framer.rejects;
      rowsRead = framer.rowsRead;
    }
    phaseMs.read = Math.round(performance.now() - started);
    const report = (phase: ImportProgress['phase']) =>
      req.onProgress?.({ phase, rowsRead, bytesRead: source.totalBytes, totalBytes: source.totalBytes });
    report('typing');

    let counts = { staged: 0, rejected: 0, fresh: 0, updated: 0 };
    const stageSql = sql as StageSql | undefined;
    if (stageSql) {
      const timed = async <T>(name: keyof ImportResult['phaseMs'], fn: () => Promise<T>): Promise<T> => {
        const t = performance.now();
        const r = await fn();
        phaseMs[name] = Math.round(performance.now() - t);
        return r;
      };
      const run = (text: string) => scope.command(text, bind(text), tag);
      await timed('type', () => run(stageSql.typeRows));
      const [row] = await timed('count', () => scope.rows<typeof counts>(stageSql.counts, bind(stageSql.counts), tag));
      counts = row ?? counts;
      report('merging');
      await timed('merge', () => run(stageSql.merge));
      await timed('rejects', () => run(stageSql.rejects));
    }
    await writeFramingRejects(wh, req, importId, sourceName, framingRejects);
    report('done');
    return {
      importId,
      rowsRead,
      rowsLoaded: counts.fresh - counts.updated,
      rowsUpdated: counts.updated,
      rowsDuplicate: counts.staged - counts.rejected - counts.fresh,
      rowsRejected: counts.rejected + framingRejects.length,
      warnings,
      elapsedMs: performance.now() - started,
      phaseMs,
    };
  } finally {
    const stage = sql as StageSql | undefined;
    if (stage)
      for (const drop of stage.drop)
        await wh
          .admin()
          .command(drop, {}, tag)
          .catch(() => {});
  }
}

/** Parquet and Arrow: the engine reads the file into the raw stage itself. */
async function stageColumnar(
  wh: Warehouse,
  req: ImportRequest,
  format: 'parquet' | 'arrow',
  prepare: (input: StageInput) => Promise<StageSql>,
  warnings: string[],
  tag: { purpose: string; lane: 'bulk'; timeoutSeconds: number },
): Promise<number> {
  if (wh.mode !== 'embedded') {
    throw new FileFormatError(
      `${format} files are read by the embedded engine; with a ClickHouse server, import CSV or JSONL (or load the file with clickhouse-client into a shop's staging table).`,
    );
  }
  const engineFormat = format === 'parquet' ? 'Parquet' : 'Arrow';
  let columns: FileColumn[];
  try {
    columns = await wh
      .admin()
      .rows<FileColumn>('DESCRIBE TABLE file({path:String}, {format:String})', { path: req.path, format: engineFormat }, tag);
  } catch (error) {
    throw new FileFormatError(
      `Cannot read ${basename(req.path)} as ${format}: ${(error as Error).message.split('\n')[0]}. Nothing was imported.`,
    );
  }
  const ignored = ignoredColumns(req.kind, columns);
  if (ignored.length) warnings.push(`Ignored columns not in the ${req.kind} schema: ${ignored.join(', ')}`);
  const stage = await prepare(columnarStageInput(req.kind, engineFormat, columns));
  await wh
    .admin()
    .command(
      `INSERT INTO ${stage.rawTarget.table} (${stage.rawTarget.columns.join(', ')}) SELECT _row_number + 1, * FROM file({path:String}, {format:String})`,
      { path: req.path, format: engineFormat },
      tag,
    );
  const [row] = await wh.admin().rows<{ n: number }>(`SELECT count() AS n FROM ${stage.rawTarget.table}`, {}, tag);
  return row?.n ?? 0;
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
