/** POST /api/v1/ingest: batches of storefront events, authenticated by a shop API key. */

import { Type } from '@sinclair/typebox';
import type { IngestBatcher } from '@storelens/etl';
import type { FastifyInstance } from 'fastify';
import { shopOf } from '../auth/access.js';

const Scalar = Type.Union([Type.String(), Type.Number(), Type.Null()]);
const IngestEvent = Type.Object(
  {
    event_id: Type.Optional(Type.String({ description: 'unique id from the storefront; makes retries safe' })),
    ts: Scalar,
    event: Type.String(),
    visitor_id: Type.String(),
    customer_id: Type.Optional(Scalar),
    session_id: Type.Optional(Scalar),
    properties: Type.Optional(Type.Record(Type.String(), Type.String())),
  },
  { additionalProperties: Scalar, description: 'An event in the events import schema (docs/import-schemas.md).' },
);

const IngestBody = Type.Object({ events: Type.Array(Type.Unknown(), { minItems: 1, maxItems: 5000 }) }, { additionalProperties: false });
const Verdict = Type.Object({
  index: Type.Integer(),
  status: Type.Union([Type.Literal('accepted'), Type.Literal('duplicate'), Type.Literal('rejected')]),
  reason: Type.Optional(Type.String()),
});
const IngestResponse = Type.Object({
  accepted: Type.Integer(),
  duplicate: Type.Integer(),
  rejected: Type.Integer(),
  results: Type.Array(Verdict),
});

export function ingestRoutes(app: FastifyInstance, batcher: IngestBatcher): void {
  app.addSchema({ $id: 'IngestEvent', ...IngestEvent });
  app.post(
    '/api/v1/ingest',
    {
      config: { access: 'ingest.write', rateLimit: { max: 6000, timeWindow: '1 minute' } },
      schema: {
        tags: ['ingestion'],
        summary: 'Ingest a batch of events for the API key’s shop',
        description:
          'Up to 5,000 events per request, each an object in the events import schema. The answer comes once the events are stored, with a verdict per event: accepted, duplicate (already stored — retries with the same event_id are safe) or rejected with the reason. Authenticate with "Authorization: Bearer slk_…" (scope ingest).',
        security: [{ apiKey: [] }],
        body: IngestBody,
        response: { 200: IngestResponse },
      },
    },
    async (request) => {
      const shop = shopOf(request);
      const { events } = request.body as { events: unknown[] };
      const verdicts = await batcher.submit({ id: shop.id, timeZone: shop.time_zone, currency: shop.currency }, events);
      const results = verdicts.map((v, index) => ({ index, ...v }));
      return {
        accepted: verdicts.filter((v) => v.status === 'accepted').length,
        duplicate: verdicts.filter((v) => v.status === 'duplicate').length,
        rejected: verdicts.filter((v) => v.status === 'rejected').length,
        results,
      };
    },
  );
}
