/**
 * Campaign review (活动复盘) over HTTP: GET /api/v1/shops/:shop/analyses/campaign-review — a
 * promotion's days against the usual days before them and the days after.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { campaignReview } from '../analyses/campaign-review.analysis.js';
import { AFTER_DEFAULT_DAYS, AFTER_MAX_DAYS, campaignWindows } from '../analyses/campaign-windows.js';
import { shopOf } from '../auth/access.js';
import { exportable, exportQuery } from '../exports/respond.js';
import type { Stores } from '../store/open-stores.js';
import { DateString, type FilterParams, filterQuery, filtersOf, ShopParams } from './analysis-query.js';

export function campaignReviewRoutes(app: FastifyInstance, stores: Stores): void {
  app.get(
    '/api/v1/shops/:shop/analyses/campaign-review',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['analyses'],
        summary:
          'Campaign review: a promotion’s days against the usual days before them (per day) and the days after; the extra payment amount by channel and product; first-time buyers’ 30-day repurchase',
        description:
          'from/to: the campaign’s first and last shop-local day (at most 93; days not yet complete are left out). Usual: the 28 days before `from` unless usual_from/usual_to are given (ending before `from`). compare_from/compare_to: another campaign’s days, set beside these. Definitions: docs/metrics.md.',
        params: ShopParams,
        querystring: Type.Object(
          {
            from: DateString,
            to: DateString,
            usual_from: Type.Optional(DateString),
            usual_to: Type.Optional(DateString),
            after_days: Type.Optional(Type.Integer({ minimum: 0, maximum: AFTER_MAX_DAYS, default: AFTER_DEFAULT_DAYS })),
            compare_from: Type.Optional(DateString),
            compare_to: Type.Optional(DateString),
            ...filterQuery(),
            ...exportQuery(),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const q = request.query as {
        from: string;
        to: string;
        usual_from?: string;
        usual_to?: string;
        after_days?: number;
        compare_from?: string;
        compare_to?: string;
      } & FilterParams;
      const windows = campaignWindows(shop, q);
      // The scope binds this shop into every query; nothing from the request reaches SQL as text.
      const result = await campaignReview(stores.warehouse.forShop(shop.id), shop, windows, filtersOf(q));
      return exportable(request, reply, stores, 'campaign_review', result);
    },
  );
}
