/** Reading numbered migration files (`NNNN_name.sql`) and splitting them into statements. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface MigrationFile {
  version: number;
  name: string;
  checksum: string;
  statements: string[];
}

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export function loadMigrations(dir: string = MIGRATIONS_DIR): MigrationFile[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const seen = new Set<number>();
  return files.map((file) => {
    const match = FILE_NAME.exec(file);
    if (!match) throw new Error(`Migration file "${file}" must be named NNNN_lower_snake_name.sql`);
    const version = Number(match[1]);
    if (seen.has(version)) throw new Error(`Two migration files share version ${version}`);
    seen.add(version);
    const text = readFileSync(join(dir, file), 'utf8');
    return {
      version,
      name: match[2] ?? file,
      checksum: createHash('sha256').update(text).digest('hex'),
      statements: splitStatements(text),
    };
  });
}

/** Statements end with ';' at the end of a line; whole-line `--` comments are dropped. */
export function splitStatements(text: string): string[] {
  const lines = text.split('\n').filter((line) => !line.trimStart().startsWith('--'));
  const statements: string[] = [];
  let current: string[] = [];
  for (const line of lines) {
    current.push(line);
    if (/;\s*$/.test(line)) {
      const stmt = current.join('\n').trim().replace(/;\s*$/, '');
      if (stmt) statements.push(stmt);
      current = [];
    }
  }
  const rest = current.join('\n').trim();
  if (rest) throw new Error(`Migration text ends without ';': ${rest.slice(0, 80)}`);
  return statements;
}
