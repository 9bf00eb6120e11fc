/** Order lines. Dedup key (order_id, line_no): lines do not change once an order is placed. */
import { decimalExpr, integerExpr, timestampExpr } from '../sql/expressions.js';
import { type KindSpec, parsed, required } from './kind-spec.js';

const EPOCH = `toDateTime64(0, 3, 'UTC')`;

export const orderItemsKind: KindSpec = {
  kind: 'order_items',
  table: 'order_items',
  dedupKey: ['order_id', 'line_no'],
  dayColumn: 'day',
  columns(raw) {
    const created = `ifNull(${timestampExpr(raw('created_at'))}, ${EPOCH})`;
    const money = (col: string, def = '0') => `ifNull(${decimalExpr(raw(col))}, ${def})`;
    return [
      { name: 'day', type: 'Date', expr: `toDate(${created}, {tz:String})` },
      { name: 'order_id', type: 'String', expr: raw('order_id') },
      { name: 'line_no', type: 'UInt32', expr: `toUInt32(greatest(0, ifNull(${integerExpr(raw('line_no'))}, 0)))` },
      { name: 'product_id', type: 'String', expr: raw('product_id') },
      { name: 'sku', type: 'String', expr: raw('sku') },
      { name: 'product_name', type: 'String', expr: raw('product_name') },
      { name: 'category', type: 'String', expr: raw('category') },
      { name: 'quantity', type: 'Int32', expr: `toInt32(ifNull(${integerExpr(raw('quantity'))}, 0))` },
      { name: 'unit_price', type: 'Decimal(18, 2)', expr: money('unit_price') },
      { name: 'discount', type: 'Decimal(18, 2)', expr: money('discount') },
      { name: 'amount', type: 'Decimal(18, 2)', expr: money('amount') },
      { name: 'version', type: 'UInt64', expr: '1' },
    ];
  },
  checks(raw) {
    const q = integerExpr(raw('quantity'));
    const line = integerExpr(raw('line_no'));
    return [
      required(raw, 'order_id'),
      required(raw, 'line_no'),
      {
        when: `${line} IS NULL OR ${line} < 1`,
        reason: `concat('line_no "', substring(${raw('line_no')}, 1, 40), '" is not a whole number from 1')`,
      },
      required(raw, 'product_id'),
      required(raw, 'quantity'),
      {
        when: `${q} IS NULL OR abs(${q}) > 1000000`,
        reason: `concat('quantity "', substring(${raw('quantity')}, 1, 40), '" is not a whole number')`,
      },
      required(raw, 'unit_price'),
      parsed(raw, 'unit_price', decimalExpr(raw('unit_price')), 'a decimal number'),
      parsed(raw, 'discount', decimalExpr(raw('discount')), 'a decimal number'),
      required(raw, 'amount'),
      parsed(raw, 'amount', decimalExpr(raw('amount')), 'a decimal number'),
      required(raw, 'created_at'),
      parsed(raw, 'created_at', timestampExpr(raw('created_at')), 'a valid time'),
    ];
  },
};
