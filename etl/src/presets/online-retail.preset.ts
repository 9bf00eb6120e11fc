/**
 * UCI Online Retail (one CSV line per invoice line). Invoices become orders and order lines;
 * invoices starting with C are cancellations: each cancelled line is matched to the customer's
 * latest earlier purchase of the same stock code (ASOF join), and that order gets a new version
 * with its refund; cancellations with no such purchase in the file (they cancel sales from before
 * it starts, or have no customer) become refund-only records under the C invoice number.
 * Fee and service codes (postage, discount, manual, bank charges, ...) are order lines but not
 * products. Invoices starting with A (bad-debt adjustments) and negative lines without a
 * cancellation invoice (stock write-offs) are rejected with their reason. Times are UK local.
 */
import { iso, type Preset } from './preset.js';

export const ONLINE_RETAIL_FEE_CODES = ['POST', 'DOT', 'M', 'C2', 'D', 'S', 'BANK CHARGES', 'AMAZONFEE', 'CRUK', 'PADS', 'B'];

const lines = (col: (c: string) => string, raw: string) => `
  SELECT
    _line,
    formatRowNoNewline('CSV', ${['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'].map(col).join(', ')}) AS _source_text,
    trimBoth(${col('InvoiceNo')}) AS inv,
    trimBoth(${col('StockCode')}) AS code,
    trimBoth(${col('Description')}) AS description,
    toInt64OrNull(trimBoth(${col('Quantity')})) AS qty,
    toDecimal64OrNull(trimBoth(${col('UnitPrice')}), 4) AS price,
    replaceRegexpOne(trimBoth(${col('CustomerID')}), '[.]0$', '') AS customer,
    trimBoth(${col('Country')}) AS country,
    toTimeZone(parseDateTime64BestEffortOrNull(trimBoth(${col('InvoiceDate')}), 3, {tz:String}), 'UTC') AS ts,
    code IN {or_fee_codes:Array(String)} OR startsWith(code, 'DCGS') OR startsWith(code, 'gift_0001') AS is_fee,
    startsWith(inv, 'C') AS is_cancel,
    startsWith(inv, 'A') AS is_adjust
  FROM ${raw}`;

/** Sales invoices: the lines that make an order. */
const sales = (l: string) => `
  SELECT inv, any(customer) AS buyer, any(country) AS buyer_country, min(ts) AS sale_ts, min(_line) AS first_line,
         sumIf(qty * price, NOT is_fee) AS items, sumIf(qty * price, code IN ('POST', 'DOT', 'C2')) AS shipping,
         -sumIf(qty * price, code = 'D') AS discount, sum(qty * price) AS total
  FROM (${l}) WHERE NOT is_cancel AND NOT is_adjust AND qty > 0 AND ts IS NOT NULL AND price IS NOT NULL
  GROUP BY inv`;

/** Cancelled lines, each with the sales invoice it cancels ('' when none is found). */
const cancellations = (l: string) => `
  SELECT c._line AS _line, c.inv AS cinv, c.customer AS customer, c.country AS country, c.ts AS cts, -(c.qty * c.price) AS amount, s.inv AS orig
  FROM (SELECT * FROM (${l}) WHERE is_cancel AND ts IS NOT NULL AND qty IS NOT NULL AND price IS NOT NULL) AS c
  ASOF LEFT JOIN (SELECT inv, code, customer, ts FROM (${l}) WHERE NOT is_cancel AND NOT is_adjust AND qty > 0 AND customer != '' AND ts IS NOT NULL) AS s
    ON c.customer = s.customer AND c.code = s.code AND c.ts >= s.ts`;

const ORDER_COLUMNS = [
  'order_id',
  'customer_id',
  'created_at',
  'paid_at',
  'status',
  'items_amount',
  'discount_amount',
  'shipping_amount',
  'paid_amount',
  'refund_amount',
  'refunded_at',
  'updated_at',
  'region',
];

export const onlineRetailPreset: Preset = {
  name: 'online-retail',
  description: 'UCI Online Retail invoice lines: orders, order lines, refunds from C invoices, customers, products',
  reader: { type: 'csv' },
  columns: ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'],
  shop: { currency: 'GBP', timeZone: 'Europe/London' },
  params: { or_fee_codes: ONLINE_RETAIL_FEE_CODES },
  outputs: [
    {
      kind: 'order_items',
      provides: ['order_id', 'line_no', 'product_id', 'sku', 'product_name', 'category', 'quantity', 'unit_price', 'amount', 'created_at'],
      select: (col, raw) => `
        SELECT _line, _source_text,
          multiIf(is_adjust, 'bad-debt adjustment (invoice starting with A), not a sale',
                  qty IS NOT NULL AND qty <= 0, 'stock adjustment: a negative line without a cancellation invoice',
                  '') AS _reject,
          inv AS order_id, toString(row_number() OVER (PARTITION BY inv ORDER BY _line)) AS line_no,
          code AS product_id, code AS sku, description AS product_name, if(is_fee, 'fee', '') AS category,
          toString(qty) AS quantity, toString(price) AS unit_price, toString(qty * price) AS amount,
          if(ts IS NULL, '', ${iso('ts')}) AS created_at
        FROM (${lines(col, raw)}) WHERE NOT is_cancel`,
    },
    {
      kind: 'orders',
      provides: ORDER_COLUMNS,
      select: (col, raw) => {
        const l = lines(col, raw);
        const s = sales(l);
        const c = cancellations(l);
        return `
        SELECT first_line AS _line, concat('invoice ', inv) AS _source_text, '' AS _reject,
          inv AS order_id, buyer AS customer_id, ${iso('sale_ts')} AS created_at, ${iso('sale_ts')} AS paid_at, 'completed' AS status,
          toString(items) AS items_amount, toString(discount) AS discount_amount, toString(shipping) AS shipping_amount,
          toString(total) AS paid_amount, '0' AS refund_amount, '' AS refunded_at, ${iso('sale_ts')} AS updated_at, buyer_country AS region
        FROM (${s})
        UNION ALL
        SELECT min(c._line), concat('refund of invoice ', c.orig), '',
          c.orig, any(s.buyer), ${iso('any(s.sale_ts)')}, ${iso('any(s.sale_ts)')},
          if(sum(c.amount) >= any(s.total), 'refunded', 'partially_refunded'),
          toString(any(s.items)), toString(any(s.discount)), toString(any(s.shipping)), toString(any(s.total)),
          toString(sum(c.amount)), ${iso('max(c.cts)')},
          ${iso('greatest(max(c.cts), any(s.sale_ts) + INTERVAL 1 MILLISECOND)')}, any(s.buyer_country)
        FROM (${c}) AS c INNER JOIN (${s}) AS s ON c.orig = s.inv
        WHERE c.orig != ''
        GROUP BY c.orig
        UNION ALL
        SELECT min(_line), concat('cancellation ', cinv, ' of a sale not in the file'), '',
          cinv, any(customer), ${iso('min(cts)')}, '', 'refunded',
          '0', '0', '0', '0', toString(sum(amount)), ${iso('max(cts)')}, ${iso('max(cts)')}, any(country)
        FROM (${c}) WHERE orig = ''
        GROUP BY cinv`;
      },
    },
    {
      kind: 'customers',
      provides: ['customer_id', 'region'],
      select: (col, raw) => `
        SELECT min(_line) AS _line, concat('customer ', customer) AS _source_text, '' AS _reject,
          customer AS customer_id, argMax(country, ts) AS region
        FROM (${lines(col, raw)}) WHERE customer != '' GROUP BY customer`,
    },
    {
      kind: 'products',
      provides: ['product_id', 'name', 'category', 'price=list_price', 'updated_at'],
      select: (col, raw) => `
        SELECT min(_line) AS _line, concat('stock code ', code) AS _source_text, '' AS _reject,
          code AS product_id, argMaxIf(description, ts, description != '') AS name, 'giftware' AS category,
          toString(argMax(price, ts)) AS list_price, ${iso('max(ts)')} AS updated_at
        FROM (${lines(col, raw)})
        WHERE NOT is_cancel AND NOT is_adjust AND NOT is_fee AND qty > 0 AND ts IS NOT NULL AND price IS NOT NULL
        GROUP BY code`,
    },
  ],
};
