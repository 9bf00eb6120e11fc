/**
 * CSV source: maps the header to the kind's import schema (by name, case-insensitively), and
 * describes the framed batches to the engine as `_line, c0, c1, ...` text columns. Header names
 * are untrusted, so SQL refers to source columns only by position.
 */
import { IMPORT_SCHEMAS, type ImportKind } from '../import-schemas.js';
import type { RawField } from '../kinds/kind-spec.js';
import { FileFormatError } from '../readers/csv-framer.js';
import { csvRowText } from '../sql/expressions.js';
import type { StageInput } from '../sql/stage-sql.js';

export interface ColumnMapping {
  /** schema column name → index of the source column that feeds it */
  bySchema: Map<string, number>;
  /** source columns that feed nothing */
  ignored: string[];
}

export function normalizeHeader(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

export function mapHeader(kind: ImportKind, header: readonly string[], aliases: Record<string, string> = {}): ColumnMapping {
  const schema = IMPORT_SCHEMAS[kind];
  const wanted = new Map(schema.map((c) => [c.name, c]));
  const bySchema = new Map<string, number>();
  const ignored: string[] = [];
  header.forEach((raw, i) => {
    const name = normalizeHeader(raw);
    const target = aliases[name] ?? name;
    if (wanted.has(target) && !bySchema.has(target)) bySchema.set(target, i);
    else ignored.push(raw);
  });
  const missing = schema.filter((c) => c.required && !bySchema.has(c.name)).map((c) => c.name);
  if (missing.length) {
    throw new FileFormatError(
      `The file lacks required ${kind} column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}. Found: ${header.join(', ')}. See the import schema for ${kind} in the README.`,
    );
  }
  return { bySchema, ignored };
}

export function csvStageInput(header: readonly string[], mapping: ColumnMapping): StageInput {
  const cols = header.map((_, i) => `c${i}`);
  const raw: RawField = (name) => {
    const i = mapping.bySchema.get(name);
    return i === undefined ? `''` : `trimBoth(c${i})`;
  };
  return { raw, rawText: csvRowText(cols) };
}
