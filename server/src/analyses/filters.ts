/**
 * The filters every analysis takes (channel, device, region, live room, product category, new vs
 * returning) and how they reach SQL: as row filters on the fact tables (sql/src/row-filters.ts),
 * so a filtered analysis reads as if the shop had only the matching rows.
 */
import { loadQueryText, type QueryParams, type RowFilters, withRowFilters } from '@storelens/sql';
import type { Shop } from '../metadata/index.js';

export type AnalysisFilters = RowFilters;
export const CUSTOMER_TYPES = ['all', 'new', 'returning'] as const;

/**
 * The filters that are lists of values: each by its parameter (query string, CLI flag, saved
 * report) and its field here, in the order they are listed wherever filters are named.
 */
export const LIST_FILTERS = [
  { param: 'channel', field: 'channels' },
  { param: 'device', field: 'devices' },
  { param: 'region', field: 'regions' },
  { param: 'live_room', field: 'liveRooms' },
  { param: 'category', field: 'categories' },
] as const;

/** A query file with the filters applied; `since` is the first day of the analysed period. */
export function filteredQuery(
  name: string,
  filters: AnalysisFilters | undefined,
  shop: Shop,
  since: string,
): { sql: string; params: QueryParams } {
  return withRowFilters(loadQueryText(name), filters, { since, tz: shop.time_zone });
}

/** Inline SQL written with {{events}} / {{orders}} / {{order_items}}, with the filters applied. */
export function filteredSql(
  sql: string,
  filters: AnalysisFilters | undefined,
  shop: Shop,
  since: string,
): { sql: string; params: QueryParams } {
  return withRowFilters(sql, filters, { since, tz: shop.time_zone });
}

/** The filters as given, with empty lists dropped: what a result echoes back. */
export function activeFilters(f: AnalysisFilters | undefined): AnalysisFilters {
  const out: AnalysisFilters = {};
  for (const { field } of LIST_FILTERS) {
    const values = f?.[field];
    if (values?.length) out[field] = [...values];
  }
  if (f?.customer && f.customer !== 'all') out.customer = f.customer;
  return out;
}

/**
 * Whether a read may take a daily rollup instead of the raw rows: the rollups hold every row of
 * a shop, so only a read that filters nothing can (the diagnosis's visitors, the products
 * ranking's engagement).
 */
export function readsRollup(f: AnalysisFilters | undefined): boolean {
  return Object.keys(activeFilters(f)).length === 0;
}
