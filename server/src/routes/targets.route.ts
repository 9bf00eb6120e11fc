/**
 * Monthly targets (经营目标): set by whoever manages the shop's settings, their progress read by
 * whoever runs analyses — month to date against each target, pace, projection, what each
 * remaining day must bring.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { currentMonth, targetProgress } from '../analyses/target-progress.js';
import { authOf, shopOf } from '../auth/access.js';
import { exportable, exportQuery } from '../exports/respond.js';
import { checkMonth, MAX_TARGET, TargetsRepo } from '../metadata/targets.repo.js';
import type { Stores } from '../store/open-stores.js';
import { ShopParams } from './analysis-query.js';

const MonthString = Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'a calendar month, YYYY-MM' });
const TargetValue = Type.Union([Type.Number({ exclusiveMinimum: 0, maximum: MAX_TARGET }), Type.Null()]);

export function targetsRoutes(app: FastifyInstance, stores: Stores): void {
  const repo = new TargetsRepo(stores.metadata);
  const progress = async (shop: ReturnType<typeof shopOf>, month: string) =>
    targetProgress(stores.warehouse.forShop(shop.id), shop, month, await repo.get(shop.id, month));
  app.get(
    '/api/v1/shops/:shop/targets',
    {
      // On the home page, which every member sees (shop.view); setting them is settings.manage.
      config: { access: 'shop.view' },
      schema: {
        tags: ['analyses'],
        summary: 'Monthly targets and their progress: month to date, share reached, pace, projection, needed per remaining day',
        description: 'month: YYYY-MM (default the shop’s current month). Definitions: docs/metrics.md.',
        params: ShopParams,
        querystring: Type.Object({ month: Type.Optional(MonthString), ...exportQuery() }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const month = (request.query as { month?: string }).month ?? currentMonth(shop);
      checkMonth(month);
      return exportable(request, reply, stores, 'targets', await progress(shop, month));
    },
  );
  app.put(
    '/api/v1/shops/:shop/targets/:month',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags: ['settings'],
        summary: 'Set (a number above 0) or clear (null) the month’s targets; figures not given stay',
        params: Type.Object({ shop: Type.String(), month: MonthString }),
        body: Type.Object(
          { gmv: Type.Optional(TargetValue), paid_orders: Type.Optional(TargetValue) },
          { additionalProperties: false, minProperties: 1 },
        ),
      },
    },
    async (request) => {
      const shop = shopOf(request);
      const { month } = request.params as { month: string };
      const auth = authOf(request);
      await repo.set(
        shop.id,
        month,
        request.body as { gmv?: number | null; paid_orders?: number | null },
        auth.principal.kind === 'user' ? auth.principal.user.id : undefined,
      );
      return progress(shop, month);
    },
  );
}
