/**
 * Analysis queries live as .sql files in sql/queries with typed {name:Type} parameters, reading
 * the fact tables through {{events}}, {{orders}} and {{order_items}} (see row-filters.ts).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FilterContext, plainTables, type RowFilters, withRowFilters } from './row-filters.js';
import type { QueryParams } from './scopes.js';

export const QUERIES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'queries');
const cache = new Map<string, string>();

/** The query as written, placeholders and all; pass it through withRowFilters or plainTables. */
export function loadQueryText(name: string): string {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`bad query name ${name}`);
  let sql = cache.get(name);
  if (!sql) {
    sql = readFileSync(join(QUERIES_DIR, `${name}.sql`), 'utf8');
    cache.set(name, sql);
  }
  return sql;
}

/** The query with plain tables: what an analysis without filters runs. */
export function loadQuery(name: string): string {
  return plainTables(loadQueryText(name));
}

/** The query with the filters applied, and the filter parameters to bind with it. */
export function loadFilteredQuery(name: string, filters: RowFilters | undefined, ctx: FilterContext): { sql: string; params: QueryParams } {
  return withRowFilters(loadQueryText(name), filters, ctx);
}
