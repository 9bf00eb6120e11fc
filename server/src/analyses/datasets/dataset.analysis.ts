/**
 * Self-serve datasets: pick measures and dimensions from a fixed catalogue (dataset-catalogue.ts),
 * a date range and the usual filters; get a table. The SQL is assembled from the catalogue's fixed
 * fragments (identifiers never come from the request) and every value is bound. Each side a
 * measure is counted on — events, orders paid in the range, their lines — is grouped by the
 * chosen dimensions on its own, then the sides are joined on the dimension values; ratios are
 * derived from their parts.
 */
import { orderValueLadder } from '@storelens/etl';
import type { ShopScope } from '@storelens/sql';
import { BadRequestError } from '../../errors.js';
import type { Shop } from '../../metadata/index.js';
import { type AnalysisFilters, activeFilters, filteredSql } from '../filters.js';
import { definitionsOf, type MetricDefinition, type MetricName } from '../metrics-catalogue.js';
import { productLabels } from '../product-labels.js';
import { cents } from '../rounding.js';
import {
  BASE_MEASURES,
  type BaseMeasure,
  DATASET_DIMENSIONS,
  DATASET_MEASURES,
  type DatasetDimension,
  type DatasetSide,
  DERIVED_MEASURES,
  MONEY_MEASURES,
  sidesOfDimension,
  sidesOfMeasure,
} from './dataset-catalogue.js';

export { DATASET_DIMENSIONS, DATASET_MEASURES, type DatasetDimension } from './dataset-catalogue.js';
export const DATASET_MAX_ROWS = 100_000;

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

const SIDES: readonly DatasetSide[] = ['events', 'orders', 'lines'];
/** Each side's CTE (not the tables' own names, which the CTEs read). */
const CTE: Record<DatasetSide, string> = { events: 'ev', orders: 'od', lines: 'li' };

/** Why a dimension with no SQL on a side cannot split that side's measures. */
const CANNOT_SPLIT: Record<DatasetSide, string> = {
  events: 'splits order measures only',
  orders: 'splits events and goods (order-line) measures only: an order holds several, and its payment is one',
  lines: 'cannot split goods (order-line) measures',
};

/**
 * Each side's rows. Orders: paid in the range (by the shop-local day of payment; a payment comes
 * within 31 days of placing the order, the conventions' bound). Lines: those orders' lines, each
 * with its order's columns.
 */
const PAID_ORDERS = `(
        SELECT *, toDate(assumeNotNull(paid_at), {tz:String}) AS pay_day
        FROM {{orders}}
        WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} - 31 AND {to:Date} AND paid_at IS NOT NULL
    )`;
const FROM: Record<DatasetSide, string> = {
  events: `{{events}}
    WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} AND {to:Date}`,
  orders: `${PAID_ORDERS} AS o
    WHERE pay_day BETWEEN {from:Date} AND {to:Date}`,
  lines: `${PAID_ORDERS} AS o
    INNER JOIN (
        SELECT order_id AS line_order_id, product_id AS line_product_id, toString(category) AS line_category,
               quantity AS line_quantity, amount AS line_amount,
               -- The order's lines together, for sharing its refund among them.
               sum(toFloat64(amount)) OVER (PARTITION BY order_id) AS order_lines_amount
        FROM {{order_items}}
        WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} - 31 AND {to:Date}
    ) AS i ON i.line_order_id = o.order_id
    WHERE pay_day BETWEEN {from:Date} AND {to:Date}`,
};

/** The order values' default ladder for the shop's currency, as the order_value dimension binds it. */
function orderValueParams(shop: Shop): { order_value_edge_cents: number[]; order_value_labels: string[] } {
  const { edgeCents, labels } = orderValueLadder(shop.currency);
  return { order_value_edge_cents: edgeCents, order_value_labels: labels };
}

/** Each product row's name beside its id: the catalogue's, else its latest order line's ('' when neither has one). */
async function nameProducts(scope: ShopScope, rows: Array<Record<string, string | number | null>>): Promise<void> {
  const labels = await productLabels(scope, [...new Set(rows.map((r) => String(r.product)).filter((id) => id !== ''))]);
  for (const r of rows) r.product_name = labels.get(String(r.product))?.name ?? '';
}

export function datasetCatalogue() {
  return {
    measures: definitionsOf(DATASET_MEASURES),
    dimensions: Object.fromEntries(Object.entries(DATASET_DIMENSIONS).map(([k, v]) => [k, v.label])),
    // Where each measure is counted and which of those sides each dimension splits: a measure can
    // be split by a dimension only when the dimension splits every side it is counted on.
    sides: {
      measures: Object.fromEntries(DATASET_MEASURES.map((m) => [m, sidesOfMeasure(m)])),
      dimensions: Object.fromEntries(Object.keys(DATASET_DIMENSIONS).map((d) => [d, sidesOfDimension(d as DatasetDimension)])),
    },
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

  // Every base measure needed, directly or as part of a ratio, grouped by the side it is counted on.
  const bases = new Set<BaseMeasure>();
  for (const m of req.measures) for (const b of DERIVED_MEASURES[m]?.parts ?? [m as BaseMeasure]) bases.add(b);
  const dims = req.dimensions as DatasetDimension[];
  const sides = SIDES.map((side) => ({ side, measures: [...bases].filter((b) => BASE_MEASURES[b].side === side) })).filter(
    (s) => s.measures.length > 0,
  );
  for (const { side, measures } of sides) {
    const unsplit = dims.filter((d) => DATASET_DIMENSIONS[d][side] === null);
    if (unsplit.length)
      throw new BadRequestError(
        `${unsplit.join(', ')} ${CANNOT_SPLIT[side]}; drop ${measures.join(', ')} (or the measures made from them) or the dimension.`,
        'dimensions',
      );
  }
  const keys = dims.map((_, i) => `d${i}`);
  const parts = sides.map(({ side, measures }) => {
    const select = [
      ...dims.map((d, i) => `toString(${DATASET_DIMENSIONS[d][side]}) AS d${i}`),
      ...measures.map((m) => `${BASE_MEASURES[m].sql} AS ${m}`),
    ].join(', ');
    return `${CTE[side]} AS (
    SELECT ${select}
    FROM ${FROM[side]}
    ${keys.length ? `GROUP BY ${keys.join(', ')}` : ''}
)`;
  });
  // Each side has a row per combination of values it saw; the table has a row per combination any
  // side saw, with zeros where a side saw none (no visitors in a category that sold, say).
  const ctes = sides.map((s) => CTE[s.side]);
  const select = keys.length
    ? `SELECT ${[...keys.map((k) => `k.${k} AS ${k}`), ...[...bases].map((m) => `${CTE[BASE_MEASURES[m].side]}.${m} AS ${m}`)].join(', ')}
FROM (${ctes.map((c) => `SELECT ${keys.join(', ')} FROM ${c}`).join(' UNION DISTINCT ')}) AS k
${ctes.map((c) => `LEFT JOIN ${c} ON ${keys.map((k) => `${c}.${k} = k.${k}`).join(' AND ')}`).join('\n')}`
    : `SELECT * FROM ${ctes.join(' CROSS JOIN ')}`;
  // Rows in the dimensions' order; value bands from the cheapest up, not as their labels sort.
  const orderBy = keys.map((k, i) => (dims[i] === 'order_value' ? `indexOf({order_value_labels:Array(String)}, ${k})` : k));
  const sql = `WITH ${parts.join(',\n')}\n${select}\nORDER BY ${keys.length ? orderBy.join(', ') : '1'}`;
  const q = filteredSql(sql, filters, shop, range.from);
  const raw = await scope.rows<Record<string, string | number | null>>(
    q.sql,
    { ...q.params, from: range.from, to: range.to, tz: shop.time_zone, ...(dims.includes('order_value') ? orderValueParams(shop) : {}) },
    { purpose: 'analysis.dataset' },
  );
  const rows = raw.map((r) => {
    const values: Record<string, number> = {};
    for (const b of bases) values[b] = Number(r[b] ?? 0);
    const out: Record<string, string | number | null> = {};
    dims.forEach((d, i) => {
      out[d] = String(r[`d${i}`] ?? '');
      if (d === 'product') out.product_name = ''; // named below, for the rows shown
    });
    for (const m of req.measures) {
      const derived = DERIVED_MEASURES[m];
      out[m] = derived ? derived.compute(values) : MONEY_MEASURES.has(m) ? cents(values[m] ?? 0) : (values[m] ?? 0);
    }
    return out;
  });
  const shown = rows.slice(0, limit);
  if (dims.includes('product')) await nameProducts(scope, shown);
  return {
    shop: shop.slug,
    from: range.from,
    to: range.to,
    filters: activeFilters(filters),
    measures: req.measures,
    dimensions: req.dimensions,
    total: rows.length,
    rows: shown,
    definitions: definitionsOf(req.measures as MetricName[]),
  };
}
