/**
 * Mapping files: a JSON object that says which source column feeds which import-schema column,
 * for layouts no preset covers:
 *
 *   { "kind": "events", "columns": { "ts": "Event Time", "visitor_id": "Device ID", "event": "Action" } }
 *
 * Source names match case-insensitively (spaces and dashes as underscores); schema columns not
 * named keep matching by their own name.
 */
import { readFileSync } from 'node:fs';
import { IMPORT_KINDS, IMPORT_SCHEMAS, type ImportKind } from './import-schemas.js';
import { FileFormatError } from './readers/csv-framer.js';
import { normalizeHeader } from './sources/csv-source.js';

export interface Mapping {
  kind: ImportKind;
  /** normalized source column → schema column */
  aliases: Record<string, string>;
}

export function parseMapping(text: string, origin = 'mapping'): Mapping {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FileFormatError(`${origin} is not valid JSON: ${(error as Error).message}`);
  }
  const m = json as { kind?: unknown; columns?: unknown };
  if (typeof m.kind !== 'string' || !(IMPORT_KINDS as readonly string[]).includes(m.kind)) {
    throw new FileFormatError(`${origin}: "kind" must be one of ${IMPORT_KINDS.join(', ')}.`);
  }
  const kind = m.kind as ImportKind;
  if (typeof m.columns !== 'object' || m.columns === null || Array.isArray(m.columns)) {
    throw new FileFormatError(`${origin}: "columns" must be an object of schema column → source column.`);
  }
  const known = new Set(IMPORT_SCHEMAS[kind].map((c) => c.name));
  const aliases: Record<string, string> = {};
  for (const [target, source] of Object.entries(m.columns as Record<string, unknown>)) {
    if (!known.has(target)) throw new FileFormatError(`${origin}: "${target}" is not a ${kind} column. Columns: ${[...known].join(', ')}.`);
    if (typeof source !== 'string' || !source.trim())
      throw new FileFormatError(`${origin}: the source column for "${target}" must be a non-empty string.`);
    aliases[normalizeHeader(source)] = target;
  }
  return { kind, aliases };
}

export function readMapping(path: string): Mapping {
  return parseMapping(readFileSync(path, 'utf8'), path);
}

/**
 * A mapping file's text for a kind and its aliases: what an import job records, so the history
 * says how a file was read, and what `parseMapping` reads back to the same aliases (source names
 * come out normalized, which matches the same columns). Schema columns in alphabetical order.
 */
export function mappingText(kind: ImportKind, aliases: Record<string, string>): string {
  const columns = Object.entries(aliases)
    .map(([source, target]) => [target, source] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify({ kind, columns: Object.fromEntries(columns) });
}
