/**
 * Real-time: today so far, hour by hour, against yesterday and the same weekday last week. The
 * "so far" totals stop at the current hour on all three days, so the comparison is like for like.
 */
import type { ShopScope } from '@storelens/sql';
import type { Shop } from '../metadata/index.js';
import { type AnalysisFilters, activeFilters, filteredQuery } from './filters.js';
import { localNow } from './local-time.js';
import { definitionsOf, type MetricDefinition } from './metrics-catalogue.js';
import { cents } from './rounding.js';

export interface RealtimeDay {
  day: string;
  label: 'today' | 'yesterday' | 'last_week';
  hourly: Array<{ hour: number; uv: number; pv: number; paid_orders: number; paying_buyers: number; gmv: number } | null>;
  soFar: { uv: number; pv: number; paid_orders: number; paying_buyers: number; gmv: number };
}

export interface RealtimeResult {
  shop: string;
  filters: AnalysisFilters;
  timeZone: string;
  now: string;
  hour: number;
  days: RealtimeDay[];
  definitions: Record<string, MetricDefinition>;
}

type Figures = RealtimeDay['soFar'];
type RealtimeRow = { day: string; hour: number } & { [K in keyof Figures]: number | null };

/** realtime.sql marks each day's "so far" row with this hour, which no clock shows. */
const SO_FAR_HOUR = 255;

/** A row's figures; a missing row or column (no activity, from a LEFT JOIN) is zero. */
function figures(r: RealtimeRow | undefined): Figures {
  return {
    uv: r?.uv ?? 0,
    pv: r?.pv ?? 0,
    paid_orders: r?.paid_orders ?? 0,
    paying_buyers: r?.paying_buyers ?? 0,
    gmv: cents(r?.gmv ?? 0),
  };
}

export async function realtime(
  scope: ShopScope,
  shop: Shop,
  at: Date = new Date(),
  filters: AnalysisFilters = {},
): Promise<RealtimeResult> {
  const { today, hour } = localNow(shop.time_zone, at);
  // New vs returning is judged before the earliest day shown (the same weekday last week).
  const weekBefore = new Date(Date.parse(`${today}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);
  const q = filteredQuery('realtime', filters, shop, weekBefore);
  const rows = await scope.rows<RealtimeRow>(q.sql, { ...q.params, today, tz: shop.time_zone, hour }, { purpose: 'analysis.realtime' });
  const shift = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
  const labels: Array<[string, RealtimeDay['label']]> = [
    [today, 'today'],
    [shift(1), 'yesterday'],
    [shift(7), 'last_week'],
  ];
  const days = labels.map(([day, label]): RealtimeDay => {
    const mine = rows.filter((r) => r.day === day);
    return {
      day,
      label,
      // Hours after the current one have not happened yet today: empty, not zero.
      hourly: Array.from({ length: 24 }, (_, h) =>
        label === 'today' && h > hour ? null : { hour: h, ...figures(mine.find((x) => x.hour === h)) },
      ),
      soFar: figures(mine.find((r) => r.hour === SO_FAR_HOUR)),
    };
  });
  return {
    shop: shop.slug,
    timeZone: shop.time_zone,
    now: at.toISOString(),
    hour,
    filters: activeFilters(filters),
    days,
    definitions: definitionsOf(['uv', 'pv', 'paid_orders', 'paying_buyers', 'gmv']),
  };
}
