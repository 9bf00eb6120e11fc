/**
 * SQL for one import: the staging table, the typed staging insert, the merge into production
 * (only rows whose key is not stored yet, once each) and the rejects. Everything a user
 * supplied arrives as bound parameters; identifiers are generated here or come from the specs.
 */
import type { KindSpec, RawField, RejectCheck } from '../kinds/kind-spec.js';

export interface StageSql {
  /** Raw text rows as the file had them: `_line` plus one String column per source column. */
  rawStage: string;
  createRaw: string;
  /** Where framed bodies go: the raw stage, its columns, format and structure. */
  rawTarget: { table: string; columns: string[]; format: string; structure: string };
  stage: string;
  create: string;
  drop: string[];
  /** Typed staging: raw text to production types, with a reject reason per row. */
  typeRows: string;
  counts: string;
  merge: string;
  rejects: string;
}

const STAGE_NAME = /^etl_stage_[0-9a-f]{32}$/;

/** Staging tables left behind by an import that died; safe to drop when no import runs. */
export const STAGE_TABLE_PATTERN = '^etl_(raw|stage)_[0-9a-f]{32}$';

export function stageName(importId: string): string {
  const name = `etl_stage_${importId.replace(/-/g, '').toLowerCase()}`;
  if (!STAGE_NAME.test(name)) throw new Error(`import id ${importId} is not a UUID`);
  return name;
}

export interface StageInput {
  /** Columns of the raw stage, e.g. "_line UInt64, c0 String, c1 String". */
  structure: string;
  /** The ClickHouse input format of the body (CSV, TSV, ArrowStream). */
  format: string;
  /** Column names of the raw stage in body order. */
  columnNames: string[];
  raw: RawField;
  /** Expression reproducing the source row as text, for rejects. */
  rawText: string;
  /** Parameters the raw-field expressions use (bound with the statement). */
  params?: Record<string, unknown>;
  /** Source-level checks that run before the kind's own (e.g. "not a JSON object"). */
  preChecks?: RejectCheck[];
}

export function buildStageSql(spec: KindSpec, importId: string, input: StageInput): StageSql {
  const stage = stageName(importId);
  const rawStage = stage.replace('etl_stage_', 'etl_raw_');
  const columns = spec.columns(input.raw);
  const checks = [...(input.preChecks ?? []), ...spec.checks(input.raw)];
  const reason = checks.length ? `multiIf(${checks.map((c) => `${c.when}, ${c.reason}`).join(',\n    ')},\n    '')` : `''`;
  const names = columns.map((c) => c.name);
  const create = `CREATE TABLE IF NOT EXISTS ${stage}
(
    shop_id UInt32,
    _line UInt64,
    _reason String,
    _raw String,
${columns.map((c) => `    ${c.name} ${c.type}`).join(',\n')}
)
ENGINE = MergeTree
ORDER BY _line`;

  const createRaw = `CREATE TABLE IF NOT EXISTS ${rawStage} (${input.structure}) ENGINE = MergeTree ORDER BY _line`;
  const rawTarget = { table: rawStage, columns: input.columnNames, format: input.format, structure: input.structure };
  const typeRows = `INSERT INTO ${stage} (shop_id, _line, _reason, _raw, ${names.join(', ')})
SELECT
    {shop_id:UInt32},
    _line,
    ${reason} AS _reason,
    if(_reason = '', '', ${input.rawText}) AS _raw,
${columns.map((c) => `    ${c.expr} AS ${c.name}`).join(',\n')}
FROM ${rawStage}`;

  const range = (col: string) =>
    ` AND ${col} BETWEEN (SELECT min(${col}) FROM ${stage} WHERE shop_id = {shop_id:UInt32} AND _reason = '') AND (SELECT max(${col}) FROM ${stage} WHERE shop_id = {shop_id:UInt32} AND _reason = '')`;
  const inRange = spec.dayColumn ? range(spec.dayColumn) : '';
  const staged = names.map((n) => `s.${n} AS ${n}`).join(', ');
  // Versioned kinds (orders, products, customers) keep every newer state; a staged row at or
  // below the stored version of its entity is a duplicate (ReplacingMergeTree may already have
  // merged older versions away, so "is this exact version stored" would be the wrong question).
  // Other kinds are immutable: a staged row whose key is stored is a duplicate.
  const fresh = spec.entityColumn
    ? `SELECT ${staged}, s._line AS _line, st.stored_version > 0 AS _known
       FROM ${stage} AS s
       LEFT JOIN (SELECT ${spec.entityColumn}, max(version) AS stored_version FROM ${spec.table}
                  WHERE shop_id = {shop_id:UInt32}${inRange} GROUP BY ${spec.entityColumn}) AS st
         ON s.${spec.entityColumn} = st.${spec.entityColumn}
       WHERE s.shop_id = {shop_id:UInt32} AND s._reason = '' AND s.version > st.stored_version
       ORDER BY _line LIMIT 1 BY ${spec.dedupKey.join(', ')}`
    : `SELECT ${staged}, s._line AS _line, 0 AS _known
       FROM ${stage} AS s
       WHERE s.shop_id = {shop_id:UInt32} AND s._reason = ''
         AND (${spec.dedupKey.map((k) => `s.${k}`).join(', ')}) NOT IN (SELECT ${spec.dedupKey.join(', ')} FROM ${spec.table} WHERE shop_id = {shop_id:UInt32}${inRange})
       ORDER BY _line LIMIT 1 BY ${spec.dedupKey.join(', ')}`;

  const counts = `SELECT
    (SELECT count() FROM ${stage} WHERE shop_id = {shop_id:UInt32}) AS staged,
    (SELECT count() FROM ${stage} WHERE shop_id = {shop_id:UInt32} AND _reason != '') AS rejected,
    (SELECT count() FROM (${fresh})) AS fresh,
    (SELECT countIf(_known) FROM (${fresh})) AS updated`;

  const merge = `INSERT INTO ${spec.table} (shop_id, ${names.join(', ')}, import_id)
SELECT {shop_id:UInt32}, ${names.join(', ')}, {import_id:String}
FROM (${fresh})`;

  const rejects = `INSERT INTO import_rejects (shop_id, import_id, source, line, raw, reason, kind)
SELECT shop_id, {import_id:String}, {source:String}, _line, _raw, _reason, {kind:String}
FROM ${stage}
WHERE shop_id = {shop_id:UInt32} AND _reason != ''`;

  return {
    rawStage,
    createRaw,
    rawTarget,
    stage,
    create,
    drop: [`DROP TABLE IF EXISTS ${rawStage}`, `DROP TABLE IF EXISTS ${stage}`],
    typeRows,
    counts,
    merge,
    rejects,
  };
}
