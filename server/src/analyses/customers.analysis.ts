/**
 * Customers: RFM scores and named segments as of a day, and the monthly lifecycle (new,
 * returning, resurrecting, dormant). Known customers only: guests have no identity to score.
 */
import type { ShopScope } from '@storelens/sql';
import { loadQueryText } from '@storelens/sql';
import type { Shop } from '../metadata/index.js';
import { type AnalysisFilters, activeFilters, filteredQuery, filteredSql } from './filters.js';
import { definitionsOf, type MetricDefinition } from './metrics-catalogue.js';
import { cents, ratio } from './rounding.js';

/**
 * Segments from the recency (R) and frequency (F) scores, first match wins. The rules are the
 * usual RFM grid; they are data so the docs and the dashboard can show them.
 */
export const RFM_SEGMENTS: ReadonlyArray<{ segment: string; r: [number, number]; f: [number, number]; meaning: string }> = [
  { segment: 'champions', r: [4, 5], f: [4, 5], meaning: 'bought recently and often' },
  { segment: 'loyal', r: [3, 5], f: [3, 5], meaning: 'buy often, fairly recently' },
  { segment: 'new', r: [5, 5], f: [1, 1], meaning: 'first order very recently' },
  { segment: 'potential', r: [3, 5], f: [1, 2], meaning: 'recent, few orders yet' },
  { segment: 'cant_lose', r: [1, 1], f: [4, 5], meaning: 'used to buy often, long gone' },
  { segment: 'at_risk', r: [1, 2], f: [3, 5], meaning: 'bought often, not lately' },
  { segment: 'need_attention', r: [2, 2], f: [2, 2], meaning: 'middling recency and frequency' },
  { segment: 'hibernating', r: [2, 2], f: [1, 2], meaning: 'few orders, a while ago' },
  { segment: 'lost', r: [1, 1], f: [1, 2], meaning: 'few orders, long ago' },
];

/** The segment grid's final SELECT over the scored customers: one row per (r, f, m) combination. */
const RFM_GRID = `
SELECT r, f, m, count() AS customers, sum(orders) AS orders, toFloat64(sum(spend_exact)) AS spend, sum(recency_days) AS recency_days_sum
FROM scored
GROUP BY r, f, m
ORDER BY r, f, m`;

/** The (R, F) score pairs that make up a segment (every pair belongs to exactly one). */
export function segmentCells(segment: string): Array<[number, number]> {
  const cells: Array<[number, number]> = [];
  for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) if (segmentOf(r, f) === segment) cells.push([r, f]);
  return cells;
}

export function segmentOf(r: number, f: number): string {
  const hit = RFM_SEGMENTS.find((s) => r >= s.r[0] && r <= s.r[1] && f >= s.f[0] && f <= s.f[1]);
  return hit?.segment ?? 'other';
}

export interface RfmSegment {
  segment: string;
  meaning: string;
  customers: number;
  share: number | null;
  orders: number;
  spend: number;
  avg_recency_days: number | null;
  avg_spend: number | null;
}

export interface CustomersResult {
  shop: string;
  filters: AnalysisFilters;
  at: string;
  from: string;
  to: string;
  customers: number;
  segments: RfmSegment[];
  /** Customers per (R, F) score: grid[r-1][f-1]. */
  grid: number[][];
  lifecycle: Array<{ period: string; new: number; returning: number; resurrecting: number; dormant: number }>;
  definitions: Record<string, MetricDefinition>;
}

export async function customers(
  scope: ShopScope,
  shop: Shop,
  range: { from: string; to: string },
  filters: AnalysisFilters = {},
): Promise<CustomersResult> {
  const params = { at: range.to, from: range.from, to: range.to, tz: shop.time_zone };
  const rfm = filteredSql(`${loadQueryText('customers-rfm-scored')}${RFM_GRID}`, filters, shop, range.from);
  const lifecycle = filteredQuery('customers-lifecycle', filters, shop, range.from);
  const cells = await scope.rows<{
    r: number;
    f: number;
    m: number;
    customers: number;
    orders: number;
    spend: number;
    recency_days_sum: number;
  }>(rfm.sql, { ...rfm.params, ...params }, { purpose: 'analysis.customers.rfm' });
  const total = cells.reduce((a, c) => a + Number(c.customers), 0);
  const grid = Array.from({ length: 5 }, () => Array.from({ length: 5 }, () => 0));
  const bySegment = new Map<string, { customers: number; orders: number; spend: number; recency: number }>();
  for (const c of cells) {
    const row = grid[Number(c.r) - 1];
    if (row) row[Number(c.f) - 1] = (row[Number(c.f) - 1] ?? 0) + Number(c.customers);
    const key = segmentOf(Number(c.r), Number(c.f));
    const s = bySegment.get(key) ?? { customers: 0, orders: 0, spend: 0, recency: 0 };
    s.customers += Number(c.customers);
    s.orders += Number(c.orders);
    s.spend += Number(c.spend);
    s.recency += Number(c.recency_days_sum);
    bySegment.set(key, s);
  }
  const segments = RFM_SEGMENTS.map(({ segment, meaning }): RfmSegment => {
    const s = bySegment.get(segment) ?? { customers: 0, orders: 0, spend: 0, recency: 0 };
    return {
      segment,
      meaning,
      customers: s.customers,
      share: ratio(s.customers, total),
      orders: s.orders,
      spend: cents(s.spend),
      avg_recency_days: s.customers > 0 ? Math.round((s.recency / s.customers) * 10) / 10 : null,
      avg_spend: s.customers > 0 ? cents(s.spend / s.customers) : null,
    };
  });

  const life = await scope.rows<{ period: string; status: string; customers: number }>(
    lifecycle.sql,
    { ...lifecycle.params, ...params },
    {
      purpose: 'analysis.customers.lifecycle',
    },
  );
  const periods = new Map<string, CustomersResult['lifecycle'][number]>();
  for (
    let m = new Date(`${range.from.slice(0, 7)}-01T00:00:00Z`);
    m.toISOString().slice(0, 7) <= range.to.slice(0, 7);
    m.setUTCMonth(m.getUTCMonth() + 1)
  ) {
    const period = m.toISOString().slice(0, 10);
    periods.set(period, { period, new: 0, returning: 0, resurrecting: 0, dormant: 0 });
  }
  for (const l of life) {
    const p = periods.get(l.period);
    if (p && (l.status === 'new' || l.status === 'returning' || l.status === 'resurrecting' || l.status === 'dormant'))
      p[l.status] = Number(l.customers);
  }

  return {
    shop: shop.slug,
    filters: activeFilters(filters),
    at: range.to,
    from: range.from,
    to: range.to,
    customers: total,
    segments,
    grid,
    lifecycle: [...periods.values()],
    definitions: definitionsOf([
      'rfm_scores',
      'rfm_segment',
      'segment_customers',
      'segment_share',
      'segment_orders',
      'segment_spend',
      'segment_avg_recency_days',
      'segment_avg_spend',
      'lifecycle',
    ]),
  };
}
