/** A plain sortable-by-server table: column headers with definitions, rows as given. */
import type { ReactNode } from 'react';
import type { Definitions } from '../api/types';
import { MetricLabel } from './MetricLabel';

export interface Column<T> {
  key: string;
  label?: string;
  /**
   * A metric whose written definition explains this column, when that is not `key`; the column's
   * own label, if it has one, stays (e.g. one step of the funnel's people), else the metric's shows.
   */
  definition?: string;
  render: (row: T) => ReactNode;
  numeric?: boolean;
  /** Free text that may be long (an error message): wraps inside the panel instead of widening the table. */
  wrap?: boolean;
}

export function Table<T>({
  columns,
  rows,
  definitions,
  rowKey,
  onRow,
  selected,
}: {
  columns: Column<T>[];
  rows: T[];
  definitions?: Definitions;
  rowKey: (r: T) => string;
  onRow?: (r: T) => void;
  /** The key of the row whose details the page shows, marked as selected. */
  selected?: string | null;
}) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} className={c.numeric ? 'num' : undefined}>
                <MetricLabel
                  name={c.definition ?? c.key}
                  definitions={definitions}
                  fallback={c.label}
                  label={c.definition ? c.label : undefined}
                />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={rowKey(r)}
              onClick={onRow ? () => onRow(r) : undefined}
              className={[onRow ? 'clickable' : '', selected === rowKey(r) ? 'selected' : ''].filter(Boolean).join(' ') || undefined}
              aria-selected={selected === undefined ? undefined : selected === rowKey(r)}
            >
              {columns.map((c) => (
                <td key={c.key} className={c.numeric ? 'num' : c.wrap ? 'wrap' : undefined}>
                  {c.render(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
