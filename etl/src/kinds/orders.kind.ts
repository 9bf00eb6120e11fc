/**
 * Orders: one row per version of an order. The version is updated_at in milliseconds, so a
 * later export of the same order (shipped, refunded) replaces the earlier state, and a
 * re-import of the same version is a duplicate.
 */
import { decimalExpr, timestampExpr } from '../sql/expressions.js';
import { type KindSpec, parsed, type RawField, type RejectCheck, required, type StageColumn } from './kind-spec.js';
import { trafficColumns } from './traffic-columns.js';

export const ORDER_STATUSES = ['created', 'paid', 'shipped', 'completed', 'refunded', 'partially_refunded', 'cancelled'];
const EPOCH = `toDateTime64(0, 3, 'UTC')`;

const money = (raw: RawField, col: string): StageColumn => ({
  name: col,
  type: 'Decimal(18, 2)',
  expr: `ifNull(${decimalExpr(raw(col))}, 0)`,
});
const optionalTime = (raw: RawField, col: string): StageColumn => ({
  name: col,
  type: "Nullable(DateTime64(3, 'UTC'))",
  expr: timestampExpr(raw(col)),
});

export const ordersKind: KindSpec = {
  kind: 'orders',
  table: 'orders',
  dedupKey: ['order_id', 'version'],
  dayColumn: 'day',
  entityColumn: 'order_id',
  buyers: true,
  columns(raw) {
    const created = `ifNull(${timestampExpr(raw('created_at'))}, ${EPOCH})`;
    const updated = `ifNull(${timestampExpr(raw('updated_at'))}, ${EPOCH})`;
    return [
      { name: 'day', type: 'Date', expr: `toDate(${created}, {tz:String})` },
      { name: 'order_id', type: 'String', expr: raw('order_id') },
      { name: 'customer_id', type: 'String', expr: raw('customer_id') },
      { name: 'visitor_id', type: 'String', expr: raw('visitor_id') },
      { name: 'created_at', type: "DateTime64(3, 'UTC')", expr: created },
      optionalTime(raw, 'paid_at'),
      { name: 'status', type: 'String', expr: `lower(${raw('status')})` },
      { name: 'currency', type: 'String', expr: `if(${raw('currency')} = '', {currency:String}, upper(${raw('currency')}))` },
      money(raw, 'items_amount'),
      money(raw, 'discount_amount'),
      money(raw, 'shipping_amount'),
      money(raw, 'paid_amount'),
      money(raw, 'refund_amount'),
      optionalTime(raw, 'refunded_at'),
      // Reasons are grouped as written, so "Quality " and "quality" are one.
      { name: 'refund_reason', type: 'String', expr: `lower(trimBoth(${raw('refund_reason')}))` },
      ...trafficColumns(raw),
      { name: 'device', type: 'String', expr: raw('device') },
      { name: 'region', type: 'String', expr: raw('region') },
      { name: 'version', type: 'UInt64', expr: `toUInt64(toUnixTimestamp64Milli(${updated}))` },
      { name: 'updated_at', type: "DateTime64(3, 'UTC')", expr: updated },
    ];
  },
  checks(raw) {
    const time = (col: string): RejectCheck => parsed(raw, col, timestampExpr(raw(col)), 'a valid time (ISO 8601 or Unix seconds)');
    const amount = (col: string): RejectCheck => parsed(raw, col, decimalExpr(raw(col)), 'a decimal number such as 128.50');
    // An order's amounts are what was charged, given off and paid back: none is below zero. A
    // negative one is a refund or an adjustment written in the wrong column, and would lower sales.
    const notNegative = (col: string): RejectCheck => ({
      when: `${decimalExpr(raw(col))} < 0`,
      reason: `concat('${col} "', substring(${raw(col)}, 1, 40), '" is negative: order amounts are 0 or more (a refund goes in refund_amount)')`,
    });
    return [
      required(raw, 'order_id'),
      required(raw, 'created_at'),
      time('created_at'),
      time('paid_at'),
      time('refunded_at'),
      required(raw, 'updated_at'),
      time('updated_at'),
      required(raw, 'status'),
      {
        when: `lower(${raw('status')}) NOT IN (${ORDER_STATUSES.map((s) => `'${s}'`).join(', ')})`,
        reason: `concat('status "', substring(${raw('status')}, 1, 40), '" is not one of ${ORDER_STATUSES.join(', ')}')`,
      },
      required(raw, 'items_amount'),
      amount('items_amount'),
      amount('discount_amount'),
      amount('shipping_amount'),
      required(raw, 'paid_amount'),
      amount('paid_amount'),
      amount('refund_amount'),
      ...['items_amount', 'discount_amount', 'shipping_amount', 'paid_amount', 'refund_amount'].map(notNegative),
    ];
  },
};
