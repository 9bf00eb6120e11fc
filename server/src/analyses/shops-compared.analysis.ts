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
import type { Shop } from '../metadata/index.js';
import { addDays } from './local-time.js';
import { definitionsOf, type MetricDefinition } from './metrics-catalogue.js';
import { type Change, dateRange, type OverviewFilters, overviewCompared, previousPeriod } from './overview.analysis.js';

/** The overview figures each shop is compared on, in the order shown. */
export const SHOP_FIGURES = ['gmv', 'uv', 'paying_buyers', 'conversion_rate', 'aov'] as const;
export type ShopFigure = (typeof SHOP_FIGURES)[number];

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
): Promise<ShopsComparedResult> {
  checkShopsRange(range);
  const rows: ShopsComparedRow[] = [];
  // One shop at a time: each is its own scoped overview, and an embedded warehouse runs one query at a time anyway.
  for (const { shop, refusal } of reach) {
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
    };
    if (refusal === null) {
      const result = await overviewCompared(warehouse.forShop(shop.id), shop, days, filters);
      for (const figure of SHOP_FIGURES) {
        row.totals[figure] = result.totals[figure] ?? null;
        const change = result.comparison?.changes[figure];
        if (change) row.changes[figure] = change;
      }
    }
    rows.push(row);
  }
  rows.sort((a, b) => a.currency.localeCompare(b.currency) || (b.totals.gmv ?? -1) - (a.totals.gmv ?? -1) || a.name.localeCompare(b.name));
  return {
    days: range.days ?? null,
    from: range.days === undefined ? (range.from ?? null) : null,
    to: range.days === undefined ? (range.to ?? null) : null,
    filters,
    rows,
    definitions: definitionsOf(SHOP_FIGURES),
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
  flat.refused = row.refused;
  return flat;
}
