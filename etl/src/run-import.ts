/**
 * Runs one import of one file for one shop, exactly once:
 *
 *   1. stage the file's rows as raw text (stage-raw.ts) — production is untouched, so an
 *      unreadable file changes nothing;
 *   2. type the rows, with a reject reason or none (embedded CSV and JSONL: each framed batch is
 *      typed on its way in, so steps 1 and 2 overlap and no raw text is stored; Parquet and Arrow
 *      are typed straight from the file, never staged raw); merge the valid rows whose key is not
 *      stored yet; record the rejects (merge-kind.ts);
 *   3. drop the staging tables.
 *
 * If the process dies anywhere, running the same file again ends in the state of one clean run:
 * the merge only adds rows whose key is missing.
 */
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { Warehouse } from '@storelens/sql';
import type { ImportKind } from './import-schemas.js';
import {
  createTypedStage,
  dropTypedStage,
  type MergeOutcome,
  type MergeRequest,
  mergeTypedStage,
  type TypedStage,
  typeAndMerge,
  typeBatch,
} from './merge-kind.js';
import { openSource, type SourceFormat } from './readers/open-source.js';
import { columnarStageInput, ignoredColumns } from './sources/columnar-source.js';
import { csvStageInput, mapHeader } from './sources/csv-source.js';
import { jsonlStageInput } from './sources/jsonl-source.js';
import type { StageInput } from './sql/stage-sql.js';
import { type BatchSink, type ReaderSpec, rawStageOf, type StagedRaw, stageRaw } from './stage-raw.js';
import { writeFramingRejects } from './write-rejects.js';

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
  /** Source column name (normalized) → import-schema column, e.g. from a mapping file. */
  aliases?: Record<string, string>;
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
  phaseMs: { read: number; type: number; count: number; merge: number; sessions: number; buyers: number; rejects: number };
}

export function readerFor(format: SourceFormat): ReaderSpec {
  if (format === 'csv') return { type: 'csv' };
  if (format === 'jsonl') return { type: 'lines' };
  return { type: 'columnar', format: format === 'parquet' ? 'Parquet' : 'Arrow' };
}

export async function runImport(wh: Warehouse, req: ImportRequest): Promise<ImportResult> {
  const started = performance.now();
  const importId = req.importId ?? randomUUID();
  const source = openSource(req.path, req.format);
  const sourceName = req.sourceName ?? basename(req.path);
  const aliases = req.aliases ?? {};
  const warnings: string[] = [];
  const progress = (phase: ImportProgress['phase'], rowsRead: number) =>
    req.onProgress?.({ phase, rowsRead, bytesRead: source.bytesRead(), totalBytes: source.totalBytes });

  let staged: StagedRaw | undefined;
  let rowsRead = 0;
  const mergeRequest = (input: StageInput, rawStage: string): MergeRequest => ({
    shop: req.shop,
    kind: req.kind,
    importId,
    sourceName,
    input,
    rawStage,
    onPhase: (phase) => progress(phase, rowsRead),
  });
  // CSV: the header's columns mapped onto the kind's schema; JSONL: the schema's keys.
  const textInput = (header: string[] | undefined): StageInput => {
    if (!header) return jsonlStageInput(req.kind, aliases);
    const mapping = mapHeader(req.kind, header, aliases);
    if (mapping.ignored.length) warnings.push(`Ignored columns not in the ${req.kind} schema: ${mapping.ignored.join(', ')}`);
    return csvStageInput(header, mapping);
  };
  // Embedded, CSV and JSONL batches are typed on their way in (one parse, no raw text stored),
  // while the next batch is framed. Over HTTP, rows are staged raw first.
  let typed: { req: MergeRequest; stage: TypedStage } | undefined;
  const sink: BatchSink | undefined =
    wh.mode === 'embedded' && (source.format === 'csv' || source.format === 'jsonl')
      ? {
          open: async (_shape, header) => {
            const r = mergeRequest(textInput(header), '');
            typed = { req: r, stage: await createTypedStage(wh, r) };
          },
          write: async (body, shape, csvDelimiter) => {
            if (!typed) throw new Error('typed stage not open');
            await typeBatch(wh, typed.req, typed.stage, { body, format: shape.format, structure: shape.structure, csvDelimiter });
          },
        }
      : undefined;
  try {
    staged = await stageRaw(wh, source, req.path, readerFor(source.format), {
      id: importId,
      ...(req.batchBytes ? { batchBytes: req.batchBytes } : {}),
      // Refuse a file without the kind's required columns before a single row is staged.
      checkColumns: (names) => {
        if (source.format !== 'jsonl') mapHeader(req.kind, names, aliases);
      },
      onProgress: (rows) => progress('reading', rows),
      ...(sink ? { sink } : {}),
    });
    const read = Math.round(performance.now() - started);
    rowsRead = staged.rowsRead;
    let merged: MergeOutcome;
    if (typed) {
      merged = await mergeTypedStage(wh, typed.req, typed.stage);
    } else if (staged.fileColumns && staged.fileSource) {
      // Parquet and Arrow: typed straight from the file.
      const input = { ...columnarStageInput(req.kind, staged.fileColumns, aliases), params: staged.fileSource.params };
      const ignored = ignoredColumns(req.kind, staged.fileColumns);
      if (ignored.length) warnings.push(`Ignored columns not in the ${req.kind} schema: ${ignored.join(', ')}`);
      merged = await typeAndMerge(wh, mergeRequest(input, staged.fileSource.from));
    } else {
      merged = await typeAndMerge(wh, mergeRequest(textInput(staged.header), rawStageOf(staged).table));
    }
    await writeFramingRejects(wh, { shopId: req.shop.id, kind: req.kind, importId, source: sourceName }, staged.rejects);
    progress('done', rowsRead);
    return {
      importId,
      rowsRead,
      rowsLoaded: merged.loaded,
      rowsUpdated: merged.updated,
      rowsDuplicate: merged.duplicate,
      rowsRejected: merged.rejected + staged.rejects.length,
      warnings,
      elapsedMs: performance.now() - started,
      phaseMs: { read, ...merged.phaseMs },
    };
  } finally {
    if (staged?.sql)
      await wh
        .admin()
        .command(staged.sql.drop, {}, { purpose: 'etl.cleanup', lane: 'bulk' })
        .catch(() => {});
    if (typed) await dropTypedStage(wh, typed.req);
  }
}
