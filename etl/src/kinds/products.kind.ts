/** Catalogue rows. Versioned by updated_at (or the import time when the file has none). */
import { decimalExpr, timestampExpr } from '../sql/expressions.js';
import { type KindSpec, parsed, required } from './kind-spec.js';

export const productsKind: KindSpec = {
  kind: 'products',
  table: 'products',
  dedupKey: ['product_id', 'version'],
  entityColumn: 'product_id',
  columns(raw) {
    const price = `ifNull(${decimalExpr(raw('price'))}, 0)`;
    return [
      { name: 'product_id', type: 'String', expr: raw('product_id') },
      { name: 'name', type: 'String', expr: raw('name') },
      { name: 'category', type: 'String', expr: raw('category') },
      { name: 'price', type: 'Decimal(18, 2)', expr: price },
      // Price bands in the shop currency: edges scaled by the currency ({price_band_edges}).
      {
        name: 'price_band',
        type: 'String',
        expr: `arrayElement({price_band_labels:Array(String)}, 1 + arrayCount(e -> toFloat64(${price}) >= e, {price_band_edges:Array(Float64)}))`,
      },
      {
        name: 'version',
        type: 'UInt64',
        expr: `toUInt64(toUnixTimestamp64Milli(ifNull(${timestampExpr(raw('updated_at'))}, {imported_at:DateTime64(3, 'UTC')})))`,
      },
    ];
  },
  checks(raw) {
    return [
      required(raw, 'product_id'),
      required(raw, 'name'),
      required(raw, 'category'),
      required(raw, 'price'),
      parsed(raw, 'price', decimalExpr(raw('price')), 'a decimal number'),
      parsed(raw, 'updated_at', timestampExpr(raw('updated_at')), 'a valid time'),
    ];
  },
};
