/**
 * "Chart data" under a chart: its numbers as a table, folded away until asked for. The table is
 * read from the option that draws the chart (prepare/chart-table.ts), so it is always what the
 * chart shows; it is built only once unfolded, as a 90-day chart's table is long.
 */
import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { type ChartCell, type ChartTable, chartTable } from '../prepare/chart-table';
import type { ChartOption } from './LazyChart';

export function ChartData({
  option,
  table,
  formatValue,
  label,
}: {
  option: ChartOption;
  table?: ChartTable;
  formatValue?: (v: number) => string;
  /** The chart's test name (data-chart), repeated on the table so a test finds the table of a chart. */
  label: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [open, setOpen] = useState(false);
  const shown = open
    ? (table ??
      chartTable(option as Record<string, unknown>, {
        category: t('chart.category'),
        value: t('chart.value'),
        from: t('chart.from'),
        to: t('chart.to'),
        marked: t('chart.marked'),
      }))
    : null;
  // Whole numbers as counts; anything else to two decimals unless the chart says how (a share, a rate).
  const cell = (v: ChartCell) =>
    typeof v === 'number' ? (formatValue ? formatValue(v) : i18n.number(v, Number.isInteger(v) ? 0 : 2)) : v === null ? '—' : v;
  return (
    <details className="chart-data" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('chart.data')}</summary>
      {shown ? (
        <div className="table-wrap">
          <table data-chart-table={label}>
            <thead>
              <tr>
                {shown.columns.map((c, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: two series may share a name; a column is its position
                  <th key={i} className={i > 0 ? 'num' : undefined}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.rows.map((r, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions on the chart's axis, in order
                <tr key={i}>
                  {r.map((v, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a cell's column is its position
                    <td key={j} className={j > 0 ? 'num' : undefined}>
                      {j === 0 ? (v ?? '') : cell(v)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </details>
  );
}
