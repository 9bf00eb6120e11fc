/**
 * A chart's numbers as a table, read from the same ECharts option that draws it: what "Chart data"
 * under every chart shows (for reading exact values, and for screen readers, which cannot read a
 * canvas). Taken from the option rather than from each page's data so that the table is always
 * what the chart draws. A chart whose drawn values are not its meaning (the waterfall's stacked
 * bases and heights) passes its own table instead.
 */

export type ChartCell = string | number | null;

export interface ChartTable {
  columns: string[];
  rows: ChartCell[][];
}

/** Column headings the table needs that the option does not name, in the page's language. */
export interface ChartTableNames {
  /** The first column of a chart by category (a day, a step, a band) when its axis has no name. */
  category: string;
  /** An unnamed series' column. */
  value: string;
  /** A flow chart's columns. */
  from: string;
  to: string;
  /** The column of marked days (shaded bands) on a chart by category. */
  marked: string;
}

interface SeriesOption {
  type?: string;
  name?: string;
  data?: unknown[];
  /** Shaded bands over categories, each `[{ name, xAxis: first }, { xAxis: last }]` (prepare/marked-days.ts). */
  markArea?: { data?: Array<[{ name?: string; xAxis?: string }, { xAxis?: string }]> };
  links?: Array<{ source?: string; target?: string; value?: number }>;
}

interface AxisOption {
  type?: string;
  name?: string;
  data?: unknown[];
}

const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** A data item's value: a number, `{ value }`, or the last of `[x, y]`/`[x, y, value]`; null when missing. */
export function itemValue(item: unknown): number | null {
  if (typeof item === 'number') return Number.isFinite(item) ? item : null;
  if (Array.isArray(item)) return itemValue(item[item.length - 1]);
  if (item && typeof item === 'object' && 'value' in item) return itemValue((item as { value: unknown }).value);
  return null;
}

/** A name as shown: an item's `label` when it has one (a flow chart's node), else its `name`. */
function itemName(item: unknown): string {
  if (item && typeof item === 'object') {
    const o = item as { label?: unknown; name?: unknown; value?: unknown };
    return String(o.label ?? o.name ?? o.value ?? '');
  }
  return String(item ?? '');
}

export function chartTable(option: Record<string, unknown>, names: ChartTableNames): ChartTable | null {
  const series = list(option.series as SeriesOption | SeriesOption[] | undefined).filter((s) => s && Array.isArray(s.data));
  const first = series[0];
  if (!first) return null;
  const seriesName = (s: SeriesOption) => (series.length === 1 && !s.name ? names.value : (s.name ?? names.value));
  if (first.type === 'sankey') {
    // Flows between nodes named by their id; the table shows each node's label.
    const label = new Map((first.data ?? []).map((n) => [String((n as { name?: unknown }).name ?? ''), itemName(n)]));
    return {
      columns: [names.from, names.to, seriesName({ ...first, name: first.name })],
      rows: (first.links ?? []).map((l) => [
        label.get(l.source ?? '') ?? l.source ?? '',
        label.get(l.target ?? '') ?? l.target ?? '',
        l.value ?? null,
      ]),
    };
  }
  const xAxis = list(option.xAxis as AxisOption | AxisOption[] | undefined)[0];
  const yAxis = list(option.yAxis as AxisOption | AxisOption[] | undefined)[0];
  if (first.type === 'heatmap') {
    // Cells [column, row, value] over two category axes: a row per y category, a column per x category.
    const columns = (xAxis?.data ?? []).map(itemName);
    const rows = (yAxis?.data ?? []).map(itemName);
    const cells: ChartCell[][] = rows.map((r) => [r, ...columns.map(() => null)]);
    for (const c of first.data ?? []) {
      const v = (Array.isArray(c) ? c : ((c as { value?: unknown })?.value as unknown[])) ?? [];
      const [x, y] = [Number(v[0]), Number(v[1])];
      const row = cells[y];
      if (row && x >= 0 && x < columns.length) row[x + 1] = itemValue(v[2]);
    }
    return { columns: [yAxis?.name ?? names.category, ...columns], rows: cells };
  }
  if (first.type === 'pie' || first.type === 'funnel') {
    // Named items: a row per name (in the first series' order), a column per series.
    const order: string[] = [];
    const byName = series.map((s) => {
      const m = new Map<string, number | null>();
      for (const item of s.data ?? []) {
        const name = itemName(item);
        if (!order.includes(name)) order.push(name);
        m.set(name, itemValue(item));
      }
      return m;
    });
    return {
      columns: [names.category, ...series.map(seriesName)],
      rows: order.map((name) => [name, ...byName.map((m) => m.get(name) ?? null)]),
    };
  }
  // Series over a category axis (bars and lines; horizontal when the category axis is y).
  const axis = yAxis?.type === 'category' && xAxis?.type !== 'category' ? yAxis : xAxis;
  const categories = (axis?.data ?? []).map(itemName);
  const rows: ChartCell[][] = categories.map((c, i) => [c, ...series.map((s) => itemValue(s.data?.[i]))]);
  const bands = series.flatMap((s) => s.markArea?.data ?? []);
  if (!bands.length) return { columns: [axis?.name ?? names.category, ...series.map(seriesName)], rows };
  // Each category's bands by name, in the bands' order, as the chart shades them.
  const marked = categories.map((_, i) =>
    bands
      .filter(
        ([start, end]) =>
          categories.indexOf(start.xAxis ?? '') <= i && i <= categories.indexOf(end.xAxis ?? '') && categories.includes(start.xAxis ?? ''),
      )
      .map(([start]) => start.name ?? '')
      .join('; '),
  );
  return {
    columns: [axis?.name ?? names.category, ...series.map(seriesName), names.marked],
    rows: rows.map((r, i) => [...r, marked[i] || null]),
  };
}
