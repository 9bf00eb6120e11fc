/**
 * The documented generic import schemas: one per kind, column by column. Files in these layouts
 * load without a preset or mapping; presets and mapping files translate other layouts into them.
 * Column order here is the order the fixtures generator writes.
 */
export type ImportColumnType = 'string' | 'integer' | 'decimal' | 'timestamp' | 'json';

export interface ImportColumn {
  name: string;
  type: ImportColumnType;
  required: boolean;
  meaning: string;
}

export const IMPORT_KINDS = ['events', 'orders', 'order_items', 'products', 'customers'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * The suggested refund reason codes (售后原因). A source with its own words keeps them; these are the
 * ones the dashboard names in both languages and the generator writes.
 */
export const REFUND_REASONS = [
  'changed_mind',
  'not_as_described',
  'quality',
  'wrong_size',
  'damaged',
  'wrong_item',
  'late_delivery',
  'other',
] as const;

const c = (name: string, type: ImportColumnType, required: boolean, meaning: string): ImportColumn => ({ name, type, required, meaning });

const TRAFFIC = [
  c(
    'channel',
    'string',
    false,
    'search, recommendation, live_stream, social_share, ads, direct, email_sms or other; classified from utm_* and referrer when empty',
  ),
  c('utm_source', 'string', false, 'traffic source, e.g. taobao_search, douyin_live, wechat'),
  c('utm_medium', 'string', false, 'traffic medium, e.g. organic, cpc, live, social, crm'),
  c('utm_campaign', 'string', false, 'campaign name'),
  c('live_room_id', 'string', false, 'live-stream room the visit came from'),
  c('sharer_id', 'string', false, 'customer or affiliate who shared the link'),
  c('device', 'string', false, 'mobile_app, mobile_web, desktop, mini_program, ...'),
  c('region', 'string', false, 'province, state or country'),
];

export const IMPORT_SCHEMAS: Record<ImportKind, readonly ImportColumn[]> = {
  events: [
    c(
      'event_id',
      'string',
      false,
      'the source’s unique id for the event; when empty a hash of the row is used, so re-imports do not duplicate',
    ),
    c('ts', 'timestamp', true, 'when it happened: ISO 8601 with Z or an offset; without a zone it is read in the shop’s time zone'),
    c(
      'event',
      'string',
      true,
      'page_view, product_view, search, add_to_cart, checkout_start, order_paid, refund, follow, coupon_claim, or any custom name',
    ),
    c('visitor_id', 'string', true, 'anonymous visitor (device/cookie) id'),
    c('customer_id', 'string', false, 'signed-in customer id, when known'),
    c(
      'session_id',
      'string',
      false,
      'session id; when empty, sessions are derived per import: a visitor’s events split where 30 minutes pass without activity',
    ),
    ...TRAFFIC,
    c('referrer', 'string', false, 'referring URL'),
    c('product_id', 'string', false, 'product the event is about'),
    c('category', 'string', false, 'that product’s category'),
    c('order_id', 'string', false, 'order the event is about (checkout_start, order_paid, refund)'),
    c('quantity', 'integer', false, 'units (add_to_cart, order_paid)'),
    c('amount', 'decimal', false, 'money in the shop currency, 0 or more (order_paid: amount paid; refund: amount refunded)'),
    c('search_term', 'string', false, 'what was searched (search)'),
    c('properties', 'json', false, 'any other attributes as a JSON object of strings'),
  ],
  orders: [
    c('order_id', 'string', true, 'order id, unique in the shop'),
    c('customer_id', 'string', false, 'buyer; empty for a guest checkout (counts in sales, not in customer analyses)'),
    c('visitor_id', 'string', false, 'visitor who placed it'),
    c('created_at', 'timestamp', true, 'when the order was placed'),
    c('paid_at', 'timestamp', false, 'when it was paid; empty if never paid'),
    c('status', 'string', true, 'created, paid, shipped, completed, refunded, partially_refunded or cancelled'),
    c('currency', 'string', false, 'ISO 4217; the shop currency when empty'),
    c(
      'items_amount',
      'decimal',
      true,
      'sum of line amounts before order-level discount; 0 or more, like every order amount (a row with a negative one is rejected)',
    ),
    c('discount_amount', 'decimal', false, 'order-level discount (coupons), as a positive amount'),
    c('shipping_amount', 'decimal', false, 'shipping charged'),
    c('paid_amount', 'decimal', true, 'amount paid: items − discount + shipping'),
    c('refund_amount', 'decimal', false, 'amount refunded so far, as a positive amount'),
    c('refunded_at', 'timestamp', false, 'when the (last) refund happened'),
    c(
      'refund_reason',
      'string',
      false,
      `why it was refunded: ${REFUND_REASONS.join(', ')}, or the source’s own words (kept trimmed, in lower case)`,
    ),
    c('updated_at', 'timestamp', true, 'when this version of the order was recorded; the latest wins'),
    ...TRAFFIC,
  ],
  order_items: [
    c('order_id', 'string', true, 'order the line belongs to'),
    c('line_no', 'integer', true, 'line number within the order, from 1'),
    c('product_id', 'string', true, 'product'),
    c('sku', 'string', false, 'stock-keeping unit'),
    c('product_name', 'string', false, 'product name at the time of sale'),
    c('category', 'string', false, 'product category'),
    c('quantity', 'integer', true, 'units'),
    c('unit_price', 'decimal', true, 'price per unit'),
    c('discount', 'decimal', false, 'line discount'),
    c('amount', 'decimal', true, 'quantity × unit_price − discount'),
    c('created_at', 'timestamp', true, 'when the order was placed'),
  ],
  products: [
    c('product_id', 'string', true, 'product id'),
    c('name', 'string', true, 'product name'),
    c('category', 'string', true, 'category'),
    c('price', 'decimal', true, 'list price'),
    c('updated_at', 'timestamp', false, 'when this version was recorded; the latest wins'),
  ],
  customers: [
    c('customer_id', 'string', true, 'customer id'),
    c('signed_up_at', 'timestamp', false, 'when the customer registered (funnel breakdown person.signup_month)'),
    c('region', 'string', false, 'home region (funnel breakdown person.region)'),
    c('member_level', 'string', false, 'loyalty tier (funnel breakdown person.member_level)'),
    c('updated_at', 'timestamp', false, 'when this version was recorded; the latest wins'),
  ],
};

export function columnNames(kind: ImportKind): string[] {
  return IMPORT_SCHEMAS[kind].map((col) => col.name);
}
