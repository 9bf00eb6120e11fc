/**
 * Parquet and Arrow IPC sources. The engine reads these typed formats itself (file() with the
 * `_row_number` virtual column as the record number), so no bytes pass through JavaScript.
 * Columns are addressed by position, never by the names in the file; the schema's columns are
 * matched to file columns by normalized name, and typed values are turned back into the text the
 * kind specs expect (times as ISO 8601 UTC, numbers as plain decimals).
 */
import { IMPORT_SCHEMAS, type ImportKind } from '../import-schemas.js';
import type { RawField } from '../kinds/kind-spec.js';
import { FileFormatError } from '../readers/csv-framer.js';
import { csvRowText } from '../sql/expressions.js';
import type { StageInput } from '../sql/stage-sql.js';
import { normalizeHeader } from './csv-source.js';

export interface FileColumn {
  name: string;
  type: string;
}

const SAFE_TYPE = /^[A-Za-z0-9(), ']+$/;

function textOf(col: string, type: string): string {
  const base = type.replace(/^Nullable\((.*)\)$/, '$1').replace(/^LowCardinality\((.*)\)$/, '$1');
  if (/^(String|FixedString)/.test(base)) return `trimBoth(ifNull(${col}, ''))`;
  if (/^DateTime/.test(base)) return `ifNull(formatDateTime(${col}, '%Y-%m-%dT%H:%i:%S.%fZ', 'UTC'), '')`;
  return `ifNull(toString(${col}), '')`;
}

export function columnarStageInput(kind: ImportKind, columns: readonly FileColumn[], aliases: Record<string, string> = {}): StageInput {
  for (const c of columns) if (!SAFE_TYPE.test(c.type)) throw new FileFormatError(`Unsupported column type in the file: ${c.type}`);
  const schema = IMPORT_SCHEMAS[kind];
  const byName = new Map<string, number>();
  columns.forEach((c, i) => {
    const name = normalizeHeader(c.name);
    const target = aliases[name] ?? name;
    if (!byName.has(target)) byName.set(target, i);
  });
  const missing = schema.filter((c) => c.required && !byName.has(c.name)).map((c) => c.name);
  if (missing.length) {
    throw new FileFormatError(
      `The file lacks required ${kind} column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}. Found: ${columns.map((c) => c.name).join(', ')}.`,
    );
  }
  const raw: RawField = (name) => {
    const i = byName.get(name);
    return i === undefined ? `''` : textOf(`c${i}`, columns[i]?.type ?? 'String');
  };
  return {
    raw,
    rawText: csvRowText(columns.map((c, i) => textOf(`c${i}`, c.type))),
  };
}

export function ignoredColumns(kind: ImportKind, columns: readonly FileColumn[]): string[] {
  const known = new Set(IMPORT_SCHEMAS[kind].map((c) => c.name));
  return columns.map((c) => c.name).filter((n) => !known.has(normalizeHeader(n)));
}
