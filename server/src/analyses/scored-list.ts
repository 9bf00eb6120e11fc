/**
 * Customer lists that carry each customer's RFM segment now (who bought a product, who asked for
 * refunds): their SQL is the RFM scoring's CTEs (customers-rfm-scored.sql, as of {at}) followed by
 * the list's own, in one statement, and a segment narrows the list to its (R, F) cells.
 */
import { loadQueryText, type QueryParams, type ShopScope } from '@storelens/sql';
import { CUSTOMER_SEGMENTS } from './customer-list.analysis.js';
import { segmentCells } from './customers.analysis.js';

/** One statement from two files of CTEs: the RFM scoring's, then the list's own (its WITH dropped). */
export const withScores = (query: string): string =>
  `${loadQueryText('customers-rfm-scored')},\n${loadQueryText(query).replace(/^WITH$/m, '')}`;

/** `{all}` and `{cells}` for a list's WHERE: every customer, or those in the segment's (R, F) cells (as 10 × R + F). */
export function segmentParams(segment: string | null): { all: boolean; cells: number[] } {
  if (segment !== null && !CUSTOMER_SEGMENTS.includes(segment)) throw new Error(`unknown segment ${segment}`);
  return { all: segment === null, cells: segment === null ? [] : segmentCells(segment).map(([r, f]) => 10 * r + f) };
}

/** The WHERE that keeps a scored list's rows in the asked segment (`s` is the scored customer). */
export const IN_SEGMENT = 'WHERE {all:Bool} OR has({cells:Array(UInt8)}, toUInt8(10 * s.r + s.f))';

/**
 * A page of a scored list and its totals: the list's statement carries the totals on every row
 * (a window count), so only an empty page — past the end, or nobody in the segment — asks for them
 * with `summarySql`, which scores the shop once more.
 */
export async function scoredPage(
  scope: ShopScope,
  sql: { base: string; list: string; summary: string },
  params: QueryParams,
  page: { limit: number; offset: number },
  tag: { purpose: string },
): Promise<{ rows: Array<Record<string, unknown>>; summary: Record<string, unknown> | undefined }> {
  const rows = await scope.rows<Record<string, unknown>>(`${sql.base}${sql.list}`, { ...params, ...page }, tag);
  const [summary] = rows.length > 0 ? rows : await scope.rows<Record<string, unknown>>(`${sql.base}${sql.summary}`, params, tag);
  return { rows, summary };
}
