/**
 * Privacy operations an owner can run: delete a shop with all its data, and erase one customer
 * (their events — including the anonymous visits of devices they used — orders, order lines,
 * customer record, first facts and rejected rows mentioning them), rebuilding the daily rollups of
 * the affected days so no trace stays in aggregates. Both are audited and verifiable: erasure
 * returns what remains afterwards, which must be nothing.
 */
import { withShopWriteLock } from '@storelens/etl';
import { markSessionDaysPending, rebuildRollupDays, refreshPendingSessionDays, type Warehouse } from '@storelens/sql';
import { AuditRepo, type MetadataDb, type Shop, ShopsRepo } from '../metadata/index.js';

const SHOP_TABLES = [
  'events',
  'orders',
  'order_items',
  'products',
  'customers',
  'customer_first_facts',
  'visitor_numbers',
  'daily_channel_metrics',
  'daily_product_metrics',
  'daily_stage_visitors',
  'daily_category_viewers',
  'daily_sessions',
  'daily_sessions_pending',
  'buyer_days',
  'buyer_days_pending',
  'import_rejects',
];
const TAG = { purpose: 'privacy', lane: 'bulk' as const, timeoutSeconds: 3600 };

export interface ErasureReport {
  customerId: string;
  visitors: number;
  daysRebuilt: number;
  remaining: { events: number; orders: number; customers: number; firstFacts: number };
}

export class PrivacyService {
  private readonly audit: AuditRepo;

  constructor(
    private readonly wh: Warehouse,
    private readonly db: MetadataDb,
  ) {
    this.audit = new AuditRepo(db);
  }

  async deleteShop(shop: Shop, actor: string, ip?: string): Promise<void> {
    const scope = this.wh.forShop(shop.id);
    for (const table of SHOP_TABLES) await scope.command(`DELETE FROM ${table} WHERE shop_id = {shop_id:UInt32}`, {}, TAG);
    await new ShopsRepo(this.db).delete(shop.slug);
    await this.audit.record({
      actor,
      action: 'shop.deleted',
      organizationId: shop.organization_id,
      shopId: shop.id,
      detail: { slug: shop.slug },
      ip: ip ?? null,
    });
  }

  /**
   * Under the shop's write lock (as every merge): the rollups of the erased days are cleared and
   * recomputed from the events, which a merge writing those days at the same time would upset.
   */
  eraseCustomer(shop: Shop, customerId: string, actor: string, ip?: string): Promise<ErasureReport> {
    return withShopWriteLock(this.wh, shop.id, () => this.eraseLocked(shop, customerId, actor, ip));
  }

  private async eraseLocked(shop: Shop, customerId: string, actor: string, ip?: string): Promise<ErasureReport> {
    const scope = this.wh.forShop(shop.id);
    const p = { c: customerId };
    // The devices the customer used: their anonymous visits are theirs too.
    const visitors = (
      await scope.rows<{ v: string }>(
        `SELECT DISTINCT visitor_id AS v FROM events WHERE shop_id = {shop_id:UInt32} AND customer_id = {c:String} AND visitor_id != ''
         UNION DISTINCT SELECT DISTINCT visitor_id FROM orders WHERE shop_id = {shop_id:UInt32} AND customer_id = {c:String} AND visitor_id != ''`,
        p,
        TAG,
      )
    ).map((r) => r.v);
    const q = { ...p, visitors };
    const mine = `shop_id = {shop_id:UInt32} AND (customer_id = {c:String} OR visitor_id IN {visitors:Array(String)})`;
    const days = (await scope.rows<{ d: string }>(`SELECT DISTINCT toString(day) AS d FROM events WHERE ${mine}`, q, TAG)).map((r) => r.d);
    const orderIds = (
      await scope.rows<{ o: string }>(
        'SELECT DISTINCT order_id AS o FROM orders WHERE shop_id = {shop_id:UInt32} AND customer_id = {c:String}',
        p,
        TAG,
      )
    ).map((r) => r.o);

    // Marked first: an erasure that dies after deleting leaves these days marked for start-up.
    await markSessionDaysPending(scope, 'SELECT arrayJoin({days:Array(Date)}) AS day', { days }, TAG);
    await scope.command(`DELETE FROM events WHERE ${mine}`, q, TAG);
    // A visitor number names a device; the number itself is not reused for anyone else's events.
    await scope.command(
      'DELETE FROM visitor_numbers WHERE shop_id = {shop_id:UInt32} AND visitor_id IN {visitors:Array(String)}',
      { visitors },
      TAG,
    );
    await scope.command(
      'DELETE FROM order_items WHERE shop_id = {shop_id:UInt32} AND order_id IN {orders:Array(String)}',
      { orders: orderIds },
      TAG,
    );
    await scope.command('DELETE FROM orders WHERE shop_id = {shop_id:UInt32} AND customer_id = {c:String}', p, TAG);
    await scope.command('DELETE FROM customers WHERE shop_id = {shop_id:UInt32} AND customer_id = {c:String}', p, TAG);
    await scope.command('DELETE FROM customer_first_facts WHERE shop_id = {shop_id:UInt32} AND customer_id = {c:String}', p, TAG);
    if (customerId.length >= 4) {
      await scope.command('DELETE FROM import_rejects WHERE shop_id = {shop_id:UInt32} AND position(raw, {c:String}) > 0', p, TAG);
    }
    // Rollups keep visitor sets per day: recompute the affected days from the remaining events.
    // Re-running an interrupted erasure is safe: each step is idempotent.
    await rebuildRollupDays(scope, days, TAG);
    await refreshPendingSessionDays(scope, TAG);
    // The customer's buyer days are theirs alone (a buyer is a customer id, or one guest order):
    // removed outright, not recomputed to zero rows that would keep the id's hash.
    for (const table of ['buyer_days', 'buyer_days_pending']) {
      await scope.command(`DELETE FROM ${table} WHERE shop_id = {shop_id:UInt32} AND buyer = cityHash64({c:String})`, p, TAG);
    }

    const count = async (sql: string, params: Record<string, unknown>) => (await scope.rows<{ n: number }>(sql, params, TAG))[0]?.n ?? 0;
    const remaining = {
      events: await count(`SELECT count() AS n FROM events WHERE ${mine}`, q),
      orders: await count('SELECT count() AS n FROM orders WHERE shop_id = {shop_id:UInt32} AND customer_id = {c:String}', p),
      customers: await count('SELECT count() AS n FROM customers WHERE shop_id = {shop_id:UInt32} AND customer_id = {c:String}', p),
      firstFacts: await count(
        'SELECT count() AS n FROM customer_first_facts WHERE shop_id = {shop_id:UInt32} AND customer_id = {c:String}',
        p,
      ),
    };
    // The audit entry keeps the customer id (the shop's own identifier) as the record of the request.
    await this.audit.record({
      actor,
      action: 'customer.erased',
      organizationId: shop.organization_id,
      shopId: shop.id,
      detail: { customerId, visitors: visitors.length, days: days.length, remaining },
      ip: ip ?? null,
    });
    return { customerId, visitors: visitors.length, daysRebuilt: days.length, remaining };
  }
}
