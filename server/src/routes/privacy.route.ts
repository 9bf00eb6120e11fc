/** Deleting a shop and erasing a customer: owner-only, audited. */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { authOf, shopOf } from '../auth/access.js';
import { BadRequestError } from '../errors.js';
import type { PrivacyService } from '../privacy/privacy-service.js';

const ShopParam = Type.Object({ shop: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,62}$' }) });

export function privacyRoutes(app: FastifyInstance, privacy: PrivacyService): void {
  app.delete(
    '/api/v1/shops/:shop',
    {
      config: { access: 'shop.delete' },
      schema: {
        tags: ['privacy'],
        summary: 'Delete the shop with all its data (irreversible)',
        params: ShopParam,
        body: Type.Object({ confirm: Type.String({ description: 'the shop slug, typed again' }) }, { additionalProperties: false }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      if ((request.body as { confirm: string }).confirm !== shop.slug)
        throw new BadRequestError(`Type the shop's slug "${shop.slug}" in "confirm" to delete it.`, 'confirm');
      await privacy.deleteShop(shop, authOf(request).actor, request.ip);
      app.accessCache.forgetShop(shop.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/shops/:shop/privacy/erasures',
    {
      config: { access: 'shop.delete' },
      schema: {
        tags: ['privacy'],
        summary: 'Erase one customer’s events, orders and records; returns what remains (nothing)',
        params: ShopParam,
        body: Type.Object({ customer_id: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            customerId: Type.String(),
            visitors: Type.Integer(),
            daysRebuilt: Type.Integer(),
            remaining: Type.Object({
              events: Type.Integer(),
              orders: Type.Integer(),
              customers: Type.Integer(),
              firstFacts: Type.Integer(),
            }),
          }),
        },
      },
    },
    async (request) =>
      privacy.eraseCustomer(shopOf(request), (request.body as { customer_id: string }).customer_id, authOf(request).actor, request.ip),
  );
}
