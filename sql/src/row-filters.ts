/**
 * Analysis filters as row filters. Query files read the fact tables through three placeholders —
 * {{events}}, {{orders}} (latest versions) and {{order_items}} (latest versions), optionally
 * aliased as {{orders AS o}} — and a filter
 * replaces each with the same table restricted to the matching rows, so an analysis with a
 * filter reads as if the shop had only those rows. Without filters the placeholders become the
 * plain tables and cost nothing. The text substituted is fixed here; values are bound parameters.
 *
 * - channel, device, region, live room: events and orders with one of the values; order lines of those
 *   orders (a live room's rows are the visits through it and the orders placed in it: 直播间).
 * - category: events about a product in the category; orders with a line in it; those lines.
 * - customer new / returning: returning = a visitor with an event (events) or a customer with a
 *   paid order (orders and their lines) in the 360 days before the period; new = not returning
 *   (guest orders are new). This history is not itself filtered.
 */
import type { QueryParams } from './scopes.js';

export interface RowFilters {
  channels?: readonly string[];
  devices?: readonly string[];
  regions?: readonly string[];
  liveRooms?: readonly string[];
  categories?: readonly string[];
  customer?: 'all' | 'new' | 'returning';
}

export interface FilterContext {
  /** First day of the analysed period (shop-local), for new vs returning. */
  since: string;
  /** The shop's time zone, for payment days. */
  tz: string;
}

// {{orders}} or, to alias it, {{orders AS o}} (FINAL must follow the alias, so the alias lives inside).
const PLACEHOLDER = /\{\{(events|orders|order_items)(?: AS ([a-z_][a-z0-9_]*))?\}\}/g;
const PLAIN = { events: 'events', orders: 'orders FINAL', order_items: 'order_items FINAL' } as const;

export function hasRowFilters(f: RowFilters | undefined): boolean {
  return Boolean(
    f &&
      (f.channels?.length ||
        f.devices?.length ||
        f.regions?.length ||
        f.liveRooms?.length ||
        f.categories?.length ||
        (f.customer && f.customer !== 'all')),
  );
}

/** The query with its placeholders as plain tables (no filters). */
export function plainTables(sql: string): string {
  return sql.replace(PLACEHOLDER, (_, t: keyof typeof PLAIN, alias?: string) => withAlias(PLAIN[t], alias));
}

/** `orders FINAL` with alias o is `orders AS o FINAL`; a subquery takes the alias after it. */
function withAlias(table: string, alias: string | undefined): string {
  if (!alias) return table;
  return table.endsWith(' FINAL') ? `${table.slice(0, -' FINAL'.length)} AS ${alias} FINAL` : `${table} AS ${alias}`;
}

const RETURNING_VISITORS =
  'SELECT visitor_id FROM events WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {f_since:Date} - 360 AND {f_since:Date} - 1';
const RETURNING_CUSTOMERS =
  "SELECT customer_id FROM orders FINAL WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {f_since:Date} - 392 AND {f_since:Date} - 1 AND customer_id != '' AND paid_at IS NOT NULL AND toDate(assumeNotNull(paid_at), {f_tz:String}) BETWEEN {f_since:Date} - 360 AND {f_since:Date} - 1";

/** The query with its placeholders replaced by filtered tables, and the filter parameters. */
export function withRowFilters(sql: string, f: RowFilters | undefined, ctx: FilterContext): { sql: string; params: QueryParams } {
  if (!f || !hasRowFilters(f)) return { sql: plainTables(sql), params: {} };
  const params: QueryParams = { f_since: ctx.since, f_tz: ctx.tz };
  const shared: string[] = [];
  for (const [column, values, name] of [
    ['channel', f.channels, 'f_channels'],
    ['device', f.devices, 'f_devices'],
    ['region', f.regions, 'f_regions'],
    ['live_room_id', f.liveRooms, 'f_live_rooms'],
  ] as const) {
    if (values?.length) {
      params[name] = [...values];
      shared.push(`${column} IN {${name}:Array(String)}`);
    }
  }
  const category = f.categories?.length ? 'category IN {f_categories:Array(String)}' : null;
  if (category) params.f_categories = [...(f.categories ?? [])];
  const customer = f.customer && f.customer !== 'all' ? f.customer : null;
  if (customer) params.f_returning = customer === 'returning' ? 1 : 0;

  const eventConds = [
    ...shared,
    ...(category ? [category] : []),
    ...(customer ? [`(visitor_id IN (${RETURNING_VISITORS})) = {f_returning:UInt8}`] : []),
  ];
  const orderLevel = [
    ...shared,
    ...(customer ? [`(customer_id != '' AND customer_id IN (${RETURNING_CUSTOMERS})) = {f_returning:UInt8}`] : []),
  ];
  const orderConds = [
    ...orderLevel,
    ...(category ? [`order_id IN (SELECT order_id FROM order_items FINAL WHERE shop_id = {shop_id:UInt32} AND ${category})`] : []),
  ];
  const itemConds = [
    ...(category ? [category] : []),
    ...(orderLevel.length
      ? [`order_id IN (SELECT order_id FROM orders FINAL WHERE shop_id = {shop_id:UInt32} AND ${orderLevel.join(' AND ')})`]
      : []),
  ];
  const table = (from: string, conds: string[]) =>
    conds.length ? `(SELECT * FROM ${from} WHERE shop_id = {shop_id:UInt32} AND ${conds.join(' AND ')})` : from;
  const tables = {
    events: table('events', eventConds),
    orders: table('orders FINAL', orderConds),
    order_items: table('order_items FINAL', itemConds),
  };
  return { sql: sql.replace(PLACEHOLDER, (_, t: keyof typeof tables, alias?: string) => withAlias(tables[t], alias)), params };
}
