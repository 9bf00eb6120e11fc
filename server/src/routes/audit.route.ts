/** The shop's audit log, for owners and admins. */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { shopOf } from '../auth/access.js';
import { AuditRepo, type MetadataDb } from '../metadata/index.js';
import { ShopParams } from './analysis-query.js';

export function auditRoutes(app: FastifyInstance, db: MetadataDb): void {
  const audit = new AuditRepo(db);
  app.get(
    '/api/v1/shops/:shop/audit',
    {
      config: { access: 'members.manage' },
      schema: {
        tags: ['settings'],
        summary: 'Recent audit entries of the shop: imports, keys, members, erasures',
        params: ShopParams,
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            entries: Type.Array(
              Type.Object({
                at: Type.String(),
                actor: Type.String(),
                action: Type.String(),
                detail: Type.Unknown(),
                ip: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const shop = shopOf(request);
      const entries = await audit.list({ shopId: shop.id, limit: (request.query as { limit: number }).limit });
      return {
        entries: entries.map((e) => ({ at: new Date(e.at).toISOString(), actor: e.actor, action: e.action, detail: e.detail, ip: e.ip })),
      };
    },
  );
}
