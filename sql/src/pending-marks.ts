/**
 * Marks of what waits for a recompute, shared by the recomputed tables (daily_sessions_pending:
 * days; buyer_days_pending: buyers). A marks table holds (shop_id, <key>, pending, version) rows;
 * a key's row with the highest version is its state (1 = marked, 0 = recomputed), versions counting
 * up per shop. Callers hold the shop's write lock (etl/src/shop-write-lock.ts), which is what makes
 * "one more than the shop's highest" a safe version and "clear what is marked" exact.
 * The keys never leave the engine: a mark is written from a SELECT, however many keys it names.
 */
import type { QueryTag } from './query-tag.js';
import type { AdminScope, QueryParams, ShopScope } from './scopes.js';

export class PendingMarks {
  constructor(
    private readonly table: string,
    private readonly key: string,
  ) {}

  /** The keys whose latest state is marked (with their shop_id); `where` narrows the rows read. */
  marked(where = ''): string {
    return `SELECT shop_id, ${this.key} FROM ${this.table} ${where} GROUP BY shop_id, ${this.key} HAVING argMax(pending, version) = 1`;
  }

  /** The shop's marked keys, as a SELECT of the key column. */
  markedOfShop(): string {
    return `SELECT ${this.key} FROM (${this.marked('WHERE shop_id = {shop_id:UInt32}')})`;
  }

  /** Marks the keys a shop-scoped SELECT names (in a column named as the key), e.g. before writing what changes them. */
  mark(scope: ShopScope, keysSql: string, params: QueryParams, tag: QueryTag): Promise<void> {
    return this.write(scope, keysSql, params, 1, tag);
  }

  /** Clears every mark of the shop (after its recompute). */
  clear(scope: ShopScope, tag: QueryTag): Promise<void> {
    return this.write(scope, this.markedOfShop(), {}, 0, tag);
  }

  /** How many keys are marked over every shop (an operator's gauge of recomputes waiting). */
  async count(admin: AdminScope, tag: QueryTag): Promise<number> {
    const [row] = await admin.rows<{ n: number }>(`SELECT count() AS n FROM (${this.marked()})`, {}, tag);
    return Number(row?.n ?? 0);
  }

  /** Shops with keys still marked (start-up recomputes them). */
  async shops(admin: AdminScope, tag: QueryTag): Promise<number[]> {
    const rows = await admin.rows<{ shop_id: number }>(`SELECT DISTINCT shop_id FROM (${this.marked()}) ORDER BY shop_id`, {}, tag);
    return rows.map((r) => Number(r.shop_id));
  }

  private write(scope: ShopScope, keysSql: string, params: QueryParams, pending: 0 | 1, tag: QueryTag): Promise<void> {
    return scope.command(
      `INSERT INTO ${this.table} (shop_id, ${this.key}, pending, version)
       SELECT DISTINCT {shop_id:UInt32}, ${this.key}, toUInt8(${pending}),
              (SELECT max(version) FROM ${this.table} WHERE shop_id = {shop_id:UInt32}) + 1
       FROM (${keysSql})`,
      params,
      tag,
    );
  }
}
