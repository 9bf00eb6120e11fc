/**
 * SQL for imports. A raw stage holds the file's rows as text (`_line` plus positional columns);
 * a typed stage per target kind holds production-typed values and a reject reason per row; the
 * merge moves valid typed rows whose key is not stored yet into production, once each; rejects
 * go to import_rejects. Everything a user supplied arrives as bound parameters; identifiers are
 * generated here or come from the kind specs.
 */
import { BUYER_OF_ORDER } from '@storelens/sql';
import type { KindSpec, RawField, RejectCheck } from '../kinds/kind-spec.js';
import { VISITOR_NO_OF_MERGED_ROW, type VisitorNumberingSql, visitorNumberingSql } from './visitor-numbers-sql.js';

const STAGE_NAME = /^etl_(raw|stage|num)_[0-9a-f]{32}$/;

/** Staging tables left behind by an import that died; safe to drop when no import runs. */
export const STAGE_TABLE_PATTERN = '^etl_(raw|stage|num)_[0-9a-f]{32}$';

export function stageTableName(kind: 'raw' | 'stage' | 'num', id: string): string {
  const name = `etl_${kind}_${id.replace(/-/g, '').toLowerCase()}`;
  if (!STAGE_NAME.test(name)) throw new Error(`import id ${id} is not a UUID`);
  return name;
}

/** How the raw stage's text becomes a kind's fields. */
export interface StageInput {
  raw: RawField;
  /** Expression reproducing the source row as text, for rejects. */
  rawText: string;
  /** Parameters the raw-field expressions use (bound with the statement). */
  params?: Record<string, unknown>;
  /** Source-level checks that run before the kind's own (e.g. "not a JSON object"). */
  preChecks?: RejectCheck[];
  /** What the typed stage reads (default: the raw stage), e.g. a preset's subquery over it. */
  from?: (rawStage: string) => string;
}

export interface RawStageSql {
  table: string;
  create: string;
  drop: string;
  /** Where framed bodies go: the raw stage, its columns, format and structure. */
  target: { table: string; columns: string[]; format: string; structure: string };
}

export interface RawStageShape {
  /** Columns of the raw stage, e.g. "_line UInt64, c0 String, c1 String". */
  structure: string;
  /** The ClickHouse format of framed bodies (CSV, TSV) or of the file itself (Parquet, Arrow). */
  format: string;
  /** Column names of the raw stage in body order. */
  columnNames: string[];
}

/**
 * Staging tables are written once, batch by batch, read a few times and dropped: merging their
 * parts in the background only burns the cores the import needs (a part per framed batch, ~100
 * for 10M rows). With merges off (`max_bytes_to_merge_at_max_space_in_pool = 0`) a 10M-row CSV
 * import went from 227k–245k to 262k–288k rows/s, 0.44 → 0.55–0.63 of the engine's own rate
 * (`pnpm bench import 10000000 csv`; docs/benchmarks.md). The part
 * limits are raised with it, or a file of some thousand batches would be refused as "too many
 * parts" (or slowed) for want of the merges.
 */
export const STAGE_TABLE_SETTINGS =
  'SETTINGS max_bytes_to_merge_at_max_space_in_pool = 0, parts_to_delay_insert = 1000000, parts_to_throw_insert = 1000000, max_parts_in_total = 1000000';

export function buildRawStageSql(id: string, input: RawStageShape): RawStageSql {
  const table = stageTableName('raw', id);
  return {
    table,
    create: `CREATE TABLE IF NOT EXISTS ${table} (${input.structure}) ENGINE = MergeTree ORDER BY _line ${STAGE_TABLE_SETTINGS}`,
    drop: `DROP TABLE IF EXISTS ${table}`,
    target: { table, columns: input.columnNames, format: input.format, structure: input.structure },
  };
}

export interface TypedStageSql {
  stage: string;
  create: string;
  drop: string;
  /** Raw text to production types, with a reject reason per row, from the raw stage. */
  typeRows: string;
  /** The same typing from any table or table function with the raw stage's columns. */
  typeRowsFrom: (source: string) => string;
  counts: string;
  /** The staged rows the merge will write (new keys, once each). */
  fresh: string;
  merge: string;
  rejects: string;
  /** For kinds that carry visitor numbers: the numbering steps, which run before the merge. */
  numbering?: VisitorNumberingSql;
  /** For kinds with sessions: the valid staged rows' days (a SELECT of `day`: daily sessions to recompute). */
  sessionDays?: string;
  /**
   * For orders: the buyers whose days (buyer_days) the merge may change (a SELECT of `buyer`): the
   * staged orders' buyers and the stored versions' (an order can move to another customer).
   */
  buyers?: string;
  /** One row, `repeats` = 1 when a dedup key occurs on more than one valid staged row. */
  repeats: string;
  /**
   * counts, fresh and merge for a stage whose valid rows repeat no key: nothing to keep "first
   * in the file", so no sort of the whole stage (which held ~0.5 KB per row in memory).
   */
  unrepeated: { counts: string; fresh: string; merge: string };
}

/**
 * Two insert streams instead of one, and (for the merge) the materialized views fed side by side
 * rather than one after another: on two cores, a 1.4M-row events merge went from 4.4 to 2.7 s and
 * typing from 2.0 to 1.7 s (`pnpm bench import`). More cores would take more streams; two is never
 * worse than the default single stream.
 */
const INSERT_SETTINGS = 'SETTINGS max_insert_threads = 2';

export function buildTypedStageSql(spec: KindSpec, importId: string, input: StageInput, rawStage: string): TypedStageSql {
  const stage = stageTableName('stage', importId);
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
ORDER BY _line
${STAGE_TABLE_SETTINGS}`;

  const typeRowsFrom = (source: string) => `INSERT INTO ${stage} (shop_id, _line, _reason, _raw, ${names.join(', ')})
SELECT
    {shop_id:UInt32},
    _line,
    ${reason} AS _reason,
    if((${reason}) = '', '', ${input.rawText}) AS _raw,
${columns.map((c) => `    ${c.expr} AS ${c.name}`).join(',\n')}
FROM ${input.from ? input.from(source) : source}
${INSERT_SETTINGS}`;
  const typeRows = typeRowsFrom(rawStage);

  const range = (col: string) =>
    ` AND ${col} BETWEEN (SELECT min(${col}) FROM ${stage} WHERE shop_id = {shop_id:UInt32} AND _reason = '') AND (SELECT max(${col}) FROM ${stage} WHERE shop_id = {shop_id:UInt32} AND _reason = '')`;
  const inRange = spec.dayColumn ? range(spec.dayColumn) : '';
  const derived = spec.derived;
  const staged = names.map((n) => (derived?.column === n ? `if(s.${n} = '', d.value, s.${n}) AS ${n}` : `s.${n} AS ${n}`)).join(', ');
  const derivedJoin = derived ? `\n       LEFT JOIN (${derived.subquery(stage)}) AS d ON d._line = s._line` : '';
  // Versioned kinds (orders, products, customers) keep every newer state; a staged row is a
  // duplicate when its entity's stored version is as new or newer (ReplacingMergeTree may already
  // have merged older versions away, so "is this exact version stored" is the wrong question), or
  // when it says exactly what the latest stored row says (files without updated_at get the import
  // time as version, and re-importing them must not count as an update).
  // Other kinds are immutable: a staged row whose key is stored is a duplicate.
  // Table columns are qualified (t.) on purpose: unqualified names in the subquery would resolve to
  // the outer query's same-named aliases, i.e. to the staged row itself.
  // Hash the text of a tuple: cityHash64 of a NULL argument is NULL, and NULL != NULL is not true.
  const content = (alias: string) =>
    `cityHash64(toString(tuple(${names
      .filter((n) => n !== 'version' && n !== 'updated_at')
      .map((n) => `${alias}${n}`)
      .join(', ')})))`;
  // A key repeated in the file: the first row (by line) wins.
  const firstPerKey = `\n       ORDER BY _line LIMIT 1 BY ${spec.dedupKey.join(', ')}`;
  const freshOf = (dedupWithin: boolean) =>
    spec.entityColumn
      ? `SELECT ${staged}, s._line AS _line, st.stored_version > 0 AS _known
       FROM ${stage} AS s${derivedJoin}
       LEFT JOIN (SELECT t.${spec.entityColumn} AS ${spec.entityColumn}, max(t.version) AS stored_version, argMax(${content('t.')}, t.version) AS stored_content
                  FROM ${spec.table} AS t
                  WHERE t.shop_id = {shop_id:UInt32}${inRange.replaceAll(` AND ${spec.dayColumn} BETWEEN`, ` AND t.${spec.dayColumn} BETWEEN`)} GROUP BY t.${spec.entityColumn}) AS st
         ON s.${spec.entityColumn} = st.${spec.entityColumn}
       WHERE s.shop_id = {shop_id:UInt32} AND s._reason = '' AND s.version > st.stored_version
         AND (st.stored_version = 0 OR ${content('s.')} != st.stored_content)${dedupWithin ? firstPerKey : ''}`
      : `SELECT ${staged}, s._line AS _line, 0 AS _known
       FROM ${stage} AS s${derivedJoin}
       WHERE s.shop_id = {shop_id:UInt32} AND s._reason = ''
         AND (${spec.dedupKey.map((k) => `s.${k}`).join(', ')}) NOT IN (SELECT ${spec.dedupKey.join(', ')} FROM ${spec.table} WHERE shop_id = {shop_id:UInt32}${inRange})${dedupWithin ? firstPerKey : ''}`;

  // The fresh rows are worked out once for both of their counts.
  const countsOf = (fresh: string) => `SELECT s.staged AS staged, s.rejected AS rejected, f.fresh AS fresh, f.updated AS updated
FROM (SELECT count() AS staged, countIf(_reason != '') AS rejected FROM ${stage} WHERE shop_id = {shop_id:UInt32}) AS s
CROSS JOIN (SELECT count() AS fresh, countIf(_known) AS updated FROM (${fresh})) AS f`;

  const numbers = visitorNumberingSql(stage, stageTableName('num', importId));
  const mergeOf = (fresh: string) =>
    spec.visitorNumbers
      ? `INSERT INTO ${spec.table} (shop_id, ${names.join(', ')}, visitor_no, import_id)
SELECT {shop_id:UInt32}, ${names.map((n) => `f.${n}`).join(', ')}, ${VISITOR_NO_OF_MERGED_ROW}, {import_id:String}
FROM (${fresh}) AS f
LEFT ANY JOIN ${numbers.table} AS n ON n.visitor_id = f.visitor_id
${INSERT_SETTINGS}, parallel_view_processing = 1`
      : `INSERT INTO ${spec.table} (shop_id, ${names.join(', ')}, import_id)
SELECT {shop_id:UInt32}, ${names.join(', ')}, {import_id:String}
FROM (${fresh})
${INSERT_SETTINGS}, parallel_view_processing = 1`;

  const fresh = freshOf(true);
  const unrepeatedFresh = freshOf(false);
  const probe = (spec.repeatProbe ?? spec.dedupKey).join(', ');
  const repeats = `SELECT count() != uniqExact(${probe}) AS repeats FROM ${stage} WHERE shop_id = {shop_id:UInt32} AND _reason = ''`;

  const rejects = `INSERT INTO import_rejects (shop_id, import_id, source, line, raw, reason, kind)
SELECT shop_id, {import_id:String}, {source:String}, _line, _raw, _reason, {kind:String}
FROM ${stage}
WHERE shop_id = {shop_id:UInt32} AND _reason != ''`;

  return {
    stage,
    create,
    drop: `DROP TABLE IF EXISTS ${stage}`,
    typeRows,
    typeRowsFrom,
    counts: countsOf(fresh),
    fresh,
    merge: mergeOf(fresh),
    rejects,
    ...(spec.visitorNumbers ? { numbering: numbers } : {}),
    ...(spec.sessions ? { sessionDays: `SELECT day FROM ${stage} WHERE shop_id = {shop_id:UInt32} AND _reason = ''` } : {}),
    ...(spec.buyers
      ? {
          buyers: `SELECT ${BUYER_OF_ORDER} AS buyer FROM ${stage} WHERE shop_id = {shop_id:UInt32} AND _reason = ''
UNION ALL
SELECT ${BUYER_OF_ORDER} AS buyer FROM ${spec.table}
WHERE shop_id = {shop_id:UInt32}${inRange} AND order_id IN (SELECT order_id FROM ${stage} WHERE shop_id = {shop_id:UInt32} AND _reason = '')`,
        }
      : {}),
    repeats,
    unrepeated: { counts: countsOf(unrepeatedFresh), fresh: unrepeatedFresh, merge: mergeOf(unrepeatedFresh) },
  };
}
