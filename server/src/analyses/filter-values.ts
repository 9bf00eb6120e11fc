/**
 * The values a shop's category, region and live room filters can take, most seen first: what the
 * dashboard suggests in its top bar (channel and device are fixed lists; these are the shop's own).
 */
import { loadQueryText, type ShopScope } from '@storelens/sql';

export interface FilterValues {
  categories: string[];
  regions: string[];
  live_rooms: string[];
}

export async function filterValues(scope: ShopScope): Promise<FilterValues> {
  const rows = await scope.rows<{ dimension: 'category' | 'region' | 'live_room'; value: string; n: string | number }>(
    loadQueryText('filter-values'),
    {},
    { purpose: 'filter-values' },
  );
  // Each half of the UNION is ordered, but the union's halves may arrive in any order and
  // interleaved: rank again here.
  const ranked = (dimension: string) =>
    rows
      .filter((r) => r.dimension === dimension)
      .sort((a, b) => Number(b.n) - Number(a.n) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
      .map((r) => r.value);
  return { categories: ranked('category'), regions: ranked('region'), live_rooms: ranked('live_room') };
}
