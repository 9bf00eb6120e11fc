/**
 * Real-time: today so far, hour by hour, against yesterday and the same weekday last week. The
 * "so far" totals stop at the current hour on all three days, so the comparison is like for like.
 * Beside them, what today so far is made of: channels and live rooms (against yesterday up to the
 * same hour) and the top products by payment amount, by visitors and by cart adds
 * (realtime-breakdown.sql).
 */
import type { ShopScope } from '@storelens/sql';
import type { Shop } from '../metadata/index.js';
import { type AnalysisFilters, activeFilters, filteredQuery } from './filters.js';
import { localNow } from './local-time.js';
import { definitionsOf, type MetricDefinition } from './metrics-catalogue.js';
import { productLabels } from './product-labels.js';
import { cents } from './rounding.js';

export interface RealtimeDay {
  day: string;
  label: 'today' | 'yesterday' | 'last_week';
  hourly: Array<{ hour: number; uv: number; pv: number; paid_orders: number; paying_buyers: number; gmv: number } | null>;
  soFar: { uv: number; pv: number; paid_orders: number; paying_buyers: number; gmv: number };
}

/** A group's figures today so far, and yesterday up to the same hour. */
interface TodayAndYesterday {
  visitors: number;
  paid_orders: number;
  gmv: number;
  yesterday_visitors: number;
  yesterday_paid_orders: number;
  yesterday_gmv: number;
}

/** A live room today so far (the visits through it, the orders placed in it), and yesterday up to the same hour. */
export type RealtimeLiveRoom = { live_room: string } & TodayAndYesterday;

/** A channel today so far, and yesterday up to the same hour. */
export type RealtimeChannel = { channel: string } & TodayAndYesterday;

/** A product today so far: its visitors and views, its cart adds, and the sales of orders paid today. */
export interface RealtimeProduct {
  product_id: string;
  name: string;
  category: string;
  visitors: number;
  views: number;
  cart_adds: number;
  cart_visitors: number;
  paid_orders: number;
  units: number;
  gmv: number;
}

/** How many of today's products each ranking lists. */
export const REALTIME_TOP_PRODUCTS = 10;

export interface RealtimeResult {
  shop: string;
  filters: AnalysisFilters;
  timeZone: string;
  now: string;
  hour: number;
  days: RealtimeDay[];
  /** Today's channels, most visitors first (then most payment). */
  channels: RealtimeChannel[];
  /** Today's live rooms (直播间实时), listed as channels are; none for a shop without live rooms. */
  liveRooms: RealtimeLiveRoom[];
  /** Today's top products by payment amount (line amounts of orders paid so far); ties by id. */
  products: RealtimeProduct[];
  /** Today's top products by visitors (product views); ties by payment amount, then id. */
  productsByVisitors: RealtimeProduct[];
  /**
   * Today's top products by cart adds (add_to_cart events) — during a live stream or a promotion,
   * what is being carted before it is paid; ties by cart-adding visitors, then payment amount, then id.
   */
  productsByCartAdds: RealtimeProduct[];
  definitions: Record<string, MetricDefinition>;
}

type BreakdownRow = {
  kind: 'channel' | 'live_room' | 'product';
  key: string;
  day: string;
  visitors: number;
  views: number;
  paid_orders: number;
  gmv: number;
  units: number;
  cart_adds: number;
  cart_visitors: number;
};

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
  const b = filteredQuery('realtime-breakdown', filters, shop, weekBefore);
  const [rows, breakdown] = await Promise.all([
    scope.rows<RealtimeRow>(q.sql, { ...q.params, today, tz: shop.time_zone, hour }, { purpose: 'analysis.realtime' }),
    scope.rows<BreakdownRow>(b.sql, { ...b.params, today, tz: shop.time_zone, hour }, { purpose: 'analysis.realtime.breakdown' }),
  ]);
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
    channels: groupsOf(breakdown, 'channel', today).map(({ key, ...f }) => ({ channel: key, ...f })),
    liveRooms: groupsOf(breakdown, 'live_room', today).map(({ key, ...f }) => ({ live_room: key, ...f })),
    ...(await productsOf(scope, breakdown)),
    definitions: definitionsOf([
      'uv',
      'pv',
      'paid_orders',
      'paying_buyers',
      'gmv',
      'channel_visitors',
      'last_touch_orders',
      'last_touch_gmv',
      'product_visitors',
      'product_views',
      'product_cart_adds',
      'product_cart_visitors',
      'product_paid_orders',
      'product_units',
      'product_gmv',
    ]),
  };
}

/** Each channel's or live room's figures today so far and yesterday up to the same hour. */
function groupsOf(rows: BreakdownRow[], kind: 'channel' | 'live_room', today: string): Array<{ key: string } & TodayAndYesterday> {
  const groups = new Map<string, { key: string } & TodayAndYesterday>();
  for (const r of rows) {
    if (r.kind !== kind) continue;
    const c = groups.get(r.key) ?? {
      key: r.key,
      visitors: 0,
      paid_orders: 0,
      gmv: 0,
      yesterday_visitors: 0,
      yesterday_paid_orders: 0,
      yesterday_gmv: 0,
    };
    const visitors = Number(r.visitors);
    const orders = Number(r.paid_orders);
    if (r.day === today) Object.assign(c, { visitors, paid_orders: orders, gmv: cents(Number(r.gmv)) });
    else Object.assign(c, { yesterday_visitors: visitors, yesterday_paid_orders: orders, yesterday_gmv: cents(Number(r.gmv)) });
    groups.set(r.key, c);
  }
  // Those seen only yesterday stay listed (with zeros today): a source that went quiet shows.
  return [...groups.values()].sort((a, b) => b.visitors - a.visitors || b.gmv - a.gmv || (a.key < b.key ? -1 : 1));
}

/** Today's products ranked three ways, each the top REALTIME_TOP_PRODUCTS, named once for all. */
async function productsOf(
  scope: ShopScope,
  rows: BreakdownRow[],
): Promise<Pick<RealtimeResult, 'products' | 'productsByVisitors' | 'productsByCartAdds'>> {
  const all = rows
    .filter((r) => r.kind === 'product')
    .map((r) => ({
      product_id: r.key,
      visitors: Number(r.visitors),
      views: Number(r.views),
      cart_adds: Number(r.cart_adds),
      cart_visitors: Number(r.cart_visitors),
      paid_orders: Number(r.paid_orders),
      units: Number(r.units),
      gmv: cents(Number(r.gmv)),
    }));
  const byId = (a: { product_id: string }, b: { product_id: string }) => (a.product_id < b.product_id ? -1 : 1);
  const bySales = all
    .filter((p) => p.paid_orders > 0)
    .sort((a, b) => b.gmv - a.gmv || byId(a, b))
    .slice(0, REALTIME_TOP_PRODUCTS);
  const byVisitors = all
    .filter((p) => p.visitors > 0)
    .sort((a, b) => b.visitors - a.visitors || b.gmv - a.gmv || byId(a, b))
    .slice(0, REALTIME_TOP_PRODUCTS);
  const byCartAdds = all
    .filter((p) => p.cart_adds > 0)
    .sort((a, b) => b.cart_adds - a.cart_adds || b.cart_visitors - a.cart_visitors || b.gmv - a.gmv || byId(a, b))
    .slice(0, REALTIME_TOP_PRODUCTS);
  const labels = await productLabels(
    scope,
    [...bySales, ...byVisitors, ...byCartAdds].map((p) => p.product_id),
  );
  const named = (p: (typeof all)[number]): RealtimeProduct => ({
    product_id: p.product_id,
    name: labels.get(p.product_id)?.name ?? '',
    category: labels.get(p.product_id)?.category ?? '',
    visitors: p.visitors,
    views: p.views,
    cart_adds: p.cart_adds,
    cart_visitors: p.cart_visitors,
    paid_orders: p.paid_orders,
    units: p.units,
    gmv: p.gmv,
  });
  return { products: bySales.map(named), productsByVisitors: byVisitors.map(named), productsByCartAdds: byCartAdds.map(named) };
}
