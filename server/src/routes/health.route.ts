/** Liveness and readiness: both stores must answer. */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Stores } from '../store/open-stores.js';

const StoreStatus = Type.Object({ ok: Type.Boolean(), mode: Type.String(), error: Type.Optional(Type.String()) });
const HealthResponse = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  warehouse: StoreStatus,
  metadata: StoreStatus,
});

export function healthRoutes(app: FastifyInstance, stores: Stores): void {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Checks that the warehouse and the metadata store answer',
        response: { 200: HealthResponse, 503: HealthResponse },
      },
    },
    async (_request, reply) => {
      const warehouseOk = await stores.warehouse.ping();
      const metadata = await sql`select 1 as ok`
        .execute(stores.metadata)
        .then(() => ({ ok: true }))
        .catch((e: unknown) => ({ ok: false, error: e instanceof Error ? e.message : String(e) }));
      const body = {
        status: warehouseOk && metadata.ok ? ('ok' as const) : ('degraded' as const),
        warehouse: { ok: warehouseOk, mode: stores.warehouse.mode === 'embedded' ? 'chdb' : 'clickhouse-server' },
        metadata: { ...metadata, mode: stores.config.databaseUrl ? 'postgresql' : 'pglite' },
      };
      return reply.status(body.status === 'ok' ? 200 : 503).send(body);
    },
  );
}
