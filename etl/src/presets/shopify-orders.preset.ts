/**
 * Shopify's orders export (Admin → Orders → Export, "CSV for Excel"): one row per line item;
 * order-level fields are filled on the first row of each order only. Orders take their state from
 * Financial Status, Fulfillment Status and Cancelled at; the customer is the e-mail address
 * (lower-cased), empty for guest checkouts. The export has no "updated at", so an order's version
 * time is its latest known event (created, paid, fulfilled, cancelled).
 */
import { iso, type Preset } from './preset.js';

const COLUMNS = [
  'Name',
  'Email',
  'Financial Status',
  'Paid at',
  'Fulfillment Status',
  'Fulfilled at',
  'Currency',
  'Subtotal',
  'Shipping',
  'Total',
  'Discount Amount',
  'Created at',
  'Lineitem quantity',
  'Lineitem name',
  'Lineitem price',
  'Lineitem sku',
  'Billing Country',
  'Shipping Province',
  'Cancelled at',
  'Refunded Amount',
  'Lineitem discount',
];

const time = (text: string) => `toTimeZone(parseDateTime64BestEffortOrNull(${text}, 3, {tz:String}), 'UTC')`;

/** Every row, with the order-level fields of its order's first row spread to all its rows. */
const rows = (col: (c: string) => string, raw: string) => `
  SELECT _line,
    formatRowNoNewline('CSV', ${COLUMNS.map(col).join(', ')}) AS _source_text,
    trimBoth(${col('Name')}) AS name,
    row_number() OVER (PARTITION BY name ORDER BY _line) AS line_no,
    first_value(lower(trimBoth(${col('Email')}))) OVER w AS email,
    first_value(lower(trimBoth(${col('Financial Status')}))) OVER w AS financial,
    first_value(lower(trimBoth(${col('Fulfillment Status')}))) OVER w AS fulfillment,
    first_value(trimBoth(${col('Created at')})) OVER w AS created_text,
    first_value(trimBoth(${col('Paid at')})) OVER w AS paid_text,
    first_value(trimBoth(${col('Fulfilled at')})) OVER w AS fulfilled_text,
    first_value(trimBoth(${col('Cancelled at')})) OVER w AS cancelled_text,
    first_value(trimBoth(${col('Currency')})) OVER w AS currency,
    first_value(trimBoth(${col('Subtotal')})) OVER w AS subtotal,
    first_value(trimBoth(${col('Shipping')})) OVER w AS shipping,
    first_value(trimBoth(${col('Total')})) OVER w AS total,
    first_value(trimBoth(${col('Discount Amount')})) OVER w AS discount,
    first_value(trimBoth(${col('Refunded Amount')})) OVER w AS refunded,
    first_value(if(trimBoth(${col('Shipping Province')}) != '', trimBoth(${col('Shipping Province')}), trimBoth(${col('Billing Country')}))) OVER w AS region,
    trimBoth(${col('Lineitem quantity')}) AS qty,
    trimBoth(${col('Lineitem name')}) AS item_name,
    trimBoth(${col('Lineitem price')}) AS item_price,
    trimBoth(${col('Lineitem sku')}) AS sku,
    if(trimBoth(${col('Lineitem discount')}) = '', '0', trimBoth(${col('Lineitem discount')})) AS item_discount
  FROM ${raw}
  WINDOW w AS (PARTITION BY trimBoth(${col('Name')}) ORDER BY _line ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)`;

export const shopifyOrdersPreset: Preset = {
  name: 'shopify-orders',
  description: 'Shopify orders export CSV (one row per line item): orders, order lines, customers',
  reader: { type: 'csv' },
  columns: COLUMNS,
  shop: { currency: 'USD', timeZone: 'America/New_York' },
  outputs: [
    {
      kind: 'orders',
      provides: [
        'order_id',
        'customer_id',
        'created_at',
        'paid_at',
        'status',
        'currency',
        'items_amount',
        'discount_amount',
        'shipping_amount',
        'paid_amount',
        'refund_amount',
        'updated_at',
        'region',
      ],
      select: (col, raw) => `
        SELECT _line, concat('order ', name) AS _source_text, '' AS _reject,
          name AS order_id, email AS customer_id,
          if(${time('created_text')} IS NULL, created_text, ${iso(time('created_text'))}) AS created_at,
          if(paid_text = '', '', if(${time('paid_text')} IS NULL, paid_text, ${iso(time('paid_text'))})) AS paid_at,
          multiIf(cancelled_text != '' OR financial = 'voided', 'cancelled',
                  financial = 'refunded', 'refunded',
                  financial = 'partially_refunded', 'partially_refunded',
                  financial = 'paid' AND fulfillment = 'fulfilled', 'shipped',
                  financial = 'paid', 'paid',
                  'created') AS status,
          currency AS currency,
          toString(toDecimal64OrZero(subtotal, 2) + toDecimal64OrZero(discount, 2)) AS items_amount,
          if(discount = '', '0', discount) AS discount_amount,
          if(shipping = '', '0', shipping) AS shipping_amount,
          if(financial IN ('pending', 'authorized', 'voided'), '0', total) AS paid_amount,
          if(refunded = '', '0', refunded) AS refund_amount,
          ${iso(`greatest(ifNull(${time('created_text')}, toDateTime64(0, 3, 'UTC')), ifNull(${time('paid_text')}, toDateTime64(0, 3, 'UTC')), ifNull(${time('fulfilled_text')}, toDateTime64(0, 3, 'UTC')), ifNull(${time('cancelled_text')}, toDateTime64(0, 3, 'UTC')))`)} AS updated_at,
          region AS region
        FROM (${rows(col, raw)}) WHERE line_no = 1`,
    },
    {
      kind: 'order_items',
      provides: ['order_id', 'line_no', 'product_id', 'sku', 'product_name', 'quantity', 'unit_price', 'discount', 'amount', 'created_at'],
      select: (col, raw) => `
        SELECT _line, _source_text, '' AS _reject,
          name AS order_id, toString(line_no) AS line_no, if(sku != '', sku, item_name) AS product_id, sku AS sku, item_name AS product_name,
          qty AS quantity, item_price AS unit_price, item_discount AS discount,
          toString(toInt64OrZero(qty) * toDecimal64OrZero(item_price, 2) - toDecimal64OrZero(item_discount, 2)) AS amount,
          if(${time('created_text')} IS NULL, created_text, ${iso(time('created_text'))}) AS created_at
        FROM (${rows(col, raw)})`,
    },
    {
      kind: 'customers',
      provides: ['customer_id', 'region', 'signed_up_at'],
      select: (col, raw) => `
        SELECT min(_line) AS _line, concat('customer ', email) AS _source_text, '' AS _reject,
          email AS customer_id, argMin(region, created_text) AS region, ${iso(`min(${time('created_text')})`)} AS signed_up_at
        FROM (${rows(col, raw)}) WHERE email != '' AND line_no = 1 GROUP BY email`,
    },
  ],
};
