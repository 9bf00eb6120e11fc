/**
 * One table, five file formats. Numbers keep full precision (CSV writes JavaScript's shortest
 * exact form; XLSX, Arrow and Parquet store doubles); days stay dates with the zone in the header
 * (CSV, XLSX) or the field metadata (Arrow, Parquet keeps the column name and type).
 */

import type { Warehouse } from '@storelens/sql';
import { Field, Float64, Schema, Table, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import ExcelJS from 'exceljs';
import { type ExportTable, headerOf } from './table.js';

export const FILE_FORMATS = ['csv', 'json', 'xlsx', 'parquet', 'arrow'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

export const CONTENT_TYPES: Record<FileFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  parquet: 'application/vnd.apache.parquet',
  arrow: 'application/vnd.apache.arrow.stream',
};

const csvCell = (v: unknown) => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function toCsv(t: ExportTable): Buffer {
  const lines = [t.columns.map((c) => csvCell(headerOf(c))).join(',')];
  for (const r of t.rows) lines.push(t.columns.map((c) => csvCell(r[c.name])).join(','));
  // A byte-order mark, so spreadsheet programs read Chinese text as UTF-8.
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export function toJson(t: ExportTable): Buffer {
  return Buffer.from(JSON.stringify({ table: t.name, columns: t.columns, rows: t.rows }));
}

export async function toXlsx(t: ExportTable): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(t.name.slice(0, 31));
  sheet.addRow(t.columns.map(headerOf));
  sheet.getRow(1).font = { bold: true };
  for (const r of t.rows) sheet.addRow(t.columns.map((c) => (r[c.name] === undefined ? null : r[c.name])));
  return Buffer.from(await book.xlsx.writeBuffer());
}

export function toArrow(t: ExportTable): Buffer {
  const fields = t.columns.map(
    (c) => new Field(c.name, c.type === 'number' ? new Float64() : new Utf8(), true, new Map(c.unit ? [['unit', c.unit]] : [])),
  );
  const vectors = Object.fromEntries(
    t.columns.map((c) => [
      c.name,
      c.type === 'number'
        ? vectorFromArray(
            t.rows.map((r) => (r[c.name] === null || r[c.name] === undefined ? null : Number(r[c.name]))),
            new Float64(),
          )
        : vectorFromArray(
            t.rows.map((r) => (r[c.name] === null || r[c.name] === undefined ? null : String(r[c.name]))),
            new Utf8(),
          ),
    ]),
  );
  const table = new Table(new Schema(fields), vectors);
  return Buffer.from(tableToIPC(table, 'stream'));
}

/** Parquet is written by the warehouse engine itself, from the rows as JSON (no table is touched). */
export async function toParquet(t: ExportTable, wh: Warehouse): Promise<Buffer> {
  const structure = t.columns
    .map((c) => `\`${c.name.replace(/`/g, '')}\` Nullable(${c.type === 'number' ? 'Float64' : c.type === 'date' ? 'Date' : 'String'})`)
    .join(', ');
  const data = t.rows.map((r) => JSON.stringify(Object.fromEntries(t.columns.map((c) => [c.name, r[c.name] ?? null])))).join('\n');
  return wh
    .admin()
    .raw(
      'SELECT * FROM format(JSONEachRow, {structure:String}, {data:String}) FORMAT Parquet',
      { structure, data },
      { purpose: 'export.parquet' },
    );
}

export async function writeTable(t: ExportTable, format: FileFormat, wh: Warehouse): Promise<Buffer> {
  switch (format) {
    case 'csv':
      return toCsv(t);
    case 'json':
      return toJson(t);
    case 'xlsx':
      return toXlsx(t);
    case 'arrow':
      return toArrow(t);
    case 'parquet':
      return toParquet(t, wh);
  }
}
