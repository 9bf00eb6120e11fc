/**
 * CDNOW master transaction log: fixed-width text, one purchase per line (customer, YYYYMMDD,
 * CDs, dollars), no header, no order or product ids. Each line becomes one completed order
 * (id `CD<line>`, at local midnight of its day, New York time) with one order line of the generic
 * product `CD`; customers are the distinct ids. Two lines of one customer on one day stay two
 * orders: the file records them as two transactions.
 */
import type { Preset } from './preset.js';

const records = (col: (c: string) => string, raw: string) => `
  SELECT _line, ${col('line')} AS _source_text,
    splitByWhitespace(trimBoth(${col('line')})) AS f,
    length(f) = 4 AS well_formed,
    f[1] AS customer, f[2] AS ymd, f[3] AS cds, f[4] AS dollars,
    if(match(ymd, '^[0-9]{8}$'), concat(substring(ymd, 1, 4), '-', substring(ymd, 5, 2), '-', substring(ymd, 7, 2)), ymd) AS day_text
  FROM ${raw}`;

export const cdnowPreset: Preset = {
  name: 'cdnow',
  description: 'CDNOW master log (customer, date, CDs, dollars): orders, order lines, customers',
  reader: { type: 'lines' },
  columns: ['line'],
  shop: { currency: 'USD', timeZone: 'America/New_York' },
  outputs: [
    {
      kind: 'orders',
      provides: ['order_id', 'customer_id', 'created_at', 'paid_at', 'status', 'items_amount', 'paid_amount', 'updated_at'],
      select: (col, raw) => `
        SELECT _line, _source_text, if(well_formed, '', concat('expected 4 fields (customer, date, CDs, dollars), found ', toString(length(f)))) AS _reject,
          concat('CD', toString(_line)) AS order_id, customer AS customer_id, day_text AS created_at, day_text AS paid_at,
          'completed' AS status, dollars AS items_amount, dollars AS paid_amount, day_text AS updated_at
        FROM (${records(col, raw)})`,
    },
    {
      kind: 'order_items',
      provides: ['order_id', 'line_no', 'product_id', 'product_name', 'category', 'quantity', 'unit_price', 'amount', 'created_at'],
      select: (col, raw) => `
        SELECT _line, _source_text, '' AS _reject,
          concat('CD', toString(_line)) AS order_id, '1' AS line_no, 'CD' AS product_id, 'CD (CDNOW has no product ids)' AS product_name,
          'music' AS category, cds AS quantity,
          if(toInt64OrZero(cds) > 0, toString(round(toDecimal64OrZero(dollars, 4) / toInt64OrZero(cds), 2)), dollars) AS unit_price,
          dollars AS amount, day_text AS created_at
        FROM (${records(col, raw)}) WHERE well_formed`,
    },
    {
      kind: 'customers',
      provides: ['customer_id', 'signed_up_at'],
      select: (col, raw) => `
        SELECT min(_line) AS _line, concat('customer ', customer) AS _source_text, '' AS _reject,
          customer AS customer_id, min(day_text) AS signed_up_at
        FROM (${records(col, raw)}) WHERE well_formed GROUP BY customer`,
    },
  ],
};
