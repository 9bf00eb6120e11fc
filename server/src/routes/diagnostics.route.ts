/** GET /api/v1/shops/:shop/diagnostics: the store diagnosis for a day or a week. */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { type DiagnosisPeriod, diagnose } from '../analyses/diagnostics/diagnostics.analysis.js';
import { withMarkedDays } from '../analyses/diagnostics/marked-days.js';
import { shopOf } from '../auth/access.js';
import { exportable, exportQuery } from '../exports/respond.js';
import { AnnotationsRepo } from '../metadata/annotations.repo.js';
import { TargetsRepo } from '../metadata/targets.repo.js';
import type { Stores } from '../store/open-stores.js';
import { DateString, type FilterParams, filterQuery, filtersOf, oneOf, ShopParams } from './analysis-query.js';

export function diagnosticsRoutes(app: FastifyInstance, stores: Stores): void {
  const annotations = new AnnotationsRepo(stores.metadata);
  const targets = new TargetsRepo(stores.metadata);
  app.get(
    '/api/v1/shops/:shop/diagnostics',
    {
      // The home page: every member sees it, viewers included (shop.view — the merchant's morning check).
      config: { access: 'shop.view' },
      schema: {
        tags: ['analyses'],
        summary:
          'Store diagnosis: figures against usual, the payment-amount change split by driver, ranked findings (en, zh), health checklist, the marked days it reads with',
        description:
          'date: the day (default yesterday, shop-local) or the last day of the week; period=week diagnoses the 7 days ending on date. Rules: docs/diagnostics.md.',
        params: ShopParams,
        querystring: Type.Object(
          { date: Type.Optional(DateString), period: Type.Optional(oneOf(['day', 'week'], 'day')), ...filterQuery(), ...exportQuery() },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const q = request.query as { date?: string; period?: DiagnosisPeriod } & FilterParams;
      const result = await diagnose(
        stores.warehouse.forShop(shop.id),
        shop,
        { date: q.date, period: q.period, targetsOf: (month) => targets.get(shop.id, month) },
        filtersOf(q),
      );
      // The marked days it reads with: of the diagnosed days, and of the days its usual came from.
      const answer = await withMarkedDays(result, (range) => annotations.list(shop.id, range));
      return exportable(request, reply, stores, 'diagnostics', answer);
    },
  );
}
