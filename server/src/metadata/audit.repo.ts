/** The audit log: sign-ins, key creation, member and role changes, imports, exports, deletions. */
import type { MetadataDb } from './open-metadata.js';
import type { AuditEntry } from './schema.js';

export interface AuditEvent {
  actor: string;
  action: string;
  organizationId?: number | null;
  shopId?: number | null;
  detail?: Record<string, unknown>;
  ip?: string | null;
}

export class AuditRepo {
  constructor(private readonly db: MetadataDb) {}

  async record(e: AuditEvent): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        actor: e.actor,
        action: e.action,
        organization_id: e.organizationId ?? null,
        shop_id: e.shopId ?? null,
        detail: JSON.stringify(e.detail ?? {}),
        ip: e.ip ?? null,
      })
      .execute();
  }

  async list(filter: { shopId?: number; organizationId?: number; limit?: number } = {}): Promise<AuditEntry[]> {
    let q = this.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(filter.limit ?? 100);
    if (filter.shopId !== undefined) q = q.where('shop_id', '=', filter.shopId);
    if (filter.organizationId !== undefined) q = q.where('organization_id', '=', filter.organizationId);
    return q.execute();
  }
}
