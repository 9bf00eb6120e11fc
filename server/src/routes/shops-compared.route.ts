/**
 * `GET /api/v1/analyses/shops`: every shop the signed-in user's organizations hold, side by side
 * (the dashboard's "All shops" page). Not under `/shops/:shop`: which shops are read comes from the
 * user's memberships (`shopsReached`); every role sees each shop's overview and diagnosis (shop.view, as
 * on its home page), and for a download a shop where the role may not export is a row that says so
 * instead of figures.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { type ShopsRange, shopsCompared } from '../analyses/shops-compared.analysis.js';
import { shopsReached } from '../auth/access.js';
import type { Permission } from '../auth/permissions.js';
import { ForbiddenError } from '../errors.js';
import { type ExportParams, exportAcrossShops, exportQuery } from '../exports/respond.js';
import { shopsTable } from '../exports/shops-table.js';
import { ShopsRepo, TargetsRepo } from '../metadata/index.js';
import type { Stores } from '../store/open-stores.js';
import { DateString, type FilterParams, filterQuery, filtersOf } from './analysis-query.js';

export function shopsComparedRoutes(app: FastifyInstance, stores: Stores): void {
  const shops = new ShopsRepo(stores.metadata);
  const targets = new TargetsRepo(stores.metadata);
  app.get(
    '/api/v1/analyses/shops',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['analyses'],
        summary:
          'Every shop side by side: payment amount, visitors, paying buyers, conversion and spend per buyer, each against the period before, and each shop’s diagnosis of the last day',
        description:
          'Each shop’s own overview over its own days, in its own currency. `days` (default 7) means the N days ending yesterday in each shop’s time zone; `from`/`to` are the same dates for every shop. Each row also brings the shop’s diagnosis of its last day in brief (`diagnosis`: the home page’s headline, the most serious finding’s severity, how many findings are red and amber; the whole diagnosis is `/shops/{shop}/diagnostics?date=`), null for a day not begun yet. Rows are grouped by currency, largest payment amount first. With `format`, a shop where your role may not export is a row with `refused` and no figures.',
        // Always against the period before: no comparison parameters to choose.
        querystring: Type.Object(
          {
            days: Type.Optional(
              Type.Integer({ minimum: 1, maximum: 400, description: 'the last N days ending yesterday in each shop’s own time zone' }),
            ),
            from: Type.Optional(DateString),
            to: Type.Optional(DateString),
            ...filterQuery(),
            ...exportQuery(),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const q = request.query as ShopsRange & FilterParams & ExportParams;
      const range: ShopsRange = q.days === undefined && q.from === undefined && q.to === undefined ? { days: 7 } : q;
      // Each shop's overview and diagnosis, as its home page shows them: shop.view (every role).
      const needs: Permission[] = q.format ? ['shop.view', 'exports.run'] : ['shop.view'];
      const reach = shopsReached(request, await shops.list(), needs);
      const exported = reach.filter((r) => r.refusal === null).map((r) => r.shop);
      // A file of refusals only is no export: say why, before any shop is read.
      if (q.format && exported.length === 0) {
        throw new ForbiddenError(reach[0]?.refusal ?? 'You are not a member of any shop’s organization.');
      }
      const result = await shopsCompared(stores.warehouse, reach, { days: range.days, from: range.from, to: range.to }, filtersOf(q), {
        targetsOf: (shopId, month) => targets.get(shopId, month),
      });
      if (!q.format) return result;
      const span = result.days !== null ? `-last-${result.days}-days` : `-${result.rows[0]?.from ?? ''}_${result.rows[0]?.to ?? ''}`;
      return exportAcrossShops(request, reply, stores, 'all_shops', shopsTable(result), exported, span);
    },
  );
}
