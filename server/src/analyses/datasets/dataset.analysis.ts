/**
 * Self-serve datasets: pick measures and dimensions from a fixed catalogue, a date range and the
 * usual filters; get a table. Only catalogue entries exist — the SQL is assembled from the fixed
 * fragments below (identifiers never come from the request) and every value is bound.
 * Event measures are computed from events and order measures from orders paid in the range,
 * each grouped by the chosen dimensions, then joined; ratios are derived from their parts.
 */
import type { ShopScope } from '@storelens/sql';
import { BadRequestError } from '../../errors.js';
import type { Shop } from '../../metadata/index.js';
import { type AnalysisFilters, activeFilters, filteredSql } from '../filters.js';
import { localHourSql } from '../local-time.js';
import { definitionsOf, type MetricDefinition, type MetricName } from '../metrics-catalogue.js';
import { cents, ratio } from '../rounding.js';

/**
 * Dimensions: the SQL that computes each on events and on orders (same meaning on both); `events:
 * null` is a dimension of orders alone, which splits order measures only.
 */
export const DATASET_DIMENSIONS = {
  day: { events: 'day', orders: 'pay_day', label: 'shop-local day' },
  week: { events: 'toStartOfWeek(day, 1)', orders: 'toStartOfWeek(pay_day, 1)', label: 'week starting Monday' },
  month: { events: 'toStartOfMonth(day)', orders: 'toStartOfMonth(pay_day)', label: 'calendar month' },
  // When in the day and the week (时段, 周几): an event's time, an order's payment, in the shop's time zone.
  hour: {
    events: localHourSql('ts'),
    orders: localHourSql('assumeNotNull(paid_at)'),
    label: "hour of the day, 00 to 23, in the shop's time zone (orders: the hour paid)",
  },
  weekday: {
    events: 'toDayOfWeek(day)',
    orders: 'toDayOfWeek(pay_day)',
    label: 'day of the week, 1 = Monday to 7 = Sunday (orders: the day paid)',
  },
  channel: {
    events: 'toString(channel)',
    orders: 'toString(channel)',
    label: 'traffic channel (orders: the channel the order came through)',
  },
  source: { events: 'toString(source)', orders: 'toString(source)', label: 'traffic source' },
  medium: { events: 'toString(medium)', orders: 'toString(medium)', label: 'traffic medium' },
  campaign: { events: 'campaign', orders: 'campaign', label: 'campaign' },
  device: { events: 'toString(device)', orders: 'toString(device)', label: 'device' },
  region: { events: 'toString(region)', orders: 'toString(region)', label: 'region' },
  // As the refunds analysis groups them: a reason counts only with a refund.
  refund_reason: {
    events: null,
    orders: "if(refund_amount > 0, toString(refund_reason), '')",
    label: 'refund reason (orders only: the reason the order’s refund records; empty when not refunded or none was given)',
  },
} as const satisfies Record<string, { events: string | null; orders: string; label: string }>;
export type DatasetDimension = keyof typeof DATASET_DIMENSIONS;

/** Measures from the metric catalogue: base ones with their SQL, and ratios from bases. */
const EVENT_MEASURES = {
  uv: 'uniqExact(visitor_id)',
  pv: "countIf(event_name IN ('page_view', 'product_view'))",
  cart_visitors: "uniqExactIf(visitor_id, event_name = 'add_to_cart')",
} as const;
const ORDER_MEASURES = {
  paid_orders: 'count()',
  paying_buyers: "uniqExact(if(customer_id != '', customer_id, concat('guest:', order_id)))",
  gmv: 'sum(paid_amount)',
  // The orders paid in the range that came back, as they stand now (the refunds analysis's figures).
  refunded_orders: 'countIf(refund_amount > 0)',
  full_refund_orders: 'countIf(refund_amount > 0 AND refund_amount >= paid_amount)',
  sales_refund_amount: 'sum(refund_amount)',
  // Order-level discounts (coupons) of the orders paid in the range. Columns qualified (o.): a
  // measure named as the column it sums is an alias the engine would otherwise read instead.
  items_amount: 'sum(o.items_amount)',
  discounted_orders: 'countIf(o.discount_amount > 0)',
  discount_amount: 'sum(o.discount_amount)',
} as const;
const DERIVED = {
  conversion_rate: { parts: ['paying_buyers', 'uv'], compute: (r: Record<string, number>) => ratio(r.paying_buyers ?? 0, r.uv ?? 0) },
  aov: {
    parts: ['gmv', 'paying_buyers'],
    compute: (r: Record<string, number>) => ((r.paying_buyers ?? 0) > 0 ? cents((r.gmv ?? 0) / (r.paying_buyers ?? 1)) : null),
  },
  uv_value: { parts: ['gmv', 'uv'], compute: (r: Record<string, number>) => ((r.uv ?? 0) > 0 ? cents((r.gmv ?? 0) / (r.uv ?? 1)) : null) },
  pv_per_visitor: { parts: ['pv', 'uv'], compute: (r: Record<string, number>) => ratio(r.pv ?? 0, r.uv ?? 0) },
  refunded_order_rate: {
    parts: ['refunded_orders', 'paid_orders'],
    compute: (r: Record<string, number>) => ratio(r.refunded_orders ?? 0, r.paid_orders ?? 0),
  },
  sales_refund_rate: {
    parts: ['sales_refund_amount', 'gmv'],
    compute: (r: Record<string, number>) => ratio(r.sales_refund_amount ?? 0, r.gmv ?? 0),
  },
  discounted_order_rate: {
    parts: ['discounted_orders', 'paid_orders'],
    compute: (r: Record<string, number>) => ratio(r.discounted_orders ?? 0, r.paid_orders ?? 0),
  },
  discount_rate: {
    parts: ['discount_amount', 'items_amount'],
    compute: (r: Record<string, number>) => ratio(r.discount_amount ?? 0, r.items_amount ?? 0),
  },
} as const;
export const DATASET_MEASURES = [...Object.keys(EVENT_MEASURES), ...Object.keys(ORDER_MEASURES), ...Object.keys(DERIVED)] as MetricName[];
export const DATASET_MAX_ROWS = 100_000;
/** Measures summed from decimals: rounded to the cent once summed. */
const MONEY = new Set<string>(['gmv', 'sales_refund_amount', 'items_amount', 'discount_amount']);

export interface DatasetRequest {
  measures: string[];
  dimensions: string[];
  limit?: number;
}

export interface DatasetResult {
  shop: string;
  from: string;
  to: string;
  filters: AnalysisFilters;
  measures: string[];
  dimensions: string[];
  /** Rows before the limit. */
  total: number;
  rows: Array<Record<string, string | number | null>>;
  definitions: Record<string, MetricDefinition>;
}

export function datasetCatalogue() {
  return {
    measures: definitionsOf(DATASET_MEASURES),
    dimensions: Object.fromEntries(Object.entries(DATASET_DIMENSIONS).map(([k, v]) => [k, v.label])),
  };
}

export async function dataset(
  scope: ShopScope,
  shop: Shop,
  range: { from: string; to: string },
  req: DatasetRequest,
  filters: AnalysisFilters = {},
): Promise<DatasetResult> {
  const unknownMeasure = req.measures.find((m) => !(DATASET_MEASURES as string[]).includes(m));
  if (unknownMeasure)
    throw new BadRequestError(`Unknown measure "${unknownMeasure}". Measures: ${DATASET_MEASURES.join(', ')}.`, 'measures');
  const unknownDim = req.dimensions.find((d) => !Object.hasOwn(DATASET_DIMENSIONS, d));
  if (unknownDim)
    throw new BadRequestError(
      `Unknown dimension "${unknownDim}". Dimensions: ${Object.keys(DATASET_DIMENSIONS).join(', ')}.`,
      'dimensions',
    );
  if (req.measures.length === 0 || req.measures.length > 20) throw new BadRequestError('Choose 1 to 20 measures.', 'measures');
  if (req.dimensions.length > 4 || new Set(req.dimensions).size !== req.dimensions.length)
    throw new BadRequestError('Choose up to 4 different dimensions.', 'dimensions');
  const limit = req.limit ?? 1000;
  if (!Number.isInteger(limit) || limit < 1 || limit > DATASET_MAX_ROWS)
    throw new BadRequestError(`limit is 1 to ${DATASET_MAX_ROWS}.`, 'limit');

  // Every base measure needed, directly or as part of a ratio.
  const bases = new Set<string>();
  for (const m of req.measures) for (const b of (DERIVED as Record<string, { parts: readonly string[] }>)[m]?.parts ?? [m]) bases.add(b);
  const eventBases = [...bases].filter((b) => Object.hasOwn(EVENT_MEASURES, b)) as Array<keyof typeof EVENT_MEASURES>;
  const orderBases = [...bases].filter((b) => Object.hasOwn(ORDER_MEASURES, b)) as Array<keyof typeof ORDER_MEASURES>;
  const dims = req.dimensions as DatasetDimension[];
  const ordersOnly = dims.filter((d) => DATASET_DIMENSIONS[d].events === null);
  if (ordersOnly.length && eventBases.length)
    throw new BadRequestError(
      `${ordersOnly.join(', ')} splits order measures only; drop ${eventBases.join(', ')} (or the measures made from them) or the dimension.`,
      'dimensions',
    );
  const dimSelect = (side: 'events' | 'orders') => dims.map((d, i) => `toString(${DATASET_DIMENSIONS[d][side]}) AS d${i}`);
  const groupBy = dims.length ? `GROUP BY ${dims.map((_, i) => `d${i}`).join(', ')}` : '';
  const parts: string[] = [];
  if (eventBases.length) {
    parts.push(`ev AS (
    SELECT ${[...dimSelect('events'), ...eventBases.map((m) => `${EVENT_MEASURES[m]} AS ${m}`)].join(', ')}
    FROM {{events}}
    WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} AND {to:Date}
    ${groupBy}
)`);
  }
  if (orderBases.length) {
    parts.push(`od AS (
    SELECT ${[...dimSelect('orders'), ...orderBases.map((m) => `${ORDER_MEASURES[m]} AS ${m}`)].join(', ')}
    FROM (
        SELECT *, toDate(assumeNotNull(paid_at), {tz:String}) AS pay_day
        FROM {{orders}}
        WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} - 31 AND {to:Date} AND paid_at IS NOT NULL
    ) AS o
    WHERE pay_day BETWEEN {from:Date} AND {to:Date}
    ${groupBy}
)`);
  }
  const keyCols = dims.map((_, i) => `d${i}`);
  let select: string;
  if (eventBases.length && orderBases.length) {
    const on = keyCols.length ? keyCols.map((k) => `ev.${k} = od.${k}`).join(' AND ') : '1 = 1';
    select = `SELECT ${[...keyCols.map((k) => `if(ev.${k} != '', ev.${k}, od.${k}) AS ${k}`), ...eventBases.map((m) => `ev.${m} AS ${m}`), ...orderBases.map((m) => `od.${m} AS ${m}`)].join(', ')}
FROM ev FULL OUTER JOIN od ON ${on}`;
  } else {
    select = `SELECT * FROM ${eventBases.length ? 'ev' : 'od'}`;
  }
  const sql = `WITH ${parts.join(',\n')}\n${select}\nORDER BY ${keyCols.length ? keyCols.join(', ') : '1'}`;
  const q = filteredSql(sql, filters, shop, range.from);
  const raw = await scope.rows<Record<string, string | number | null>>(
    q.sql,
    { ...q.params, from: range.from, to: range.to, tz: shop.time_zone },
    { purpose: 'analysis.dataset' },
  );
  const rows = raw.map((r) => {
    const values: Record<string, number> = {};
    for (const b of bases) values[b] = Number(r[b] ?? 0);
    const out: Record<string, string | number | null> = {};
    dims.forEach((d, i) => {
      out[d] = String(r[`d${i}`] ?? '');
    });
    for (const m of req.measures) {
      const derived = (DERIVED as Record<string, { compute: (r: Record<string, number>) => number | null }>)[m];
      out[m] = derived ? derived.compute(values) : MONEY.has(m) ? cents(values[m] ?? 0) : (values[m] ?? 0);
    }
    return out;
  });
  return {
    shop: shop.slug,
    from: range.from,
    to: range.to,
    filters: activeFilters(filters),
    measures: req.measures,
    dimensions: req.dimensions,
    total: rows.length,
    rows: rows.slice(0, limit),
    definitions: definitionsOf(req.measures as MetricName[]),
  };
}
