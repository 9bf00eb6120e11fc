/**
 * Everything the diagnosis reads from the warehouse. Unfiltered diagnoses read visitors from the
 * daily rollups (exact distinct states per day, merged per period); filtered ones read the events,
 * since the rollups do not keep the filtered dimensions. Both give the same figures
 * (server/test/diagnostics/rollup.test.ts). Where each figure comes from: docs/diagnostics.md.
 */
import { loadQuery, type QueryParams, type ShopScope } from '@storelens/sql';
import type { Shop } from '../../metadata/index.js';
import { type AnalysisFilters, filteredQuery, readsRollup } from '../filters.js';
import { ratio } from '../rounding.js';
import { addDays, type Bucket, type RepurchaseSignal } from './diagnosis-model.js';
import type { SegmentFigures } from './segments.js';

/** Where visitor counts are read from: `auto` = the rollup unless filters are set. */
export type VisitorSource = 'auto' | 'events';

/** The compared period (0) and the diagnosed one (1), as local dates. */
export interface TwoPeriods {
  from0: string;
  to0: string;
  from1: string;
  to1: string;
}

type StageVisitors = Pick<Bucket, 'uv' | 'viewers' | 'carters' | 'checkouts' | 'payers'>;

/** The rollup query when the diagnosis is unfiltered, else the events query with the filters. */
function visitorQuery(
  name: string,
  filters: AnalysisFilters,
  shop: Shop,
  since: string,
  source: VisitorSource,
): { sql: string; params: QueryParams; rollup: boolean } {
  const rollup = source === 'auto' && readsRollup(filters);
  return rollup ? { sql: loadQuery(`${name}-rollup`), params: {}, rollup } : { ...filteredQuery(name, filters, shop, since), rollup };
}

/** Visitors per bucket at each stage: all, product viewers, cart adders, checkout starters, payers. */
export async function stageVisitors(
  scope: ShopScope,
  shop: Shop,
  filters: AnalysisFilters,
  p: { start: string; len: number; buckets: number },
  source: VisitorSource = 'auto',
): Promise<Map<number, StageVisitors>> {
  const q = visitorQuery('diagnostics-traffic', filters, shop, p.start, source);
  const rows = await scope.rows<Record<keyof StageVisitors | 'b', number>>(
    q.sql,
    { ...q.params, ...p },
    { purpose: `analysis.diagnostics.visitors${q.rollup ? '.rollup' : ''}` },
  );
  return new Map(
    rows.map((r) => [
      Number(r.b),
      {
        uv: Number(r.uv),
        viewers: Number(r.viewers),
        carters: Number(r.carters),
        checkouts: Number(r.checkouts),
        payers: Number(r.payers),
      },
    ]),
  );
}

/** Every bucket's figures: visitors at each stage, paid orders, buyers, payment, goods, discount and refund amounts. */
export async function bucketSeries(
  scope: ShopScope,
  shop: Shop,
  filters: AnalysisFilters,
  p: { start: string; len: number; buckets: number },
): Promise<Bucket[]> {
  const salesQ = filteredQuery('diagnostics-periods', filters, shop, p.start);
  const [visitors, sales] = await Promise.all([
    stageVisitors(scope, shop, filters, p),
    scope.rows<Record<string, string | number | null>>(
      salesQ.sql,
      { ...salesQ.params, ...p, tz: shop.time_zone },
      { purpose: 'analysis.diagnostics.sales' },
    ),
  ]);
  return sales.map((r) => {
    const v = visitors.get(Number(r.bucket));
    return {
      uv: v?.uv ?? 0,
      viewers: v?.viewers ?? 0,
      carters: v?.carters ?? 0,
      checkouts: v?.checkouts ?? 0,
      payers: v?.payers ?? 0,
      paid_orders: Number(r.paid_orders ?? 0),
      buyers: Number(r.buyers ?? 0),
      gmv: Number(r.gmv ?? 0),
      items_amount: Number(r.items_amount ?? 0),
      discount_amount: Number(r.discount_amount ?? 0),
      refund_amount: Number(r.refund_amount ?? 0),
    };
  });
}

type SegmentRow = { p: number; segment: string; uv?: number; buyers?: number; gmv?: string };

/** Rows of both periods → each period's figures per segment (absent figures are 0). */
function byPeriod(rows: SegmentRow[]): { before: SegmentFigures[]; after: SegmentFigures[] } {
  const of = (p: number): SegmentFigures[] =>
    rows
      .filter((r) => Number(r.p) === p)
      .map((r) => ({ segment: r.segment, uv: Number(r.uv ?? 0), buyers: Number(r.buyers ?? 0), gmv: Number(r.gmv ?? 0) }));
  return { before: of(0), after: of(1) };
}

export type SegmentKind = 'channel' | 'category';

/**
 * Per segment in both periods, its visitors: for a channel, visitors with an event in it; for a
 * category, visitors who viewed one of its products.
 */
export async function segmentVisitors(
  scope: ShopScope,
  shop: Shop,
  by: SegmentKind,
  filters: AnalysisFilters,
  periods: TwoPeriods,
  source: VisitorSource = 'auto',
): Promise<SegmentRow[]> {
  const q = visitorQuery(`diagnostics-${by}-visitors`, filters, shop, periods.from0, source);
  return scope.rows<SegmentRow>(
    q.sql,
    { ...q.params, ...periods },
    { purpose: `analysis.diagnostics.${by}.visitors${q.rollup ? '.rollup' : ''}` },
  );
}

/**
 * Per segment in both periods: its visitors, and the buyers and amount of its sales — for a
 * channel the payment amount of the orders placed through it, for a category the amounts of its
 * order lines.
 */
export async function segmentFigures(
  scope: ShopScope,
  shop: Shop,
  by: SegmentKind,
  filters: AnalysisFilters,
  periods: TwoPeriods,
): Promise<{ before: SegmentFigures[]; after: SegmentFigures[] }> {
  const salesQ = filteredQuery(`diagnostics-${by}-sales`, filters, shop, periods.from0);
  const [visitors, sales] = await Promise.all([
    segmentVisitors(scope, shop, by, filters, periods),
    scope.rows<SegmentRow>(
      salesQ.sql,
      { ...salesQ.params, ...periods, tz: shop.time_zone },
      { purpose: `analysis.diagnostics.${by}.sales` },
    ),
  ]);
  // One row per (period, segment) with visitors, sales or both.
  const merged = new Map<string, SegmentRow>();
  for (const r of [...visitors, ...sales]) {
    const key = `${Number(r.p)}\u0000${r.segment}`;
    merged.set(key, { ...merged.get(key), ...r });
  }
  return byPeriod([...merged.values()].sort((a, b) => Number(a.p) - Number(b.p) || a.segment.localeCompare(b.segment)));
}

/**
 * The newest monthly cohort with a fully observed 30-day window against the three before it.
 * A dedicated query (diagnostics-repurchase.sql): the same cohort figures as the repurchase
 * analysis's 30-day window, without its interval, channel and product sections.
 */
export async function repurchaseTrend(
  scope: ShopScope,
  shop: Shop,
  to: string,
  filters: AnalysisFilters,
): Promise<RepurchaseSignal | null> {
  const from = addDays(to, -240);
  const q = filteredQuery('diagnostics-repurchase', filters, shop, from);
  const rows = await scope.rows<{ cohort: string; eligible: number; repurchased: number }>(
    q.sql,
    { ...q.params, from, to, tz: shop.time_zone },
    { purpose: 'analysis.diagnostics.repurchase' },
  );
  const rated = rows
    .map((r) => ({ cohort: r.cohort, eligible: Number(r.eligible), repurchased: Number(r.repurchased) }))
    .filter((c) => c.eligible >= 20)
    .map((c) => ({ cohort: c.cohort, rate: ratio(c.repurchased, c.eligible) as number }))
    .sort((a, b) => a.cohort.localeCompare(b.cohort));
  const last = rated[rated.length - 1];
  const earlier = rated.slice(-4, -1);
  if (!last || earlier.length < 2) return null;
  return {
    cohort: last.cohort,
    rate: last.rate,
    earlier: earlier.reduce((a, c) => a + c.rate, 0) / earlier.length,
  };
}

/** The period's refunds (dated by the refund) by the reason each records: refunded orders and amount. */
export async function refundReasons(
  scope: ShopScope,
  shop: Shop,
  filters: AnalysisFilters,
  range: { from: string; to: string },
): Promise<Array<{ reason: string; orders: number; amount: number }>> {
  const q = filteredQuery('diagnostics-refund-reasons', filters, shop, range.from);
  const rows = await scope.rows<{ reason: string; orders: number; amount: string }>(
    q.sql,
    { ...q.params, ...range, tz: shop.time_zone },
    { purpose: 'analysis.diagnostics.refund_reasons' },
  );
  return rows.map((r) => ({ reason: r.reason, orders: Number(r.orders), amount: Number(r.amount) }));
}
