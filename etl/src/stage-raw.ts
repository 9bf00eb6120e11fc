/**
 * Step one of every import: the file's rows, as text, in a raw staging table. CSV and
 * line-based files are framed here and streamed in batches (one insert in flight while the next
 * batch is framed); Parquet and Arrow are read by the engine itself. Production is untouched.
 */
import { basename } from 'node:path';
import type { Warehouse } from '@storelens/sql';
import { CsvFramer, FileFormatError, type FramedBatch, type FramingReject } from './readers/csv-framer.js';
import { LineFramer } from './readers/line-framer.js';
import type { OpenedSource } from './readers/open-source.js';
import type { FileColumn } from './sources/columnar-source.js';
import { buildRawStageSql, type RawStageSql } from './sql/stage-sql.js';

export type ReaderSpec =
  | { type: 'csv'; hasHeader?: boolean; columns?: string[]; delimiter?: string }
  | { type: 'lines' }
  | { type: 'columnar'; format: 'Parquet' | 'Arrow' };

export interface StagedRaw {
  sql: RawStageSql;
  /** CSV: the header's column names (or the reader's given names). */
  header?: string[];
  /** Parquet/Arrow: the file's columns and engine types. */
  fileColumns?: FileColumn[];
  rowsRead: number;
  rejects: FramingReject[];
}

export interface StageRawOptions {
  id: string;
  batchBytes?: number;
  /** Called once the header (or file schema) is known, before any row is staged: throw to refuse the file. */
  checkColumns?: (names: string[]) => void;
  onProgress?: (rowsRead: number) => void;
}

interface Framer {
  push(chunk: Buffer): FramedBatch[];
  end(): FramedBatch[];
  rejects: FramingReject[];
  rowsRead: number;
}

const TAG = (id: string) => ({ purpose: `etl.stage.${id.slice(0, 8)}`, lane: 'bulk' as const, timeoutSeconds: 3600 });

export async function stageRaw(
  wh: Warehouse,
  source: OpenedSource,
  path: string,
  reader: ReaderSpec,
  opts: StageRawOptions,
): Promise<StagedRaw> {
  const tag = TAG(opts.id);
  const admin = wh.admin();
  if (reader.type === 'columnar') {
    if (wh.mode !== 'embedded') {
      throw new FileFormatError(
        `${reader.format} files are read by the embedded engine; with a ClickHouse server, import CSV or JSONL instead.`,
      );
    }
    let columns: FileColumn[];
    try {
      columns = await admin.rows<FileColumn>('DESCRIBE TABLE file({path:String}, {format:String})', { path, format: reader.format }, tag);
    } catch (error) {
      throw new FileFormatError(
        `Cannot read ${basename(path)} as ${reader.format}: ${(error as Error).message.split('\n')[0]}. Nothing was imported.`,
      );
    }
    opts.checkColumns?.(columns.map((c) => c.name));
    const sql = buildRawStageSql(opts.id, {
      structure: ['_line UInt64', ...columns.map((c, i) => `c${i} ${c.type}`)].join(', '),
      format: reader.format,
      columnNames: ['_line', ...columns.map((_, i) => `c${i}`)],
    });
    await admin.command(sql.drop, {}, tag);
    await admin.command(sql.create, {}, tag);
    await admin.command(
      `INSERT INTO ${sql.table} (${sql.target.columns.join(', ')}) SELECT _row_number + 1, * FROM file({path:String}, {format:String})`,
      { path, format: reader.format },
      tag,
    );
    const [row] = await admin.rows<{ n: number }>(`SELECT count() AS n FROM ${sql.table}`, {}, tag);
    return { sql, fileColumns: columns, rowsRead: row?.n ?? 0, rejects: [] };
  }

  const framing = opts.batchBytes ? { batchBytes: opts.batchBytes } : {};
  const framer: Framer =
    reader.type === 'csv'
      ? new CsvFramer({
          ...framing,
          ...(reader.hasHeader === false ? { hasHeader: false } : {}),
          ...(reader.columns ? { columns: reader.columns } : {}),
          ...(reader.delimiter ? { delimiter: reader.delimiter } : {}),
        })
      : new LineFramer(framing);
  let sql: RawStageSql | undefined;
  let header: string[] | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const ensureStage = async (): Promise<RawStageSql> => {
    if (sql) return sql;
    if (framer instanceof CsvFramer) {
      const h = framer.csvHeader;
      if (!h) throw new FileFormatError('The file has no header line.');
      header = h.columns;
      opts.checkColumns?.(header);
      sql = buildRawStageSql(opts.id, {
        structure: ['_line UInt64', ...header.map((_, i) => `c${i} String`)].join(', '),
        format: 'CSV',
        columnNames: ['_line', ...header.map((_, i) => `c${i}`)],
      });
    } else {
      sql = buildRawStageSql(opts.id, { structure: '_line UInt64, c0 String', format: 'TSV', columnNames: ['_line', 'c0'] });
    }
    await admin.command(sql.drop, {}, tag);
    await admin.command(sql.create, {}, tag);
    return sql;
  };
  const send = async (batch: FramedBatch) => {
    const stage = await ensureStage();
    // The raw stage is per-import scratch space (admin scope); rows reach shop tables only
    // through the shop-scoped statements of the typed stage and the merge.
    await inFlight;
    const delimiter = framer instanceof CsvFramer ? (framer.csvHeader?.delimiter ?? ',') : ',';
    inFlight = admin.insertBody(stage.target, batch.body, tag, { csvDelimiter: delimiter });
    inFlight.catch(() => {}); // awaited before the next batch and at the end; this only marks it handled
  };

  for await (const chunk of source.chunks()) {
    for (const batch of framer.push(chunk)) await send(batch);
    opts.onProgress?.(framer.rowsRead);
  }
  for (const batch of framer.end()) await send(batch);
  await inFlight;
  const stage = await ensureStage(); // a file with a header and no well-formed rows still gets checked
  return { sql: stage, ...(header ? { header } : {}), rowsRead: framer.rowsRead, rejects: framer.rejects };
}
