/**
 * Order values (客单价分布): what the period's paid orders were worth — per band of the amount paid
 * (orders, payment amount and their shares, buyers, amount and units per order, coupon use,
 * refunds), per number of units on the order (连带: how often buyers take more than one), the
 * median order, and, for a 满减 threshold being considered, how many orders reach it already and how
 * many fall just short (sql/queries/order-values.sql). Every band is listed, cheapest first, so the
 * ladder reads the same from period to period; the bands add up to the overview's paid orders and
 * payment amount.
 */
import { bandLabels, orderValueEdges } from '@storelens/etl';
import { loadQueryText, type ShopScope } from '@storelens/sql';
import { BadRequestError } from '../errors.js';
import type { Shop } from '../metadata/index.js';
import { type AnalysisFilters, activeFilters, filteredSql } from './filters.js';
import { definitionsOf, type MetricDefinition } from './metrics-catalogue.js';
import { cents, ratio } from './rounding.js';

/** At most this many edges (thirteen bands): more is a histogram, not a ladder a merchant reads. */
export const ORDER_VALUE_EDGES_MAX = 12;
/** At most this many thresholds weighed at once: the tiers of a tiered 满减 (满199减20, 满299减40 …). */
export const ORDER_VALUE_THRESHOLDS_MAX = 5;

/** The figures of a band, a units group and the whole period alike. */
interface OrderFigures {
  orders: number;
  order_share: number | null;
  gmv: number;
  gmv_share: number | null;
  buyers: number;
  /** Payment amount / paid orders (笔单价); null without orders. */
  mean_order_value: number | null;
  /** Units on the lines / orders with lines (连带率); null when no order has lines. */
  units_per_order: number | null;
  discounted_share: number | null;
  refunded_rate: number | null;
}

export interface OrderValueBand extends OrderFigures {
  /** "<50", "50-100", …, "1000+" in the shop currency. */
  band: string;
  /** The band's lower edge (0 for the first) and upper edge (null for the last); a band holds its lower edge. */
  min_amount: number;
  max_amount: number | null;
}

export interface OrderUnitsRow extends OrderFigures {
  /** "1" … "4", "5+", or "none" for orders imported without lines. */
  units: string;
}

export interface OrderChannelRow extends OrderFigures {
  /** The order's channel code (search, live_stream, …). */
  channel: string;
}

export interface OrderValueThreshold {
  /** The threshold, compared with each order's goods amount (lines before the order-level discount, no shipping). */
  amount: number;
  reached_orders: number;
  reached_share: number | null;
  reached_gmv: number;
  /** Goods amount at least 4/5 of the threshold but under it. */
  near_orders: number;
  near_share: number | null;
  near_gmv: number;
  /** What the orders just short were short of it, in all and per order. */
  gap: number;
  gap_per_order: number | null;
}

export interface OrderValuesResult {
  shop: string;
  from: string;
  to: string;
  filters: AnalysisFilters;
  currency: string;
  /** The band edges used: the request's, else the currency's default ladder. */
  edges: number[];
  /**
   * Spend per buyer (the overview's AOV) = orders per buyer × amount per order; over the orders
   * with lines, amount per order = units per order × amount per unit.
   */
  totals: OrderFigures & {
    median_order_value: number | null;
    multi_unit_share: number | null;
    spend_per_buyer: number | null;
    orders_per_buyer: number | null;
    amount_per_unit: number | null;
  };
  bands: OrderValueBand[];
  units: OrderUnitsRow[];
  /** Per the order's channel, most orders first: which channels bring big baskets, and how many units. */
  byChannel: OrderChannelRow[];
  /** One per threshold asked, smallest first (none asked: empty). */
  thresholds: OrderValueThreshold[];
  definitions: Record<string, MetricDefinition>;
}

type Counts = Record<
  | 'orders'
  | 'gmv_cents'
  | 'buyers'
  | 'units'
  | 'orders_with_lines'
  | 'multi_unit_orders'
  | 'discounted_orders'
  | 'refunded_orders'
  | 'median_cents'
  | 'near_orders'
  | 'near_cents'
  | 'gap_cents'
  | 'lines_cents',
  unknown
> & { section: 'band' | 'units' | 'channel' | 'total' | 'threshold'; key: string };

const toCents = (amount: number): number => Math.round(amount * 100);
/** An amount a request may give: above 0, to the cent at most, up to a billion. */
const isAmount = (x: number): boolean => Number.isFinite(x) && x > 0 && x <= 1e9 && Math.abs(x * 100 - toCents(x)) < 1e-6;

/**
 * Amounts as asked — band edges or thresholds: above 0, to the cent, from the smallest up, each
 * once, at most `max` — else a 400 naming the parameter and showing how to ask.
 */
function checkedAmounts(amounts: readonly number[], name: 'edges' | 'threshold', max: number, example: string): number[] {
  const problem =
    amounts.length === 0 || amounts.length > max
      ? `give 1 to ${max} amounts`
      : amounts.some((e) => !isAmount(e))
        ? 'each an amount above 0, to the cent at most, up to 1,000,000,000'
        : amounts.some((e, i) => i > 0 && e <= (amounts[i - 1] as number))
          ? 'list them from the smallest up, each once'
          : null;
  if (problem) throw new BadRequestError(`${name}: ${problem} (e.g. ${example})`, name);
  return [...amounts];
}

/**
 * The amounts of a comma-separated list as a request or a flag gives them ("99, 199"); an empty
 * item is NaN, refused as not an amount (Number('') would be 0), as is any other text.
 */
export const amountsOf = (list: string): number[] => list.split(',').map((e) => (e.trim() === '' ? Number.NaN : Number(e)));

/** Band edges as asked (at most twelve). */
export const checkedEdges = (edges: readonly number[]): number[] =>
  checkedAmounts(edges, 'edges', ORDER_VALUE_EDGES_MAX, 'edges=99,199,299 for the bands under 99, 99-199, 199-299 and 299+');

/** Thresholds as asked (at most five: the tiers of one promotion). */
export const checkedThresholds = (thresholds: readonly number[]): number[] =>
  checkedAmounts(
    thresholds,
    'threshold',
    ORDER_VALUE_THRESHOLDS_MAX,
    'threshold=199, or threshold=199,299,399 for the tiers of one promotion',
  );

export async function orderValues(
  scope: ShopScope,
  shop: Shop,
  range: { from: string; to: string },
  options: { edges?: readonly number[]; thresholds?: readonly number[] } = {},
  filters: AnalysisFilters = {},
): Promise<OrderValuesResult> {
  const edges = options.edges ? checkedEdges(options.edges) : orderValueEdges(shop.currency);
  const thresholds = options.thresholds ? checkedThresholds(options.thresholds) : [];
  const q = filteredSql(loadQueryText('order-values'), filters, shop, range.from);
  const found = await scope.rows<Counts>(
    q.sql,
    {
      ...q.params,
      from: range.from,
      to: range.to,
      tz: shop.time_zone,
      edge_cents: edges.map(toCents),
      threshold_cents: thresholds.map(toCents),
    },
    { purpose: 'analysis.order-values' },
  );
  const n = (r: Counts | undefined, k: keyof Counts) => Number(r?.[k] ?? 0);
  const total = found.find((r) => r.section === 'total');
  const allOrders = n(total, 'orders');
  const allCents = n(total, 'gmv_cents');
  const figures = (r: Counts | undefined): OrderFigures => ({
    orders: n(r, 'orders'),
    order_share: ratio(n(r, 'orders'), allOrders),
    gmv: n(r, 'gmv_cents') / 100,
    gmv_share: ratio(n(r, 'gmv_cents'), allCents),
    buyers: n(r, 'buyers'),
    mean_order_value: n(r, 'orders') > 0 ? cents(n(r, 'gmv_cents') / 100 / n(r, 'orders')) : null,
    units_per_order: ratio(n(r, 'units'), n(r, 'orders_with_lines')),
    discounted_share: ratio(n(r, 'discounted_orders'), n(r, 'orders')),
    refunded_rate: ratio(n(r, 'refunded_orders'), n(r, 'orders')),
  });
  const inSection = (section: Counts['section']) => new Map(found.filter((r) => r.section === section).map((r) => [r.key, r]));
  const bandRows = inSection('band');
  const labels = bandLabels(edges);
  const bands = labels.map(
    (band, i): OrderValueBand => ({
      band,
      min_amount: i === 0 ? 0 : (edges[i - 1] as number),
      max_amount: edges[i] ?? null,
      ...figures(bandRows.get(String(i))),
    }),
  );
  const unitRows = inSection('units');
  // 1-4 and 5+ always (a ladder like the bands'); "none" only when some order came without lines.
  const unitKeys = [1, 2, 3, 4, 5, ...(unitRows.has('0') ? [0] : [])];
  const units = unitKeys.map(
    (k): OrderUnitsRow => ({ units: k === 0 ? 'none' : k === 5 ? '5+' : String(k), ...figures(unitRows.get(String(k))) }),
  );
  const byChannel = found
    .filter((r) => r.section === 'channel')
    .map((r): OrderChannelRow => ({ channel: r.key, ...figures(r) }))
    .sort((a, b) => b.orders - a.orders || a.channel.localeCompare(b.channel));
  const weighed = inSection('threshold');
  return {
    shop: shop.slug,
    from: range.from,
    to: range.to,
    filters: activeFilters(filters),
    currency: shop.currency,
    edges,
    totals: {
      ...figures(total),
      median_order_value: allOrders > 0 ? cents(n(total, 'median_cents') / 100) : null,
      multi_unit_share: ratio(n(total, 'multi_unit_orders'), n(total, 'orders_with_lines')),
      spend_per_buyer: n(total, 'buyers') > 0 ? cents(allCents / 100 / n(total, 'buyers')) : null,
      orders_per_buyer: ratio(allOrders, n(total, 'buyers')),
      amount_per_unit: n(total, 'units') > 0 ? cents(n(total, 'lines_cents') / 100 / n(total, 'units')) : null,
    },
    bands,
    units,
    byChannel,
    // A period without orders has no rows to weigh: each threshold asked is then all zeros.
    thresholds: thresholds.map((amount): OrderValueThreshold => {
      const t = weighed.get(String(toCents(amount)));
      return {
        amount,
        reached_orders: n(t, 'orders'),
        reached_share: ratio(n(t, 'orders'), allOrders),
        reached_gmv: n(t, 'gmv_cents') / 100,
        near_orders: n(t, 'near_orders'),
        near_share: ratio(n(t, 'near_orders'), allOrders),
        near_gmv: n(t, 'near_cents') / 100,
        gap: n(t, 'gap_cents') / 100,
        gap_per_order: n(t, 'near_orders') > 0 ? cents(n(t, 'gap_cents') / 100 / n(t, 'near_orders')) : null,
      };
    }),
    definitions: definitionsOf([
      'order_value_band',
      'ov_orders',
      'ov_order_share',
      'ov_gmv',
      'ov_gmv_share',
      'ov_buyers',
      'amount_per_order',
      'ov_median_order_value',
      'ov_units_per_order',
      'ov_multi_unit_share',
      'ov_discounted_share',
      'ov_refunded_rate',
      'ov_units_group',
      'order_channel',
      'aov',
      'ov_orders_per_buyer',
      'ov_amount_per_unit',
      ...(thresholds.length === 0 ? [] : (['ov_threshold', 'ov_threshold_reached', 'ov_threshold_near', 'ov_threshold_gap'] as const)),
    ]),
  };
}
