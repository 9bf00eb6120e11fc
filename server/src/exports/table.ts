/**
 * A result as a table to export: named, typed columns with their units, and rows. Units come
 * from the metric catalogue (money in the shop's currency, ratios, seconds, counts); days are
 * shop-local dates, so their column states the time zone.
 */
import { METRICS, type MetricName } from '../analyses/metrics-catalogue.js';
import type { Shop } from '../metadata/index.js';

export type ColumnType = 'string' | 'number' | 'date';

export interface Column {
  name: string;
  type: ColumnType;
  /** CNY, ratio, count, seconds, days, or the time zone of a date. */
  unit: string | null;
}

export interface ExportTable {
  name: string;
  columns: Column[];
  rows: Array<Record<string, unknown>>;
}

/** Aliases for result fields that carry a catalogue metric under another name. */
const METRIC_ALIASES: Record<string, MetricName> = {
  views: 'product_views',
  visitors: 'uv',
  buyers: 'paying_buyers',
  units: 'product_units',
  people: 'funnel_people',
  conversion_from_start: 'funnel_conversion_from_start',
  conversion_from_previous: 'funnel_conversion_from_previous',
  pace: 'target_pace',
  // Order values: per order, and what the orders short of a threshold were short of it.
  units_per_order: 'ov_units_per_order',
  gap: 'ov_threshold_gap',
  gap_per_order: 'ov_threshold_gap',
  // The diagnosis's split by channel or category: a payment amount's change and its parts, in money.
  change: 'gmv_decomposition',
  traffic_effect: 'gmv_decomposition',
  mix_effect: 'gmv_decomposition',
  conversion_effect: 'gmv_decomposition',
  aov_effect: 'gmv_decomposition',
  unexplained: 'gmv_decomposition',
};

/**
 * Numbers that are not amounts of anything: positions, hours, period indexes, ranks, scores — and
 * the diagnosis's, the targets' and a campaign review's value columns, whose rows hold different metrics (each row names its own).
 */
const NO_UNIT = new Set([
  'position',
  'hour',
  'period',
  'rank',
  'r',
  'f',
  'm',
  'z',
  'line_no',
  'value',
  'previous',
  'same_weekday_last_week',
  'expected',
  // A monthly targets row's figures are that row's metric's (money for gmv, orders for paid_orders).
  'target',
  'actual',
  'projected',
  'needed_per_day',
  // A product diagnosis's finding: visitors, buyers or money by the finding (its definition says which).
  'size',
  // A campaign review's figures row: each row's metric's (visitors, payment amount, conversion …).
  'campaign',
  'usual',
  'after',
  'campaign_per_day',
  'usual_per_day',
  'after_per_day',
  'compared',
  'compared_per_day',
]);

function unitOf(name: string, type: ColumnType, shop: Shop): string | null {
  if (type === 'date') return shop.time_zone;
  if (type !== 'number' || NO_UNIT.has(name)) return null;
  const metric = (Object.hasOwn(METRICS, name) ? name : METRIC_ALIASES[name]) as MetricName | undefined;
  const unit = metric ? METRICS[metric].unit : null;
  if (unit === 'money') return shop.currency;
  if (unit) return unit;
  // Ratios first: a share of money (gmv_share, last_touch_gmv_share) is a ratio, not money.
  if (/rate|share|conversion|ratio/.test(name)) return 'ratio';
  if (/amount|gmv|spend|revenue|aov|value$/.test(name)) return shop.currency;
  if (/seconds/.test(name)) return 'seconds';
  if (/days/.test(name)) return 'days';
  return 'count';
}

/** Builds a table from plain rows: column types from the values (a YYYY-MM-DD string is a date). */
export function tableOf(name: string, rows: Array<Record<string, unknown>>, shop: Shop): ExportTable {
  const names: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!names.includes(k)) names.push(k);
  const columns = names.map((n): Column => {
    const values = rows.map((r) => r[n]).filter((v) => v !== null && v !== undefined);
    const type: ColumnType =
      values.length > 0 && values.every((v) => typeof v === 'number')
        ? 'number'
        : values.length > 0 && values.every((v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))
          ? 'date'
          : values.every((v) => typeof v === 'number')
            ? 'number'
            : 'string';
    return { name: n, type, unit: unitOf(n, type, shop) };
  });
  // Nested values (arrays, objects) are written as JSON text; everything else as is.
  const flat = rows.map((r) =>
    Object.fromEntries(names.map((n) => [n, r[n] !== null && typeof r[n] === 'object' ? JSON.stringify(r[n]) : (r[n] ?? null)])),
  );
  return { name, columns, rows: flat };
}

/** "gmv (CNY)", "conversion_rate (ratio)", "day (Asia/Shanghai)": the header CSV and XLSX show. */
export const headerOf = (c: Column) => (c.unit ? `${c.name} (${c.unit})` : c.name);
