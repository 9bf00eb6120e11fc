/**
 * Every shop side by side — the dashboard's "All shops" page, `storelens analyze shops` and
 * `GET /api/v1/analyses/shops`: each shop's own overview over its own days, against the period of
 * the same length before. "The last 7 days" ends yesterday in each shop's own time zone (a shop
 * further west is still inside a day that is over elsewhere); chosen dates are the same dates
 * everywhere. Nothing is summed across shops, and shops are ranked only within a currency:
 * amounts in two currencies are not comparable, and neither are two shops' customers.
 */
import type { Warehouse } from '@storelens/sql';
import { BadRequestError } from '../errors.js';
import type { MonthTargets, Shop } from '../metadata/index.js';
import { type DiagnosisResult, diagnose } from './diagnostics/diagnostics.analysis.js';
import { addDays, localNow } from './local-time.js';
import { mapConcurrently } from './map-concurrently.js';
import { definitionsOf, type MetricDefinition } from './metrics-catalogue.js';
import { type Change, dateRange, type OverviewFilters, overviewCompared, previousPeriod } from './overview.analysis.js';

/** The overview figures each shop is compared on, in the order shown. */
export const SHOP_FIGURES = ['gmv', 'uv', 'paying_buyers', 'conversion_rate', 'aov'] as const;
export type ShopFigure = (typeof SHOP_FIGURES)[number];

/**
 * A shop's diagnosis of the row's last day, in brief: the home page's headline and how serious
 * its findings are — which shop to open first. The whole diagnosis is the shop's own
 * `analyses/diagnostics?date=` (the same day, the same filters).
 */
export interface ShopDiagnosis {
  date: string;
  /** The home page's headline: the first finding, or why there is none. */
  summary: DiagnosisResult['summary'];
  /** The most serious finding's severity; 'info' when none needs attention. */
  severity: 'red' | 'amber' | 'info';
  /** Findings judged abnormal (red) and worth watching (amber). */
  red: number;
  amber: number;
  /** False when too few comparable days before it had activity to judge it. */
  enoughData: boolean;
  /** The payment amount target of that day's month, by that day: share reached and pace (null: none set). */
  target: { month: string; share: number | null; pace: number | null } | null;
}

/** A shop the caller reaches, and why they get no figures for it (null when they do). */
export interface ShopReach {
  shop: Shop;
  refusal: string | null;
}

/** The last `days` days ending yesterday in each shop's time zone, or the same dates for every shop. */
export interface ShopsRange {
  days?: number;
  from?: string;
  to?: string;
}

export interface ShopsComparedRow {
  shop: string;
  name: string;
  currency: string;
  timeZone: string;
  /** The days compared, in the shop's own time zone. */
  from: string;
  to: string;
  /** The period of the same length before. */
  previous: { from: string; to: string };
  totals: Partial<Record<ShopFigure, number | null>>;
  changes: Partial<Record<ShopFigure, Change>>;
  /** Why this row has no figures (the caller's role in that shop), or null. */
  refused: string | null;
  /** The diagnosis of `to`; null when refused, or when `to` has not begun in the shop's time zone. */
  diagnosis: ShopDiagnosis | null;
}

export interface ShopsComparedResult {
  /** `days` when each shop's own last days were compared; otherwise the dates asked for. */
  days: number | null;
  from: string | null;
  to: string | null;
  filters: OverviewFilters;
  /** By currency, then the largest payment amount first (refused rows last in their currency), then name. */
  rows: ShopsComparedRow[];
  definitions: Record<string, MetricDefinition>;
}

/** Either a number of days or dates: both at once would say two different things. */
export function checkShopsRange(range: ShopsRange): void {
  if (range.days !== undefined && (range.from !== undefined || range.to !== undefined)) {
    throw new BadRequestError(
      'Give either days (the last N days ending yesterday in each shop’s time zone) or from/to (the same dates for every shop), not both.',
      'days',
    );
  }
  if (range.days !== undefined && (!Number.isInteger(range.days) || range.days < 1)) {
    throw new BadRequestError(`days must be a whole number of days, 1 or more; got ${range.days}.`, 'days');
  }
}

/** The days a shop is compared over. */
export function shopDays(shop: Shop, range: ShopsRange): { from: string; to: string } {
  if (range.days === undefined) return dateRange(shop, range.from, range.to);
  const yesterday = dateRange(shop).to;
  return dateRange(shop, addDays(yesterday, 1 - range.days), yesterday);
}

export async function shopsCompared(
  warehouse: Warehouse,
  reach: readonly ShopReach[],
  range: ShopsRange,
  filters: OverviewFilters = {},
  /**
   * Shops worked on at once (by default as many as the warehouse has interactive connections), and
   * each shop's targets of a month, so its diagnosis judges them as its home page's does.
   */
  options: { concurrency?: number; targetsOf?: (shopId: number, month: string) => Promise<MonthTargets> } = {},
): Promise<ShopsComparedResult> {
  checkShopsRange(range);
  // Each shop is its own scoped overview and diagnosis; as many shops at once as there are
  // interactive connections (two embedded, eight against a server), so none sits idle.
  const concurrency = options.concurrency ?? warehouse.laneStats().interactive.size;
  const targetsOf = options.targetsOf;
  const rows = await mapConcurrently(reach, concurrency, async ({ shop, refusal }) => {
    const days = shopDays(shop, range);
    const row: ShopsComparedRow = {
      shop: shop.slug,
      name: shop.name,
      currency: shop.currency,
      timeZone: shop.time_zone,
      ...days,
      previous: previousPeriod(days),
      totals: {},
      changes: {},
      refused: refusal,
      diagnosis: null,
    };
    if (refusal === null) {
      const scope = warehouse.forShop(shop.id);
      const result = await overviewCompared(scope, shop, days, filters);
      for (const figure of SHOP_FIGURES) {
        row.totals[figure] = result.totals[figure] ?? null;
        const change = result.comparison?.changes[figure];
        if (change) row.changes[figure] = change;
      }
      // A day still to come has nothing to diagnose (chosen dates can end after today in a shop further west).
      if (days.to <= localNow(shop.time_zone, new Date()).today)
        row.diagnosis = briefly(
          await diagnose(
            scope,
            shop,
            { date: days.to, ...(targetsOf ? { targetsOf: (month: string) => targetsOf(shop.id, month) } : {}) },
            filters,
          ),
        );
    }
    return row;
  });
  rows.sort((a, b) => a.currency.localeCompare(b.currency) || (b.totals.gmv ?? -1) - (a.totals.gmv ?? -1) || a.name.localeCompare(b.name));
  return {
    days: range.days ?? null,
    from: range.days === undefined ? (range.from ?? null) : null,
    to: range.days === undefined ? (range.to ?? null) : null,
    filters,
    rows,
    // The figures', and the payment target's as each row's diagnosis carries it.
    definitions: definitionsOf([...SHOP_FIGURES, 'target_share', 'target_pace']),
  };
}

function briefly(d: DiagnosisResult): ShopDiagnosis {
  const count = (severity: string) => d.findings.filter((f) => f.severity === severity).length;
  const red = count('red');
  const amber = count('amber');
  const gmv = d.targets?.targets.find((t) => t.metric === 'gmv');
  return {
    date: d.to,
    summary: d.summary,
    severity: red > 0 ? 'red' : amber > 0 ? 'amber' : 'info',
    red,
    amber,
    enoughData: d.enoughData,
    target: d.targets && gmv ? { month: d.targets.month, share: gmv.share, pace: gmv.pace } : null,
  };
}

/** A shop's line for a file or a terminal: its figures, each followed by its change as a ratio (empty when there was none). */
export function flatShopRow(row: ShopsComparedRow): Record<string, string | number | null> {
  const flat: Record<string, string | number | null> = {
    shop: row.shop,
    name: row.name,
    currency: row.currency,
    time_zone: row.timeZone,
    from: row.from,
    to: row.to,
  };
  for (const figure of SHOP_FIGURES) {
    flat[figure] = row.totals[figure] ?? null;
    flat[`${figure}_change`] = row.changes[figure]?.changeRatio ?? null;
  }
  flat.diagnosis_severity = row.diagnosis?.severity ?? null;
  flat.diagnosis_en = row.diagnosis?.summary.en ?? null;
  flat.diagnosis_zh = row.diagnosis?.summary.zh ?? null;
  // The payment amount target's share and pace by that day (named as the catalogue defines them).
  flat.target_share = row.diagnosis?.target?.share ?? null;
  flat.target_pace = row.diagnosis?.target?.pace ?? null;
  flat.refused = row.refused;
  return flat;
}
