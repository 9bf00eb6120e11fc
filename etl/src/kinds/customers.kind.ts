/** Customer attributes. Versioned by updated_at (or the import time when the file has none). */
import { timestampExpr } from '../sql/expressions.js';
import { type KindSpec, parsed, required } from './kind-spec.js';

export const customersKind: KindSpec = {
  kind: 'customers',
  table: 'customers',
  dedupKey: ['customer_id', 'version'],
  entityColumn: 'customer_id',
  columns(raw) {
    return [
      { name: 'customer_id', type: 'String', expr: raw('customer_id') },
      { name: 'signed_up_at', type: "Nullable(DateTime64(3, 'UTC'))", expr: timestampExpr(raw('signed_up_at')) },
      { name: 'region', type: 'String', expr: raw('region') },
      { name: 'member_level', type: 'String', expr: raw('member_level') },
      {
        name: 'version',
        type: 'UInt64',
        expr: `toUInt64(toUnixTimestamp64Milli(ifNull(${timestampExpr(raw('updated_at'))}, {imported_at:DateTime64(3, 'UTC')})))`,
      },
    ];
  },
  checks(raw) {
    return [
      required(raw, 'customer_id'),
      parsed(raw, 'signed_up_at', timestampExpr(raw('signed_up_at')), 'a valid time'),
      parsed(raw, 'updated_at', timestampExpr(raw('updated_at')), 'a valid time'),
    ];
  },
};
