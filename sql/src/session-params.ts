/**
 * Query parameters for the embedded engine, bound as session parameters (`SET param_x = '...'`)
 * in front of the statement instead of through chdb's own binder.
 *
 * Why: chdb (npm, 3.4) funnels every query that carries `query_params` through one process-wide
 * queue, because libchdb's per-call parameter guard races across connections. Every Storelens
 * query is parameterized, so that queue made the embedded warehouse run one query at a time:
 * an export blocked a 5 ms `SELECT 1` on another connection for its whole 11 s (measured, see
 * docs/benchmarks.md). `SET param_...` is ClickHouse's session-level form of the same binding
 * (what clickhouse-client does): the statement keeps its `{name:Type}` placeholders and the engine
 * parses each value as the placeholder's type. Each chDB connection is its own session, and the
 * lanes hand a connection to one caller at a time, so statements never see another's values.
 *
 * The parameter text is what the HTTP interface receives for `param_x` (clickhouse-js's rules:
 * strings in the escaped/TSV form, arrays as literals), then quoted as one SQL string literal.
 */
import { StorelensError } from './errors.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*):/g;

const TSV_ESCAPES: Record<string, string> = { '\\': '\\\\', '\0': '\\0', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const LITERAL_ESCAPES: Record<string, string> = { ...TSV_ESCAPES, "'": "\\'" };

/** A value as ClickHouse's escaped (TSV) text: backslash, NUL and control characters escaped. */
function tsvText(s: string): string {
  return s.replace(/[\\\0\b\f\n\r\t]/g, (c) => TSV_ESCAPES[c] as string);
}

/** A single-quoted ClickHouse string literal: only `\` and `'` could end it; both are escaped. */
export function stringLiteral(s: string): string {
  return `'${s.replace(/[\\'\0\b\f\n\r\t]/g, (c) => LITERAL_ESCAPES[c] as string)}'`;
}

/** A value nested in an array parameter, written as a SQL literal. */
function nestedLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'string') return stringLiteral(v);
  if (Array.isArray(v)) return `[${v.map(nestedLiteral).join(',')}]`;
  return scalarText(v);
}

function scalarText(v: unknown): string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new StorelensError('PARAM_INVALID', `Query parameter ${v} is not a finite number.`);
    return String(v);
  }
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? '1' : '0';
  // As clickhouse-js sends a Date over HTTP: Unix seconds (with milliseconds when there are any),
  // which the engine reads without any time zone.
  if (v instanceof Date) {
    const seconds = Math.floor(v.getTime() / 1000).toString();
    const ms = v.getUTCMilliseconds();
    return ms === 0 ? seconds : `${seconds}.${ms.toString().padStart(3, '0')}`;
  }
  throw new StorelensError('PARAM_INVALID', `Query parameter of type ${typeof v} cannot be bound.`);
}

/** The text the engine receives as a parameter's value, as over HTTP. */
export function paramText(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'string') return tsvText(v);
  if (Array.isArray(v)) return `[${v.map(nestedLiteral).join(',')}]`;
  return scalarText(v);
}

/**
 * The statement with its parameters set in front of it. Refuses a statement that names a
 * placeholder it was not given a value for: the session would otherwise still hold that
 * parameter from an earlier statement on the same connection.
 */
export function withSessionParams(sql: string, params: Record<string, unknown>): string {
  const names = Object.keys(params);
  for (const name of names) if (!NAME.test(name)) throw new StorelensError('PARAM_INVALID', `"${name}" is not a valid parameter name.`);
  for (const [, name] of sql.matchAll(PLACEHOLDER)) {
    if (!Object.hasOwn(params, name as string)) {
      throw new StorelensError('PARAM_MISSING', `The query uses {${name}:...} but no value was bound for it.`);
    }
  }
  if (names.length === 0) return sql;
  return `${names.map((n) => `SET param_${n} = ${stringLiteral(paramText(params[n]))}`).join('; ')}; ${sql}`;
}
