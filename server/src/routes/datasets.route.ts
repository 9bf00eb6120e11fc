/** The dataset builder over HTTP: the catalogue, and a dataset (preview as JSON, or any export format). */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  DATASET_DIMENSIONS,
  DATASET_MAX_ROWS,
  DATASET_MEASURES,
  dataset,
  datasetCatalogue,
} from '../analyses/datasets/dataset.analysis.js';
import { dateRange } from '../analyses/overview.analysis.js';
import { shopOf } from '../auth/access.js';
import { exportable, exportQuery } from '../exports/respond.js';
import type { Stores } from '../store/open-stores.js';
import { DateString, type FilterParams, filterQuery, filtersOf, ShopParams } from './analysis-query.js';

export function datasetRoutes(app: FastifyInstance, stores: Stores): void {
  app.get(
    '/api/v1/shops/:shop/datasets/catalogue',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['datasets'],
        summary: 'Measures (with definitions) and dimensions a dataset can use',
        params: ShopParams,
        querystring: Type.Object({}, { additionalProperties: false }),
      },
    },
    async () => datasetCatalogue(),
  );
  app.post(
    '/api/v1/shops/:shop/datasets',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['datasets'],
        summary: 'A dataset: catalogue measures by chosen dimensions for a date range and filters (no free SQL)',
        params: ShopParams,
        body: Type.Object(
          {
            measures: Type.Array(Type.Union(DATASET_MEASURES.map((m) => Type.Literal(m))), { minItems: 1, maxItems: 20 }),
            dimensions: Type.Array(Type.Union(Object.keys(DATASET_DIMENSIONS).map((d) => Type.Literal(d))), { maxItems: 4 }),
            from: Type.Optional(DateString),
            to: Type.Optional(DateString),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: DATASET_MAX_ROWS })),
            ...filterQuery(),
            ...exportQuery(),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const b = request.body as { measures: string[]; dimensions: string[]; from?: string; to?: string; limit?: number } & FilterParams;
      const result = await dataset(stores.warehouse.forShop(shop.id), shop, dateRange(shop, b.from, b.to), b, filtersOf(b));
      return exportable(request, reply, stores, 'dataset', result);
    },
  );
}
