/**
 * Repurchase: how many first-time buyers come back, how soon, and which first orders (channel, live room,
 * category, product, value band) bring customers who order a second time. Known customers only: a guest
 * checkout cannot be followed to a next order.
 */
import { orderValueLadder } from '@storelens/etl';
import type { ShopScope } from '@storelens/sql';
import type { Shop } from '../metadata/index.js';
import { type AnalysisFilters, activeFilters, filteredQuery } from './filters.js';
import { medianOf } from './median.js';
import { definitionsOf, type MetricDefinition } from './metrics-catalogue.js';
import { productLabels } from './product-labels.js';
import { ratio } from './rounding.js';

export const REPURCHASE_WINDOWS = [30, 60, 90, 180] as const;

/** Interval histogram buckets: [label, lowest gap, highest gap] in days. */
const INTERVAL_BUCKETS: Array<[string, number, number]> = [
  ['same day', 0, 0],
  ['1-7', 1, 7],
  ['8-14', 8, 14],
  ['15-30', 15, 30],
  ['31-60', 31, 60],
  ['61-90', 61, 90],
  ['91-180', 91, 180],
  ['181+', 181, Number.POSITIVE_INFINITY],
];

export interface RepurchaseCohort {
  /** First day of the month of first purchase. */
  cohort: string;
  customers: number;
  /** Per window in days: customers whose window is fully observed, those who bought again in it, and the rate. */
  windows: Record<string, { eligible: number; repurchased: number; rate: number | null }>;
}

export interface SecondOrderRow {
  value: string;
  /** By first product only: the product's name (catalogue, else its latest order line; '' if none). */
  name?: string;
  first_buyers: number;
  second_buyers: number;
  second_order_rate: number | null;
}

export interface RepurchaseResult {
  shop: string;
  filters: AnalysisFilters;
  from: string;
  to: string;
  cohorts: RepurchaseCohort[];
  intervals: { histogram: Array<{ bucket: string; gaps: number }>; gaps: number; median_days: number | null };
  /**
   * By the first order's channel, its live room ('' when not from one), each category or product
   * on it, whether it was refunded ('refunded' / 'kept') or bought at a discount ('discounted' /
   * 'full_price'), or the band of its amount paid (the order values' default ladder, cheapest
   * first, every band listed).
   */
  secondOrder: {
    channel: SecondOrderRow[];
    live_room: SecondOrderRow[];
    category: SecondOrderRow[];
    product: SecondOrderRow[];
    refund: SecondOrderRow[];
    discount: SecondOrderRow[];
    value: SecondOrderRow[];
  };
  definitions: Record<string, MetricDefinition>;
}

export async function repurchase(
  scope: ShopScope,
  shop: Shop,
  range: { from: string; to: string },
  productLimit = 50,
  filters: AnalysisFilters = {},
): Promise<RepurchaseResult> {
  const q = filteredQuery('repurchase', filters, shop, range.from);
  const { edgeCents, labels: bands } = orderValueLadder(shop.currency);
  const rows = await scope.rows<{
    section: string;
    value: string;
    window_days: number;
    customers: number;
    eligible: number;
    repurchased: number;
  }>(
    q.sql,
    {
      ...q.params,
      from: range.from,
      to: range.to,
      tz: shop.time_zone,
      windows: [...REPURCHASE_WINDOWS],
      edge_cents: edgeCents,
    },
    { purpose: 'analysis.repurchase' },
  );
  const of = (section: string) => rows.filter((r) => r.section === section);

  const cohorts = new Map<string, RepurchaseCohort>();
  for (const r of of('cohort')) {
    const c = cohorts.get(r.value) ?? { cohort: r.value, customers: Number(r.customers), windows: {} };
    c.windows[String(r.window_days)] = {
      eligible: Number(r.eligible),
      repurchased: Number(r.repurchased),
      rate: ratio(Number(r.repurchased), Number(r.eligible)),
    };
    cohorts.set(r.value, c);
  }

  const gaps: Array<[number, number]> = of('interval').map((r) => [Number(r.value), Number(r.customers)]);
  const histogram = INTERVAL_BUCKETS.map(([bucket, lo, hi]) => ({
    bucket,
    gaps: gaps.filter(([g]) => g >= lo && g <= hi).reduce((a, [, c]) => a + c, 0),
  }));

  const second = (section: string, limit = Number.POSITIVE_INFINITY): SecondOrderRow[] =>
    of(section)
      .map((r) => ({
        value: r.value,
        first_buyers: Number(r.customers),
        second_buyers: Number(r.repurchased),
        second_order_rate: ratio(Number(r.repurchased), Number(r.customers)),
      }))
      .sort((a, b) => b.first_buyers - a.first_buyers || a.value.localeCompare(b.value))
      .slice(0, limit);

  const products = second('product', productLimit);
  // Named after the top rows are picked: one small read for at most productLimit ids.
  const labels = await productLabels(
    scope,
    products.map((r) => r.value),
  );
  return {
    shop: shop.slug,
    filters: activeFilters(filters),
    from: range.from,
    to: range.to,
    cohorts: [...cohorts.values()].sort((a, b) => a.cohort.localeCompare(b.cohort)),
    intervals: { histogram, gaps: gaps.reduce((a, [, c]) => a + c, 0), median_days: medianOf(gaps) },
    secondOrder: {
      channel: second('channel'),
      // Which live rooms win buyers who come back ('': first orders not from a live room).
      live_room: second('live_room'),
      category: second('category'),
      product: products.map(({ value, ...counts }) => ({ value, name: labels.get(value)?.name ?? '', ...counts })),
      // Does a first order that came back cost the second one?
      refund: second('refund'),
      // Do buyers first won with a discount come back as often as those who paid full price?
      discount: second('discount'),
      // Do buyers whose first order was small come back as often as big spenders? The ladder in order.
      value: bands.map((band, i) => {
        const found = second('value').find((r) => r.value === String(i));
        return {
          value: band,
          first_buyers: found?.first_buyers ?? 0,
          second_buyers: found?.second_buyers ?? 0,
          second_order_rate: found?.second_order_rate ?? null,
        };
      }),
    },
    definitions: definitionsOf([
      'first_purchase_customers',
      'repurchase_eligible',
      'repurchase_repurchased',
      'repurchase_window_rate',
      'purchase_gaps',
      'purchase_interval',
      'first_buyers',
      'second_buyers',
      'second_order_rate',
    ]),
  };
}
