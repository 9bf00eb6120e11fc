/**
 * Dense visitor numbers (migration 0006): each visitor of a shop is numbered once, in order of
 * first event, and every stored event carries its visitor's number so that daily visitor sets can
 * be bitmaps. Two statements per events merge, both under the shop's write lock
 * (shop-write-lock.ts): number the stage's new visitors, then stamp the merged rows.
 */

/** The stage's valid rows' visitors, for narrowing lookups in the shop's numbers. */
const stagedVisitors = (stage: string) => `SELECT visitor_id FROM ${stage} WHERE shop_id = {shop_id:UInt32} AND _reason = ''`;

/** The shop's numbers of the stage's visitors (the index on (shop_id, visitor_id) narrows the read). */
export const stagedVisitorNumbers = (stage: string) =>
  `SELECT visitor_id, visitor_no FROM visitor_numbers WHERE shop_id = {shop_id:UInt32} AND visitor_id IN (${stagedVisitors(stage)})`;

/**
 * Numbers the staged visitors that have none yet, after the shop's highest number, in order of
 * their first staged event (then id, so the same stage always numbers the same way). Here the
 * filter belongs before row_number: only new visitors take numbers. Repeating it is a no-op, so
 * a run killed after it and run again numbers nobody twice.
 */
export const numberNewVisitors = (stage: string) => `INSERT INTO visitor_numbers (shop_id, visitor_id, visitor_no)
SELECT {shop_id:UInt32}, visitor_id,
       toUInt32((SELECT max(visitor_no) FROM visitor_numbers WHERE shop_id = {shop_id:UInt32}) + row_number() OVER (ORDER BY first_ts, visitor_id))
FROM (SELECT visitor_id, min(ts) AS first_ts FROM ${stage} WHERE shop_id = {shop_id:UInt32} AND _reason = '' GROUP BY visitor_id)
WHERE visitor_id NOT IN (SELECT visitor_id FROM (${stagedVisitorNumbers(stage)}))`;

/**
 * The number column of a merged row, from a join of the fresh rows (alias f) with the stage's
 * numbers (alias n). A row without a number would silently count as visitor 0 in every bitmap,
 * so the merge fails instead (numbering runs first, so it cannot happen short of a bug).
 */
export const VISITOR_NO_OF_MERGED_ROW = `toUInt32(n.visitor_no + throwIf(n.visitor_no = 0, 'a merged event has no visitor number: numberNewVisitors must run first'))`;
