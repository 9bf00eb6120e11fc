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

const MATERIALIZED_VIEW = /^CREATE MATERIALIZED VIEW IF NOT EXISTS (\w+) TO (\w+) AS\s+([\s\S]+)$/;
const DROP_VIEW = /^DROP VIEW IF EXISTS (\w+)$/;

/** A materialized view as the migrations so far define it. */
export interface ViewDefinition {
  target: string;
  select: string;
}

/**
 * The materialized views as the statements seen so far leave them: a later migration may drop a
 * view and create it anew (0006 rebuilt daily_stage_visitors with bitmaps), or drop it for good.
 * Used for BACKFILL while loading, and by rollups.ts (rebuilds after an erasure or an interrupted merge).
 */
export class MaterializedViews {
  private readonly views = new Map<string, ViewDefinition>();

  see(stmt: string): void {
    const view = MATERIALIZED_VIEW.exec(stmt);
    if (view?.[1] && view[2] && view[3]) this.views.set(view[1], { target: view[2], select: view[3] });
    const dropped = DROP_VIEW.exec(stmt);
    if (dropped?.[1]) this.views.delete(dropped[1]);
  }

  get(name: string): ViewDefinition | undefined {
    return this.views.get(name);
  }

  all(): ViewDefinition[] {
    return [...this.views.values()];
  }

  /** The views left after every statement of the files. */
  static after(files: readonly MigrationFile[]): MaterializedViews {
    const views = new MaterializedViews();
    for (const file of files) for (const stmt of file.statements) views.see(stmt);
    return views;
  }
}

/**
 * `BACKFILL table FROM view`: fill a view's target table from what is already stored, with the
 * view's own SELECT (its latest definition in the migrations so far), so a backfill can never
 * compute something other than what the view computes on insert.
 */
const BACKFILL = /^BACKFILL (\w+) FROM (\w+)$/;

export function loadMigrations(dir: string = MIGRATIONS_DIR): MigrationFile[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const seen = new Set<number>();
  const views = new MaterializedViews();
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
      statements: splitStatements(text).map((stmt) => expandBackfill(stmt, views, file)),
    };
  });
}

function expandBackfill(stmt: string, views: MaterializedViews, file: string): string {
  views.see(stmt);
  const backfill = BACKFILL.exec(stmt);
  if (!backfill?.[1] || !backfill[2]) return stmt;
  const source = views.get(backfill[2]);
  if (!source) throw new Error(`${file}: BACKFILL names view ${backfill[2]}, which no earlier statement creates`);
  if (source.target !== backfill[1]) throw new Error(`${file}: view ${backfill[2]} writes to ${source.target}, not ${backfill[1]}`);
  return `INSERT INTO ${backfill[1]}\n${source.select}`;
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
