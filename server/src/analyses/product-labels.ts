/**
 * What a merchant calls a product, for analyses that group by product id: the catalogue's name and
 * category (the latest imported version), each else taken from the product's latest order line
 * that has one — a Shopify orders export or a CDNOW file brings order lines but no catalogue —
 * else '' (the id is all there is). Read for the few ids a result shows, after the analysis has
 * picked them.
 */
import type { ShopScope } from '@storelens/sql';

export interface ProductLabel {
  name: string;
  category: string;
}

const TAG = { purpose: 'analysis.product-labels' };

// A point lookup per id: the catalogue's key is (shop_id, product_id).
const CATALOGUE_SQL = `
SELECT product_id, argMax(name, version) AS name, toString(argMax(category, version)) AS category
FROM products
WHERE shop_id = {shop_id:UInt32} AND product_id IN {ids:Array(String)}
GROUP BY product_id`;

// The shop's order lines, whole history: read only for ids the catalogue leaves unnamed or
// uncategorised (reading them for every id was ~70 ms of the largest bench shop's repurchase
// answer, whose products all have entries). The latest line with a value: by its day, then its
// version (a later import of the order); different values on one day go to the alphabetically
// last, so the answer never depends on the order the engine reads rows in.
const ORDER_LINES_SQL = `
SELECT product_id,
       argMaxIf(product_name, (day, version, product_name), product_name != '') AS name,
       argMaxIf(toString(category), (day, version, toString(category)), category != '') AS category
FROM order_items
WHERE shop_id = {shop_id:UInt32} AND product_id IN {ids:Array(String)}
GROUP BY product_id`;

type Row = { product_id: string } & ProductLabel;

/** id → name and category ('' where neither the catalogue nor any order line has one). */
export async function productLabels(scope: ShopScope, ids: readonly string[]): Promise<Map<string, ProductLabel>> {
  const wanted = [...new Set(ids)];
  const labels = new Map<string, ProductLabel>(wanted.map((id) => [id, { name: '', category: '' }]));
  if (wanted.length === 0) return labels;
  for (const r of await scope.rows<Row>(CATALOGUE_SQL, { ids: wanted }, TAG))
    labels.set(r.product_id, { name: r.name, category: r.category });
  const incomplete = wanted.filter((id) => {
    const l = labels.get(id) as ProductLabel;
    return l.name === '' || l.category === '';
  });
  if (incomplete.length > 0) {
    for (const r of await scope.rows<Row>(ORDER_LINES_SQL, { ids: incomplete }, TAG)) {
      const l = labels.get(r.product_id) as ProductLabel;
      labels.set(r.product_id, { name: l.name || r.name, category: l.category || r.category });
    }
  }
  return labels;
}
