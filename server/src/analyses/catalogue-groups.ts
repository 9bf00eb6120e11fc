/**
 * How the analyses that group the catalogue's products (price bands, categories) read: their query
 * with its `{viewed}` part — views and viewers — from the daily product rollup when nothing filters
 * the events, else from the events (`<query>-viewed-rollup.sql` / `<query>-viewed.sql`), and the
 * category filter's values bound as the catalogue listings to count.
 */
import { loadQueryText, type ShopScope } from '@storelens/sql';
import type { Shop } from '../metadata/index.js';
import { type AnalysisFilters, filteredSql, readsRollup } from './filters.js';

/** 'events': count views and visitors over the events even when the rollup could answer (tests hold the two equal). */
export type ViewedFrom = 'auto' | 'events';

export async function catalogueGroupRows<T>(
  query: 'price-bands' | 'categories',
  scope: ShopScope,
  shop: Shop,
  range: { from: string; to: string },
  filters: AnalysisFilters,
  viewedFrom: ViewedFrom,
): Promise<T[]> {
  const rollup = viewedFrom !== 'events' && readsRollup(filters);
  const viewed = loadQueryText(rollup ? `${query}-viewed-rollup` : `${query}-viewed`);
  const q = filteredSql(loadQueryText(query).replace('{viewed}', viewed), filters, shop, range.from);
  return scope.rows<T>(
    q.sql,
    { ...q.params, from: range.from, to: range.to, tz: shop.time_zone, listed_categories: filters.categories ?? [] },
    { purpose: rollup ? `analysis.${query}.rollup` : `analysis.${query}` },
  );
}
