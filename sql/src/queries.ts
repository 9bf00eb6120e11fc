/** Analysis queries live as .sql files in sql/queries with typed {name:Type} parameters. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const QUERIES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'queries');
const cache = new Map<string, string>();

export function loadQuery(name: string): string {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`bad query name ${name}`);
  let sql = cache.get(name);
  if (!sql) {
    sql = readFileSync(join(QUERIES_DIR, `${name}.sql`), 'utf8');
    cache.set(name, sql);
  }
  return sql;
}
