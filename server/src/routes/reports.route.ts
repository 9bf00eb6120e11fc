/**
 * Saved reports: any analysis with its parameters, saved under a name for the shop, so members
 * can reopen it from the dashboard (the funnel builder saves funnels here) or share its link.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { authOf, shopOf } from '../auth/access.js';
import { BadRequestError } from '../errors.js';
import { pathParamProblem, REQUESTABLE_ANALYSES } from '../exports/analysis-request.js';
import { type SavedReport, SavedReportsRepo } from '../metadata/index.js';
import type { MetadataDb } from '../metadata/open-metadata.js';
import { ShopParams } from './analysis-query.js';

/** What a saved report can hold: every analysis the API's routes answer by name. */
export const REPORT_ANALYSES = REQUESTABLE_ANALYSES;

const ReportBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    analysis: Type.Union(REPORT_ANALYSES.map((a) => Type.Literal(a))),
    // The analysis's own parameters (query string or funnel body), checked again when it runs.
    params: Type.Record(Type.String(), Type.Unknown(), { maxProperties: 50 }),
  },
  { additionalProperties: false },
);
// Unknown query parameters are a 400, as on every read route.
const NoQuery = Type.Object({}, { additionalProperties: false });
const IdParams = Type.Object({ shop: Type.String(), id: Type.Integer({ minimum: 1 }) });

const view = (r: SavedReport) => ({
  id: r.id,
  name: r.name,
  analysis: r.analysis,
  params: typeof r.params === 'string' ? JSON.parse(r.params) : r.params,
  created_by: r.created_by,
  created_at: r.created_at,
  updated_at: r.updated_at,
});

export function reportsRoutes(app: FastifyInstance, db: MetadataDb): void {
  const repo = new SavedReportsRepo(db);
  app.get(
    '/api/v1/shops/:shop/reports',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['reports'],
        summary: 'Saved reports of the shop',
        params: ShopParams,
        querystring: NoQuery,
      },
    },
    async (request) => ({ reports: (await repo.list(shopOf(request).id)).map(view) }),
  );
  app.post(
    '/api/v1/shops/:shop/reports',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['reports'],
        summary: 'Save an analysis with its parameters',
        params: ShopParams,
        body: ReportBody,
      },
    },
    async (request, reply) => {
      const body = request.body as { name: string; analysis: string; params: Record<string, unknown> };
      // A report that could never run (who bought which product?) is refused now, not at its first slot.
      const problem = pathParamProblem(body.analysis, body.params);
      if (problem) throw new BadRequestError(problem, 'params');
      const auth = authOf(request);
      const createdBy = auth.principal.kind === 'user' ? auth.principal.user.id : undefined;
      const report = await repo.create({
        shopId: shopOf(request).id,
        name: body.name,
        analysis: body.analysis,
        params: body.params,
        createdBy,
      });
      return reply.code(201).send(view(report));
    },
  );
  app.get(
    '/api/v1/shops/:shop/reports/:id',
    {
      config: { access: 'analyses.read' },
      schema: { tags: ['reports'], summary: 'One saved report', params: IdParams, querystring: NoQuery },
    },
    async (request) => view(await repo.get(shopOf(request).id, (request.params as { id: number }).id)),
  );
  app.delete(
    '/api/v1/shops/:shop/reports/:id',
    { config: { access: 'analyses.read' }, schema: { tags: ['reports'], summary: 'Delete a saved report', params: IdParams } },
    async (request, reply) => {
      await repo.delete(shopOf(request).id, (request.params as { id: number }).id);
      return reply.code(204).send();
    },
  );
}
