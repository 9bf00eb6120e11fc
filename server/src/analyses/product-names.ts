/**
 * What a merchant calls a product, for analyses that group by product id: the catalogue's name
 * (the latest imported version), else the name on the product's latest order line — a Shopify
 * orders export or a CDNOW file brings order lines but no catalogue — else '' (the id is all
 * there is). Read for the few ids a result shows, after the analysis has picked them.
 */
import type { ShopScope } from '@storelens/sql';

const TAG = { purpose: 'analysis.product-names' };

// A point lookup per id: the catalogue's key is (shop_id, product_id).
const CATALOGUE_SQL = `
SELECT product_id, argMax(name, version) AS name
FROM products
WHERE shop_id = {shop_id:UInt32} AND product_id IN {ids:Array(String)}
GROUP BY product_id
HAVING name != ''`;

// The shop's order lines, whole history: read only for ids the catalogue does not name (that read
// was ~70 ms of the largest bench shop's repurchase answer, whose products all have entries).
// The latest line that has a name: by its day, then its version (a later import of the order);
// different names on one day go to the alphabetically last, so the answer never depends on the
// order the engine reads rows in.
const ORDER_LINES_SQL = `
SELECT product_id, argMax(product_name, (day, version, product_name)) AS name
FROM order_items
WHERE shop_id = {shop_id:UInt32} AND product_id IN {ids:Array(String)} AND product_name != ''
GROUP BY product_id`;

/** id → name ('' when neither the catalogue nor any order line names it). */
export async function productNames(scope: ShopScope, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return names;
  for (const r of await scope.rows<{ product_id: string; name: string }>(CATALOGUE_SQL, { ids: wanted }, TAG)) {
    names.set(r.product_id, r.name);
  }
  const unnamed = wanted.filter((id) => !names.has(id));
  if (unnamed.length > 0) {
    for (const r of await scope.rows<{ product_id: string; name: string }>(ORDER_LINES_SQL, { ids: unnamed }, TAG)) {
      names.set(r.product_id, r.name);
    }
  }
  return new Map(wanted.map((id) => [id, names.get(id) ?? '']));
}
