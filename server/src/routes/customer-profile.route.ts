/** `GET /api/v1/shops/:shop/analyses/customers/:customer`: one customer, whole (customer-profile.analysis.ts). */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { customerProfile } from '../analyses/customer-profile.analysis.js';
import { dateRange } from '../analyses/overview.analysis.js';
import { shopOf } from '../auth/access.js';
import { exportable, exportQuery } from '../exports/respond.js';
import type { Stores } from '../store/open-stores.js';
import { DateString } from './analysis-query.js';

export function customerProfileRoutes(app: FastifyInstance, stores: Stores): void {
  app.get(
    '/api/v1/shops/:shop/analyses/customers/:customer',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['analyses'],
        summary: 'One customer: RFM scores and segment, record and first facts, every order, and what they did in the shop',
        description:
          'RFM as of `to` (default yesterday), scored among all customers as the segments are. Orders as they stand now (newest first, up to 500; totals cover all). Events are those of every visitor id that ever carried the customer id. 404 when no order, customer record or event has the id. Export tables: `orders` (default), `order_lines`, `events` (the latest 50), `by_event`.',
        params: Type.Object({ shop: Type.String(), customer: Type.String({ minLength: 1, maxLength: 256 }) }),
        querystring: Type.Object({ to: Type.Optional(DateString), ...exportQuery() }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const { customer } = request.params as { customer: string };
      const { to } = request.query as { to?: string };
      const at = dateRange(shop, to, to).to;
      const result = await customerProfile(stores.warehouse.forShop(shop.id), shop, customer, at);
      return exportable(request, reply, stores, 'customer_profile', result);
    },
  );
}
