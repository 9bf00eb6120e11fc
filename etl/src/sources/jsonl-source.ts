/**
 * JSONL source: each line is staged as text (raw column c0) and its fields are read with the engine's JSON
 * functions. Keys are bound as parameters; a line that is not a JSON object is rejected.
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
    return `multiIf(JSONType(c0, ${key}) = 'String', trimBoth(JSONExtractString(c0, ${key})), JSONType(c0, ${key}) IN ('Null', ''), '', JSONExtractRaw(c0, ${key}))`;
  };
  return {
    raw,
    rawText: 'c0',
    params,
    preChecks: [{ when: `NOT isValidJSON(c0) OR JSONType(c0) != 'Object'`, reason: `'the line is not a JSON object'` }],
  };
}
