/**
 * JSONL source: each line is staged as text (raw column c0) and its fields are read with the engine's JSON
 * functions. Keys are bound as parameters; a line that is not a JSON object is rejected.
 *
 * Each line is parsed once into a map of key → raw JSON text of the value (`_json`), and every field is
 * read from that map: reading each field with its own JSONExtract call parsed the whole line again per
 * field, which made typing JSON 2.2× slower (44k ingest events: 232 → 105 ms, `pnpm bench ingest`).
 * Duplicate keys resolve to the first occurrence either way.
 */
import { IMPORT_SCHEMAS, type ImportKind } from '../import-schemas.js';
import type { RawField } from '../kinds/kind-spec.js';
import type { StageInput } from '../sql/stage-sql.js';

export function jsonlStageInput(kind: ImportKind, aliases: Record<string, string> = {}): StageInput {
  const params: Record<string, unknown> = {};
  const keyParam = new Map<string, string>();
  IMPORT_SCHEMAS[kind].forEach((col, i) => {
    const source = Object.entries(aliases).find(([, target]) => target === col.name)?.[0] ?? col.name;
    params[`jk${i}`] = source;
    keyParam.set(col.name, `{jk${i}:String}`);
  });
  const raw: RawField = (name) => {
    const key = keyParam.get(name);
    if (!key) return `''`;
    // Strings as their text, numbers and objects as their JSON text, null or missing as ''.
    const value = `_json[${key}]`;
    return `multiIf(startsWith(${value}, '"'), trimBoth(JSONExtractString(${value})), ${value} IN ('null', ''), '', ${value})`;
  };
  return {
    raw,
    rawText: 'c0',
    params,
    // JSONType is 'Object' only for a whole, valid JSON object (invalid text reads as 'Null').
    preChecks: [{ when: `JSONType(c0) != 'Object'`, reason: `'the line is not a JSON object'` }],
    from: (rawStage) => `(SELECT _line, c0, CAST(JSONExtractKeysAndValuesRaw(c0), 'Map(String, String)') AS _json FROM ${rawStage})`,
  };
}
