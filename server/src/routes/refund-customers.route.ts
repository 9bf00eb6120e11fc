/** `GET /api/v1/shops/:shop/analyses/refund-customers`: who asked for refunds (refund-customers.analysis.ts). */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { dateRange } from '../analyses/overview.analysis.js';
import { REFUND_CUSTOMERS_DOWNLOAD_MAX, REFUND_CUSTOMERS_PAGE_MAX, refundCustomers } from '../analyses/refund-customers.analysis.js';
import { shopOf } from '../auth/access.js';
import { exportable, exportQuery } from '../exports/respond.js';
import type { Stores } from '../store/open-stores.js';
import { DateString, type FilterParams, filterQuery, filtersOf, pageQuery, ShopParams, segmentQuery } from './analysis-query.js';

export function refundCustomersRoutes(app: FastifyInstance, stores: Stores): void {
  app.get(
    '/api/v1/shops/:shop/analyses/refund-customers',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['analyses'],
        summary: 'Who asked for refunds: the known customers with a refunded order among those paid in the range, most refunded first',
        description: `The orders the refunds analysis reads (paid in the range, shop-local days, as they stand now); per customer with at least one refunded, their paid orders and amount, refunded orders and amount refunded, the day of the latest refund, and their RFM segment as of the range's last day (\`segment\` keeps one). Guests are counted (guest_refunded_orders), not listed. A page of \`limit\` from \`offset\`; with format= the download holds everyone (up to ${REFUND_CUSTOMERS_DOWNLOAD_MAX.toLocaleString('en-US')}).`,
        params: ShopParams,
        querystring: Type.Object(
          {
            from: Type.Optional(DateString),
            to: Type.Optional(DateString),
            ...pageQuery(REFUND_CUSTOMERS_PAGE_MAX),
            ...segmentQuery(
              'only customers in this RFM segment as of the range’s last day (e.g. champions: the refunds to follow up first)',
            ),
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
        from?: string;
        to?: string;
        limit: number;
        offset: number;
        segment?: string;
        format?: string;
      } & FilterParams;
      // A download is everyone, not the page on screen.
      const page = q.format ? { limit: REFUND_CUSTOMERS_DOWNLOAD_MAX, offset: 0 } : { limit: q.limit, offset: q.offset };
      const result = await refundCustomers(
        stores.warehouse.forShop(shop.id),
        shop,
        dateRange(shop, q.from, q.to),
        page,
        filtersOf(q),
        q.segment ?? null,
      );
      return exportable(request, reply, stores, 'refund_customers', result);
    },
  );
}
