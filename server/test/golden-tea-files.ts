/**
 * The golden world's tiny-tea files read plainly, for figures a test counts itself instead of
 * asking Storelens: its events (first copy of each event id), order lines, catalogue names and categories, and the latest version of each order
 * (highest updated_at, ties to the later line, as compute_expected.py takes them), with shop-local
 * times — the shop is in Asia/Shanghai, UTC+8 all year. Only columns before any quoted field are
 * read, so a plain split on commas is enough.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FOLDER = join(import.meta.dirname, '..', '..', 'fixtures', 'golden', 'tiny', 'tiny-tea');

/** A time stamp on the shop's clock: its day, hour ("00"–"23") and ISO weekday ("1" = Monday). */
export function shanghai(ts: string): { day: string; hour: string; weekday: string } {
  const t = new Date(Date.parse(ts) + 8 * 3_600_000);
  return { day: t.toISOString().slice(0, 10), hour: String(t.getUTCHours()).padStart(2, '0'), weekday: String(t.getUTCDay() || 7) };
}

function table(kind: string): { col: (name: string) => number; rows: string[][] } {
  const [header, ...rows] = readFileSync(join(FOLDER, `${kind}-00000.csv`), 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(','));
  return { col: (name) => (header ?? []).indexOf(name), rows };
}

export interface GoldenEvent {
  ts: string;
  /** The event's name (product_view, add_to_cart, …). */
  name: string;
  visitor: string;
  /** The customer signed in on it ('' when none). */
  customer: string;
  /** The event's product and its category ('' when it is about none). */
  product: string;
  category: string;
  /** The live room the visit came through ('' when none). */
  liveRoom: string;
}

export function goldenTeaEvents(): GoldenEvent[] {
  const { col, rows } = table('events');
  const seen = new Set<string>();
  const out: GoldenEvent[] = [];
  for (const r of rows) {
    const [id, ts, visitor] = [r[col('event_id')], r[col('ts')], r[col('visitor_id')]];
    if (!id || !ts || !visitor || seen.has(id)) continue;
    seen.add(id);
    out.push({
      ts,
      name: r[col('event')] ?? '',
      visitor,
      customer: r[col('customer_id')] ?? '',
      product: r[col('product_id')] ?? '',
      category: r[col('category')] ?? '',
      liveRoom: r[col('live_room_id')] ?? '',
    });
  }
  return out;
}

/** Order lines (each line once in these files): what was bought on which order. */
export function goldenTeaLines(): Array<{ order: string; product: string; category: string; quantity: number; amount: number }> {
  const { col, rows } = table('order_items');
  return rows.map((r) => ({
    order: r[col('order_id')] ?? '',
    product: r[col('product_id')] ?? '',
    category: r[col('category')] ?? '',
    quantity: Number(r[col('quantity')]),
    amount: Number(r[col('amount')]),
  }));
}

/** The catalogue's product names. */
export function goldenTeaProductNames(): Map<string, string> {
  const { col, rows } = table('products');
  return new Map(rows.map((r) => [r[col('product_id')] ?? '', r[col('name')] ?? '']));
}

/** The catalogue's product categories. */
export function goldenTeaCatalogueCategories(): Map<string, string> {
  const { col, rows } = table('products');
  return new Map(rows.map((r) => [r[col('product_id')] ?? '', r[col('category')] ?? '']));
}

/** The imported customer records (one per customer in these files): who, when they signed up ('' when the file does not say), their member level. */
export function goldenTeaCustomerRecords(): Array<{ customer: string; signedUpAt: string; memberLevel: string }> {
  const { col, rows } = table('customers');
  return rows.map((r) => ({
    customer: r[col('customer_id')] ?? '',
    signedUpAt: r[col('signed_up_at')] ?? '',
    memberLevel: r[col('member_level')] ?? '',
  }));
}

export interface GoldenOrder {
  id: string;
  customer: string;
  paidAt: string;
  paid: number;
  items: number;
  discount: number;
  /** The amount refunded as the order stands now (0 when none). */
  refund: number;
  /** The live room the order was placed in ('' when none). */
  liveRoom: string;
}

/** Each order's latest version, if it is paid. */
export function goldenTeaPaidOrders(): GoldenOrder[] {
  const { col, rows } = table('orders');
  const latest = new Map<string, string[]>();
  for (const r of rows) {
    const id = r[col('order_id')] ?? '';
    const before = latest.get(id);
    if (!before || (r[col('updated_at')] ?? '') >= (before[col('updated_at')] ?? '')) latest.set(id, r);
  }
  return [...latest.values()]
    .filter((r) => r[col('paid_at')])
    .map((r) => ({
      id: r[col('order_id')] ?? '',
      customer: r[col('customer_id')] ?? '',
      paidAt: r[col('paid_at')] ?? '',
      paid: Number(r[col('paid_amount')]),
      items: Number(r[col('items_amount')]),
      discount: Number(r[col('discount_amount')]),
      refund: Number(r[col('refund_amount')] || 0),
      liveRoom: r[col('live_room_id')] ?? '',
    }));
}
