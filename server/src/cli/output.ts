/** Printing results for people (aligned tables) and for programs (--json, --csv). */
export type OutputFormat = 'table' | 'json' | 'csv';

export function outputFormat(opts: { json?: boolean; csv?: boolean }): OutputFormat {
  if (opts.json) return 'json';
  if (opts.csv) return 'csv';
  return 'table';
}

/** A value as text: nothing for null, ISO time for a date. */
function cellText(value: unknown): string {
  return value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
}

function csvCell(value: unknown): string {
  const s = cellText(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function printRows(rows: readonly Record<string, unknown>[], format: OutputFormat, columns?: string[]): void {
  const cols = columns ?? Object.keys(rows[0] ?? {});
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  if (format === 'csv') {
    process.stdout.write(`${cols.join(',')}\n`);
    for (const row of rows) process.stdout.write(`${cols.map((c) => csvCell(row[c])).join(',')}\n`);
    return;
  }
  if (rows.length === 0) {
    process.stdout.write('(none)\n');
    return;
  }
  // A table for people shows values as they are (a reason's quoted value, a rejected line's own
  // quotes), on one line each: CSV's quoting is for programs.
  const text = rows.map((row) => cols.map((c) => cellText(row[c]).replace(/[\r\n]+/g, ' ')));
  const widths = cols.map((c, i) => Math.max(c.length, ...text.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  process.stdout.write(`${line(cols)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const r of text) process.stdout.write(`${line(r)}\n`);
}

/** Progress and notices go to stderr so stdout stays clean for --json/--csv. */
export function notice(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** A comma-separated option value as a list: `--channel a, b` → ['a', 'b']; absent → []. */
export function commaList(value?: string): string[] {
  return value
    ? value
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : [];
}
