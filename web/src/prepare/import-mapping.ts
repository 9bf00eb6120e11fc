/** How an import job read its file, for the history: a mapping file's columns, one line. */

/**
 * "event ← action, ts ← event_time": each schema column and the source column that fed it, from
 * the mapping text a job records; null when there is none or it cannot be read (then the history
 * just shows the kind).
 */
export function mappingColumns(text: string | null): string | null {
  if (!text) return null;
  try {
    const columns = (JSON.parse(text) as { columns?: unknown }).columns;
    if (typeof columns !== 'object' || columns === null) return null;
    return Object.entries(columns as Record<string, unknown>)
      .map(([target, source]) => `${target} ← ${String(source)}`)
      .join(', ');
  } catch {
    return null;
  }
}
