/**
 * Marked days (活动标注): the shop's calendar of what its days are known for. Everyone who sees the
 * shop sees them on its charts and its diagnosis; whoever may run analyses may mark days.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { authOf, shopOf } from '../auth/access.js';
import { AnnotationsRepo, MAX_NOTE, MAX_TITLE, type MarkInput } from '../metadata/annotations.repo.js';
import type { MetadataDb } from '../metadata/open-metadata.js';
import { ANNOTATION_KINDS } from '../metadata/schema.js';
import { DateString, ShopParams } from './analysis-query.js';

const fields = {
  from: DateString,
  to: DateString,
  title: Type.String({ minLength: 1, maxLength: MAX_TITLE }),
  kind: Type.Union(
    ANNOTATION_KINDS.map((k) => Type.Literal(k)),
    { description: 'promotion, live_stream, ads, new_product, incident or other' },
  ),
  note: Type.Union([Type.String({ maxLength: MAX_NOTE }), Type.Null()]),
};
const MarkBody = Type.Object(
  { from: fields.from, to: fields.to, title: fields.title, kind: fields.kind, note: Type.Optional(fields.note) },
  { additionalProperties: false },
);
const MarkChanges = Type.Object(
  {
    from: Type.Optional(fields.from),
    to: Type.Optional(fields.to),
    title: Type.Optional(fields.title),
    kind: Type.Optional(fields.kind),
    note: Type.Optional(fields.note),
  },
  { additionalProperties: false, minProperties: 1 },
);
const IdParams = Type.Object({ shop: Type.String(), id: Type.Integer({ minimum: 1 }) });

export function annotationsRoutes(app: FastifyInstance, db: MetadataDb): void {
  const repo = new AnnotationsRepo(db);
  const idOf = (request: { params: unknown }) => (request.params as { id: number }).id;
  app.get(
    '/api/v1/shops/:shop/annotations',
    {
      config: { access: 'shop.view' },
      schema: {
        tags: ['annotations'],
        summary: 'Marked days: what the shop’s days are known for (promotions, live streams, outages)',
        description: 'from, to: only the marks touching a day of that range (either end may be left open). Earliest first.',
        params: ShopParams,
        querystring: Type.Object({ from: Type.Optional(DateString), to: Type.Optional(DateString) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const q = request.query as { from?: string; to?: string };
      return { annotations: await repo.list(shopOf(request).id, q) };
    },
  );
  app.post(
    '/api/v1/shops/:shop/annotations',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['annotations'],
        summary: 'Mark days (first and last day, shop-local, inclusive)',
        params: ShopParams,
        body: MarkBody,
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const by = auth.principal.kind === 'user' ? auth.principal.user.id : undefined;
      return reply.code(201).send(await repo.create(shopOf(request).id, request.body as MarkInput, by));
    },
  );
  app.get(
    '/api/v1/shops/:shop/annotations/:id',
    { config: { access: 'shop.view' }, schema: { tags: ['annotations'], summary: 'One mark', params: IdParams } },
    async (request) => repo.get(shopOf(request).id, idOf(request)),
  );
  app.patch(
    '/api/v1/shops/:shop/annotations/:id',
    {
      config: { access: 'analyses.read' },
      schema: { tags: ['annotations'], summary: 'Change a mark (the fields given)', params: IdParams, body: MarkChanges },
    },
    async (request) => repo.update(shopOf(request).id, idOf(request), request.body as Partial<MarkInput>),
  );
  app.delete(
    '/api/v1/shops/:shop/annotations/:id',
    { config: { access: 'analyses.read' }, schema: { tags: ['annotations'], summary: 'Remove a mark', params: IdParams } },
    async (request, reply) => {
      await repo.delete(shopOf(request).id, idOf(request));
      return reply.code(204).send();
    },
  );
}
