/**
 * Raw rows out: a shop's events or (latest) orders for a date range, streamed in constant memory
 * in CSV, JSON lines, Parquet, Arrow IPC or XLSX. Text formats write times as ISO 8601 in UTC
 * with a Z; Parquet and Arrow keep them typed (timestamps in UTC). Amounts keep every digit.
 * Rows come in storage order (by day within each part), not sorted: a sort would need the whole
 * range in memory. Arrow record batches are LZ4-compressed by default (the Arrow format's own body
 * compression, the default of Feather v2 files): about 40 % of the bytes, and on two cores the
 * uncompressed file took longer to stream than to write. `compression: 'none'` is for readers
 * without a codec.
 */
import { createInterface } from 'node:readline';
import { PassThrough, type Readable } from 'node:stream';
import type { ArrowCompression, ExportFormat, ShopScope } from '@storelens/sql';
import ExcelJS from 'exceljs';
import { BadRequestError } from '../errors.js';
import type { Shop } from '../metadata/index.js';

export const RAW_KINDS = ['events', 'orders'] as const;
export type RawKind = (typeof RAW_KINDS)[number];
export const RAW_FORMATS = ['csv', 'json', 'parquet', 'arrow', 'xlsx'] as const;
export type RawFormat = (typeof RAW_FORMATS)[number];
export const RAW_COMPRESSIONS = ['lz4', 'zstd', 'none'] as const;
export type RawCompression = (typeof RAW_COMPRESSIONS)[number];
const ENGINE_COMPRESSION: Record<RawCompression, ArrowCompression> = { lz4: 'lz4_frame', zstd: 'zstd', none: 'none' };

/** Excel's sheet limit, less the header row. */
export const XLSX_MAX_ROWS = 1_048_575;

const ENGINE_FORMAT: Record<RawFormat, ExportFormat> = {
  csv: 'CSVWithNames',
  json: 'JSONEachRow',
  parquet: 'Parquet',
  arrow: 'ArrowStream',
  xlsx: 'JSONEachRow',
};

/** `ts` as text with its zone for text formats, typed for columnar ones. */
const time = (column: string, typed: boolean) =>
  typed ? column : `if(isNull(${column}), NULL, concat(replaceOne(toString(${column}), ' ', 'T'), 'Z')) AS ${column}`;

function selectSql(kind: RawKind, typed: boolean): string {
  if (kind === 'events') {
    return `SELECT event_id, ${time('ts', typed)}, day, event_name, visitor_id, customer_id, session_id, channel, source, medium, campaign,
       live_room_id, sharer_id, referrer, device, region, product_id, category, order_id, quantity, amount, search_term,
       toJSONString(properties) AS properties
FROM events
WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} AND {to:Date}`;
  }
  return `SELECT order_id, customer_id, visitor_id, day, ${time('created_at', typed)}, ${time('paid_at', typed)}, status, currency,
       items_amount, discount_amount, shipping_amount, paid_amount, refund_amount, ${time('refunded_at', typed)}, refund_reason, channel, source, medium,
       campaign, live_room_id, sharer_id, device, region, ${time('updated_at', typed)}
FROM orders FINAL
WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} AND {to:Date}`;
}

export async function countRows(scope: ShopScope, kind: RawKind, range: { from: string; to: string }): Promise<number> {
  const table = kind === 'events' ? 'events' : 'orders FINAL';
  const [r] = await scope.rows<{ n: number }>(
    `SELECT count() AS n FROM ${table} WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} AND {to:Date}`,
    range,
    { purpose: 'export.count', lane: 'bulk' },
  );
  return Number(r?.n ?? 0);
}

export async function rawExport(
  scope: ShopScope,
  shop: Shop,
  kind: RawKind,
  format: RawFormat,
  range: { from: string; to: string },
  options: { compression?: RawCompression } = {},
): Promise<Readable> {
  if (options.compression && format !== 'arrow') {
    throw new BadRequestError(
      `compression applies to Arrow exports only (Parquet is always compressed); drop it for ${format}.`,
      'compression',
    );
  }
  const typed = format === 'parquet' || format === 'arrow';
  if (format === 'xlsx') {
    const n = await countRows(scope, kind, range);
    if (n > XLSX_MAX_ROWS) {
      throw new BadRequestError(
        `${n.toLocaleString('en-US')} rows do not fit an Excel sheet (${XLSX_MAX_ROWS.toLocaleString('en-US')} at most): choose a shorter range or CSV / Parquet.`,
        'format',
      );
    }
  }
  const stream = await scope.exportStream(
    selectSql(kind, typed),
    range,
    // A whole shop's history can take minutes in the slower text formats (15.7M events as JSON
    // lines: over a minute); the interactive 30 s limit is for questions, not downloads.
    { purpose: `export.${kind}`, lane: 'bulk', timeoutSeconds: 3600 },
    ENGINE_FORMAT[format],
    format === 'arrow' ? { arrowCompression: ENGINE_COMPRESSION[options.compression ?? 'lz4'] } : {},
  );
  return format === 'xlsx' ? jsonLinesToXlsx(stream, `${shop.slug}-${kind}`) : stream;
}

/** JSON lines in, an XLSX workbook out, row by row (the streaming writer keeps memory flat). */
function jsonLinesToXlsx(lines: Readable, sheetName: string): Readable {
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = book.addWorksheet(sheetName.slice(0, 31));
  void (async () => {
    try {
      let header: string[] | null = null;
      for await (const line of createInterface({ input: lines, crlfDelay: Number.POSITIVE_INFINITY })) {
        if (!line) continue;
        const row = JSON.parse(line) as Record<string, unknown>;
        if (!header) {
          header = Object.keys(row);
          sheet.addRow(header).commit();
        }
        sheet.addRow(header.map((k) => row[k] ?? null)).commit();
      }
      sheet.commit();
      await book.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}
