/** Analyses over HTTP: GET /api/v1/shops/:shop/analyses/<name>. */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { dateRange, overview } from '../analyses/overview.analysis.js';
import { shopOf } from '../auth/access.js';
import type { Stores } from '../store/open-stores.js';

const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'shop-local date, YYYY-MM-DD' });

export function analysesRoutes(app: FastifyInstance, stores: Stores): void {
  app.get(
    '/api/v1/shops/:shop/analyses/overview',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['analyses'],
        summary: 'Core figures for a date range: totals, a daily series, and each metric’s definition',
        description: 'Days are calendar days in the shop’s time zone. Default range: the 7 days ending yesterday.',
        params: Type.Object({ shop: Type.String() }),
        querystring: Type.Object({ from: Type.Optional(DateString), to: Type.Optional(DateString) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const shop = shopOf(request);
      const q = request.query as { from?: string; to?: string };
      // The scope binds this shop into the query; nothing from the request reaches SQL as text.
      return overview(stores.warehouse.forShop(shop.id), shop, dateRange(shop, q.from, q.to));
    },
  );
}
