/**
 * The days a shop's data covers, so the dashboard can say when a chosen range lies outside them
 * (a file of 2011's orders, a demo whose feed has ended) instead of showing a page of zeros.
 */
import { loadQueryText, type ShopScope } from '@storelens/sql';

export interface DataDays {
  /** Shop-local days of the first and last event or order; null when the shop has neither. */
  first_day: string | null;
  last_day: string | null;
}

export async function dataDays(scope: ShopScope): Promise<DataDays> {
  const [row] = await scope.rows<{ first_day: string; last_day: string; sources: string | number }>(
    loadQueryText('data-days'),
    {},
    { purpose: 'data-days' },
  );
  if (!row || Number(row.sources) === 0) return { first_day: null, last_day: null };
  return { first_day: row.first_day, last_day: row.last_day };
}
