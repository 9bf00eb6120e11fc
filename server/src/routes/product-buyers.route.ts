/** `GET /api/v1/shops/:shop/analyses/products/:product/buyers`: who bought one product (product-buyers.analysis.ts). */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { dateRange } from '../analyses/overview.analysis.js';
import { PRODUCT_BUYERS_DOWNLOAD_MAX, PRODUCT_BUYERS_PAGE_MAX, productBuyers } from '../analyses/product-buyers.analysis.js';
import { shopOf } from '../auth/access.js';
import { exportable, exportQuery } from '../exports/respond.js';
import type { Stores } from '../store/open-stores.js';
import { DateString, type FilterParams, filterQuery, filtersOf, pageQuery, segmentQuery } from './analysis-query.js';

export function productBuyersRoutes(app: FastifyInstance, stores: Stores): void {
  app.get(
    '/api/v1/shops/:shop/analyses/products/:product/buyers',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['analyses'],
        summary: 'Who bought one product: the known customers who paid for it in the range, largest amount first',
        description: `Orders paid in the range (shop-local days) containing the product; per customer their orders, units and the product's line amount, first and last day bought, and their RFM segment as of the range's last day (\`segment\` keeps one). Guests are counted (guest_orders), not listed. A page of \`limit\` from \`offset\`; with format= the download holds every buyer (up to ${PRODUCT_BUYERS_DOWNLOAD_MAX.toLocaleString('en-US')}). 404 for a product nothing names.`,
        params: Type.Object({ shop: Type.String(), product: Type.String({ minLength: 1, maxLength: 200 }) }),
        querystring: Type.Object(
          {
            from: Type.Optional(DateString),
            to: Type.Optional(DateString),
            ...pageQuery(PRODUCT_BUYERS_PAGE_MAX),
            ...segmentQuery(
              'only buyers in this RFM segment as of the range’s last day (e.g. at_risk: who bought it and is slipping away)',
            ),
            // A category filter on one product says nothing it does not already say.
            ...filterQuery({ category: false }),
            ...exportQuery(),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const { product } = request.params as { product: string };
      const q = request.query as {
        from?: string;
        to?: string;
        limit: number;
        offset: number;
        segment?: string;
        format?: string;
      } & FilterParams;
      // A download is every buyer, not the page on screen.
      const page = q.format ? { limit: PRODUCT_BUYERS_DOWNLOAD_MAX, offset: 0 } : { limit: q.limit, offset: q.offset };
      const scope = stores.warehouse.forShop(shop.id);
      const range = dateRange(shop, q.from, q.to);
      const result = await productBuyers(scope, shop, product, range, page, filtersOf(q), q.segment ?? null);
      return exportable(request, reply, stores, 'product_buyers', result);
    },
  );
}
