/**
 * Which tables each analysis result exports, the first being the default: the daily rows of an
 * overview, the channel rows of traffic, a cohort matrix in long form (one row per cohort and
 * period), and so on. `?table=` picks another.
 */
import { findingRows, type ProductDiagnosisResult } from '../analyses/product-diagnosis.analysis.js';
import { BadRequestError } from '../errors.js';
import type { Shop } from '../metadata/index.js';
import { type ExportTable, tableOf } from './table.js';

type AnyResult = Record<string, unknown>;
type Rows = Array<Record<string, unknown>>;
const arr = (x: unknown): Rows => (Array.isArray(x) ? (x as Rows) : []);

const EXTRACTORS: Record<string, Record<string, (r: AnyResult) => Rows>> = {
  overview: {
    daily: (r) => arr(r.daily),
    totals: (r) => [{ from: r.from, to: r.to, ...(r.totals as object) }],
  },
  traffic: { rows: (r) => arr(r.rows) },
  dataset: { rows: (r) => arr(r.rows) },
  realtime: {
    hourly: (r) =>
      arr(r.days).flatMap((d) =>
        arr(d.hourly)
          .map((h, hour) => ({ day: d.day, label: d.label, hour, ...(h ?? {}) }))
          .filter((h) => 'uv' in h),
      ),
    so_far: (r) => arr(r.days).map((d) => ({ day: d.day, label: d.label, ...(d.soFar as object) })),
    channels: (r) => arr(r.channels),
    live_rooms: (r) => arr(r.liveRooms),
    products: (r) => arr(r.products),
    products_by_visitors: (r) => arr(r.productsByVisitors),
    products_by_cart_adds: (r) => arr(r.productsByCartAdds),
  },
  products: { rows: (r) => arr(r.rows) },
  price_bands: { bands: (r) => arr(r.rows) },
  categories: { categories: (r) => arr(r.rows) },
  order_values: {
    bands: (r) => arr(r.bands),
    units: (r) => arr(r.units),
    by_channel: (r) => arr(r.byChannel),
    totals: (r) => [{ from: r.from, to: r.to, ...(r.totals as object) }],
    thresholds: (r) => arr(r.thresholds),
  },
  refunds: {
    daily: (r) => arr(r.daily).map((d) => ({ ...d, provisional: d.provisional ? 'yes' : 'no' })),
    by_channel: (r) => arr(r.byChannel),
    by_live_room: (r) => arr(r.byLiveRoom),
    by_category: (r) => arr(r.byCategory),
    by_product: (r) => arr(r.byProduct),
    by_reason: (r) => arr(r.byReason),
    by_reason_day: (r) => arr(r.reasonsDaily),
    days_to_refund: (r) => arr((r.daysToRefund as AnyResult | undefined)?.histogram),
  },
  product: { trend: (r) => arr(r.trend), bought_together: (r) => arr(r.boughtTogether) },
  repurchase: {
    cohorts: (r) =>
      arr(r.cohorts).flatMap((c) =>
        Object.entries(c.windows as Record<string, object>).map(([w, v]) => ({
          cohort: c.cohort,
          customers: c.customers,
          window_days: Number(w),
          ...v,
        })),
      ),
    intervals: (r) => arr((r.intervals as AnyResult)?.histogram),
    second_order_channel: (r) => arr((r.secondOrder as AnyResult)?.channel),
    second_order_live_room: (r) => arr((r.secondOrder as AnyResult)?.live_room),
    second_order_category: (r) => arr((r.secondOrder as AnyResult)?.category),
    second_order_product: (r) => arr((r.secondOrder as AnyResult)?.product),
    second_order_refund: (r) => arr((r.secondOrder as AnyResult)?.refund),
    second_order_discount: (r) => arr((r.secondOrder as AnyResult)?.discount),
    second_order_value: (r) => arr((r.secondOrder as AnyResult)?.value),
  },
  customers: { segments: (r) => arr(r.segments), lifecycle: (r) => arr(r.lifecycle) },
  search_terms: { terms: (r) => arr(r.rows), totals: (r) => [{ from: r.from, to: r.to, ...(r.totals as object) }] },
  paths: { entries: (r) => arr(r.entries), exits: (r) => arr(r.exits), flows: (r) => arr(r.flows), nodes: (r) => arr(r.nodes) },
  customer_list: { customers: (r) => arr(r.customers) },
  segment_movement: { moves: (r) => arr(r.moves), segments: (r) => arr(r.segments) },
  retention: {
    cohorts: (r) =>
      arr(r.cohorts).flatMap((c) =>
        arr(c.people).map((_, k) => ({
          segment: c.segment,
          cohort: c.cohort,
          size: c.size,
          period: k,
          people: (c.people as unknown[])[k] ?? null,
          retention_rate: (c.rates as unknown[])[k] ?? null,
          revenue_per_member: (c.revenue_per_member as unknown[])[k] ?? null,
        })),
      ),
  },
  product_buyers: { buyers: (r) => arr(r.buyers).map((b) => ({ product_id: r.product_id, ...b })) },
  refund_customers: { customers: (r) => arr(r.customers) },
  // An audience: its customers (every one in a download), and how many of each RFM segment it holds.
  audience: {
    customers: (r) => arr(r.list),
    by_segment: (r) => arr(r.by_segment),
    // What it did next, when followed: one row (none when not followed).
    follow_up: (r) => (r.followed ? [{ customers: r.customers, ...(r.followed as object) }] : []),
  },
  customer_profile: {
    orders: (r) => arr(r.orders).map(({ items: _items, ...o }) => ({ customer_id: r.customer_id, ...o })),
    order_lines: (r) =>
      arr(r.orders).flatMap((o) =>
        arr(o.items).map((item, i) => ({ customer_id: r.customer_id, order_id: o.order_id, line_no: i + 1, ...item })),
      ),
    events: (r) => arr((r.activity as AnyResult).latest).map((e) => ({ customer_id: r.customer_id, ...e })),
    by_event: (r) => arr((r.activity as AnyResult).by_event),
  },
  funnel: {
    steps: (r) => arr(r.steps),
    breakdown: (r) => arr(r.breakdown).flatMap((b) => arr(b.steps).map((s) => ({ breakdown: b.value, ...s }))),
    histogram: (r) => arr(r.histogram),
    trend: (r) => arr(r.trend),
  },
  diagnostics: {
    figures: (r) =>
      arr(r.figures).map((f) => ({
        metric: f.metric,
        value: f.value,
        previous: f.previous,
        same_weekday_last_week: f.same_weekday_last_week,
        expected: (f.baseline as AnyResult).expected,
        z: (f.baseline as AnyResult).z,
        status: (f.baseline as AnyResult).status,
        provisional: f.provisional ? 'yes' : 'no',
      })),
    findings: (r) =>
      arr(r.findings).map((f) => ({
        rank: f.rank,
        kind: f.kind,
        severity: f.severity,
        en: (f.text as AnyResult).en,
        zh: (f.text as AnyResult).zh,
        link: (f.link as AnyResult).page,
      })),
    by_channel: (r) => arr(r.byChannel),
    by_category: (r) => arr(r.byCategory),
    // The marked days it reads with: of its days, and of the days its usual came from.
    marked_days: (r) => {
      const marks = (r.marked_days ?? {}) as { period?: unknown; usual?: unknown };
      const row = (during: string) => (m: Record<string, unknown>) => ({
        during,
        from: m.from,
        to: m.to,
        kind: m.kind,
        title: m.title,
        // Text even when no mark has one (a column of nulls would be typed a number).
        note: m.note ?? '',
      });
      return [...arr(marks.period).map(row('period')), ...arr(marks.usual).map(row('usual'))];
    },
  },
  campaign_review: {
    // One row per figure: the campaign, the usual and the days after side by side.
    figures: (r) => arr(r.figures),
    summary: (r) => [
      {
        from: (r.campaign as AnyResult).from,
        to: (r.campaign as AnyResult).to,
        campaign_days: (r.campaign as AnyResult).days,
        usual_from: (r.usual as AnyResult).from,
        usual_to: (r.usual as AnyResult).to,
        usual_days: (r.usual as AnyResult).days,
        after_from: (r.after as AnyResult | null)?.from ?? '',
        after_to: (r.after as AnyResult | null)?.to ?? '',
        after_days: (r.after as AnyResult | null)?.days ?? 0,
        ...(r.summary as object),
      },
    ],
    channels: (r) => arr(r.channels),
    products: (r) => arr(r.products),
    first_buyers: (r) => arr(r.first_buyers),
  },
  product_diagnosis: {
    // One row per finding, most pressing first.
    findings: (r) => findingRows(r as unknown as ProductDiagnosisResult),
    products: (r) =>
      arr(r.products).map((p) => ({
        ...p,
        findings: arr(p.findings)
          .map((f) => f.kind)
          .join('; '),
      })),
    summary: (r) =>
      arr(r.summary).map((k) => ({
        from: r.from,
        to: r.to,
        compared_from: (r.compared as AnyResult).from,
        compared_to: (r.compared as AnyResult).to,
        ...k,
      })),
  },
  targets: {
    targets: (r) =>
      arr(r.targets).map((t) => ({
        month: r.month,
        through: r.through,
        days_elapsed: r.days_elapsed,
        days_in_month: r.days_in_month,
        ...t,
      })),
  },
};

export function resultTable(analysis: string, result: object, shop: Shop, table?: string): ExportTable {
  const tables = EXTRACTORS[analysis];
  if (!tables) throw new BadRequestError(`${analysis} cannot be exported as a file.`, 'format');
  const name = table ?? (Object.keys(tables)[0] as string);
  const extract = tables[name];
  if (!extract) throw new BadRequestError(`No table "${name}" in ${analysis}. Tables: ${Object.keys(tables).join(', ')}.`, 'table');
  return tableOf(`${analysis}-${name}`, extract(result as AnyResult), shop);
}
