/**
 * Analyses of the range's paid orders over HTTP: price bands (价格带), categories (类目分析), order values (客单价分布) and
 * the refunds of the sales (售后) — GET /api/v1/shops/:shop/analyses/<name>, beside analyses.route.ts.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { categories } from '../analyses/categories.analysis.js';
import { amountsOf, ORDER_VALUE_EDGES_MAX, ORDER_VALUE_THRESHOLDS_MAX, orderValues } from '../analyses/order-values.analysis.js';
import { priceBands } from '../analyses/price-bands.analysis.js';
import { PRODUCT_LIMIT_MAX } from '../analyses/products.analysis.js';
import { type RefundsResult, refunds } from '../analyses/refunds.analysis.js';
import { shopOf } from '../auth/access.js';
import type { Stores } from '../store/open-stores.js';
import { type CompareParams, type FilterParams, filtersOf, rangedAnalysis, rangedQuery, ShopParams } from './analysis-query.js';

export function orderAnalysesRoutes(app: FastifyInstance, stores: Stores): void {
  app.get(
    '/api/v1/shops/:shop/analyses/price-bands',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['analyses'],
        summary: 'Price bands: per band of catalogue price, products, visitors, buyers, orders, units, payment amount and conversion',
        description:
          'Bands are the shop currency’s (cheapest first, every band listed); a product outside the catalogue has band "". A visitor or buyer counts once in each band they viewed or bought from.',
        params: ShopParams,
        querystring: rangedQuery(),
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const q = request.query as { from?: string; to?: string } & FilterParams & CompareParams;
      return rangedAnalysis(request, reply, stores, 'price_bands', q, (range) =>
        priceBands(stores.warehouse.forShop(shop.id), shop, range, filtersOf(q)),
      );
    },
  );

  app.get(
    '/api/v1/shops/:shop/analyses/categories',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['analyses'],
        summary:
          'Categories (类目分析): per product category, products, views, visitors, cart-adding visitors, buyers, orders, units, payment amount and its share, conversion and the refunds of the sales',
        description:
          'A product’s category is the catalogue’s, else its event’s or order line’s ("" when none). A visitor or buyer counts once in each category they viewed or bought from; views, units, amounts and refunds add up. Largest payment amount first.',
        params: ShopParams,
        querystring: rangedQuery(),
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const q = request.query as { from?: string; to?: string } & FilterParams & CompareParams;
      return rangedAnalysis(request, reply, stores, 'categories', q, (range) =>
        categories(stores.warehouse.forShop(shop.id), shop, range, filtersOf(q)),
      );
    },
  );

  app.get(
    '/api/v1/shops/:shop/analyses/order-values',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['analyses'],
        summary:
          'Order values (客单价分布): the paid orders per band of the amount paid and per number of units, the median order, and how many orders reach a 满减 threshold or fall just short of it',
        description:
          'Of the orders paid in the range (shop-local day of payment), as they stand now. Bands are the currency’s default ladder (cheapest first, every band listed) or `edges`; a band holds its lower edge, and the bands add up to the overview’s paid orders and payment amount. `threshold` is compared with each order’s goods amount (lines before the order-level discount, no shipping): orders at or above it, and those at four fifths of it or more but under it with what they were short.',
        params: ShopParams,
        querystring: rangedQuery({
          edges: Type.Optional(
            Type.String({
              // Checked by the analysis, which says what is wrong with an amount (a pattern could only quote itself).
              maxLength: 200,
              description: `band edges in the shop currency, ascending, comma-separated (1–${ORDER_VALUE_EDGES_MAX}; e.g. 99,199,299)`,
            }),
          ),
          threshold: Type.Optional(
            Type.String({
              // Checked by the analysis, which says what is wrong with an amount (a pattern could only quote itself).
              maxLength: 200,
              description: `满减 thresholds to weigh in the shop currency, ascending, comma-separated (1–${ORDER_VALUE_THRESHOLDS_MAX}: the tiers of one promotion; e.g. 199 or 199,299)`,
            }),
          ),
        }),
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const q = request.query as { from?: string; to?: string; edges?: string; threshold?: string } & FilterParams & CompareParams;
      const edges = q.edges === undefined ? undefined : amountsOf(q.edges);
      const thresholds = q.threshold === undefined ? undefined : amountsOf(q.threshold);
      return rangedAnalysis(request, reply, stores, 'order_values', q, (range) =>
        orderValues(stores.warehouse.forShop(shop.id), shop, range, { edges, thresholds }, filtersOf(q)),
      );
    },
  );

  app.get(
    '/api/v1/shops/:shop/analyses/refunds',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['analyses'],
        summary:
          'Refunds of the range’s sales (售后): how many orders paid in the range came back refunded, for how much, how soon, and by channel, category, product and refund reason',
        description:
          'Follows the sales, not the refund dates: of the orders paid in the range (shop-local day of payment), as they stand now, the refunded ones (any amount; fully when the refund is at least the amount paid) and their refunds, whenever they came. A category’s or product’s refund is each order’s refund shared among its lines by amount; `byReason` groups the refunded orders by the reason their latest version records ("" when none was given). `provisionalFrom` is the first paying day within the last 14 days, whose refunds may still come. `limit` products, largest refunded amount first; a comparison period has the same products as the period’s rows.',
        params: ShopParams,
        querystring: rangedQuery({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PRODUCT_LIMIT_MAX, default: 20 })) }),
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const q = request.query as { from?: string; to?: string; limit?: number } & FilterParams & CompareParams;
      return rangedAnalysis<RefundsResult>(
        request,
        reply,
        stores,
        'refunds',
        q,
        (range, sameRowsAs) =>
          refunds(
            stores.warehouse.forShop(shop.id),
            shop,
            range,
            { limit: q.limit, products: sameRowsAs?.byProduct.map((p) => p.product_id) },
            filtersOf(q),
          ),
        { sameRows: true },
      );
    },
  );
}
