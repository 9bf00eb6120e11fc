/**
 * Product diagnosis (商品诊断) over HTTP: GET /api/v1/shops/:shop/analyses/product-diagnosis — the
 * products to look at (sales or traffic falling, visitors without sales, low conversion, carted
 * but not paid, high refunds) and the rising ones, each against the comparison period.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { type CompareParams, comparisonPeriod } from '../analyses/comparison.js';
import { dateRange } from '../analyses/overview.analysis.js';
import { marksAround, productDiagnosis } from '../analyses/product-diagnosis.analysis.js';
import { DIAGNOSIS_RULES } from '../analyses/product-diagnosis-rules.js';
import { shopOf } from '../auth/access.js';
import { BadRequestError } from '../errors.js';
import { exportable } from '../exports/respond.js';
import type { Stores } from '../store/open-stores.js';
import { type FilterParams, filtersOf, rangedQuery, ShopParams } from './analysis-query.js';

export function productDiagnosisRoutes(app: FastifyInstance, stores: Stores): void {
  app.get(
    '/api/v1/shops/:shop/analyses/product-diagnosis',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['analyses'],
        summary:
          'Product diagnosis: products with sales or traffic falling, visitors but no sales, low conversion, carts not paid or high refunds, and the rising ones',
        description:
          'Every product viewed or sold in the range or the comparison period (by default the one of the same length before; compare=year or compare_from/compare_to for others, compared per day) is judged; those with a finding are listed, most pressing first, each finding with its size. Thresholds: `rules` in the result. Definitions: docs/metrics.md.',
        params: ShopParams,
        querystring: rangedQuery(
          {
            min_visitors: Type.Optional(
              Type.Integer({
                minimum: 1,
                maximum: 1_000_000,
                default: DIAGNOSIS_RULES.min_visitors,
                description: 'visitors a product needs before its conversion or traffic is judged',
              }),
            ),
            min_cart_visitors: Type.Optional(
              Type.Integer({
                minimum: 1,
                maximum: 1_000_000,
                default: DIAGNOSIS_RULES.min_cart_visitors,
                description: 'cart-adding visitors a product needs before its cart-to-pay rate is judged',
              }),
            ),
          },
          { compare: 'previous' },
        ),
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const q = request.query as { from?: string; to?: string; min_visitors?: number; min_cart_visitors?: number } & FilterParams &
        CompareParams;
      const range = dateRange(shop, q.from, q.to);
      const compared = comparisonPeriod(shop, range, q, 'previous');
      if (!compared) {
        throw new BadRequestError(
          'A product diagnosis holds each product against a comparison period: use compare=previous (the default), compare=year, or compare_from/compare_to.',
          'compare',
        );
      }
      const marks = await marksAround(stores.metadata, shop.id, range, compared);
      // The scope binds this shop into every query; nothing from the request reaches SQL as text.
      const result = await productDiagnosis(stores.warehouse.forShop(shop.id), shop, range, compared, { ...q, marks }, filtersOf(q));
      return exportable(request, reply, stores, 'product_diagnosis', result);
    },
  );
}
