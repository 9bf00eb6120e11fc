/**
 * How one import kind is staged and merged. A spec lists the typed columns computed from the raw
 * text fields, the checks that reject a row (first failing check gives the reason), and the
 * SQL that moves valid staged rows into the production table exactly once.
 */
import type { ShopTable } from '@storelens/sql';
import type { ImportKind } from '../import-schemas.js';

/** Returns the SQL expression for a schema column's raw text ('' when the file lacks it). */
export type RawField = (schemaColumn: string) => string;

export interface StageColumn {
  name: string;
  /** ClickHouse type in the staging table. */
  type: string;
  expr: string;
}

export interface RejectCheck {
  /** SQL condition that is true when the row must be rejected. */
  when: string;
  /** SQL expression giving the reason text. */
  reason: string;
}

export interface MergeCounts {
  loaded: number;
  updated: number;
  duplicate: number;
}

export interface KindSpec {
  kind: ImportKind;
  table: ShopTable;
  /** Final production-typed columns computed from the raw fields (defaults applied). */
  columns(raw: RawField): StageColumn[];
  /** Reject checks in order; the first that holds gives the row's reason. */
  checks(raw: RawField): RejectCheck[];
  /** Columns identifying one stored row: a staged row whose key exists is a duplicate. */
  dedupKey: string[];
  /**
   * Some of the dedup key's columns, cheap to count distinct: when their values do not repeat
   * among the staged rows, neither does the key (default: the whole key).
   */
  repeatProbe?: string[];
  /** Column narrowing the production lookup to the staged date range, if the table has one. */
  dayColumn?: string;
  /** For versioned kinds: the entity column, so a new version of a known entity counts as updated. */
  entityColumn?: string;
  /**
   * A column filled in during the merge when the source left it empty, from a subquery over the
   * typed stage that yields (_line, value) — e.g. sessions derived from gaps in activity.
   */
  derived?: { column: string; subquery: (stage: string) => string };
  /** The table has a visitor_no column: the merge numbers new visitors and stamps each row. */
  visitorNumbers?: boolean;
  /** Rows carry sessions: after the merge, the daily session figures of their days are recomputed. */
  sessions?: boolean;
  /** Rows are orders: after the merge, their buyers' days (buyer_days) are recomputed. */
  buyers?: boolean;
}

/** Helpers shared by the specs. */
export const required = (raw: RawField, col: string): RejectCheck => ({ when: `${raw(col)} = ''`, reason: `'${col} is required'` });

export const parsed = (raw: RawField, col: string, value: string, what: string): RejectCheck => ({
  when: `${raw(col)} != '' AND ${value} IS NULL`,
  reason: `concat('${col} "', substring(${raw(col)}, 1, 80), '" is not ${what}')`,
});
