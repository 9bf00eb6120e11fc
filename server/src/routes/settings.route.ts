/** Shop settings, API keys and members — the Settings page's API. */
import { randomBytes } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { changeShopTimeZone } from '@storelens/etl';
import type { Warehouse } from '@storelens/sql';
import type { FastifyInstance } from 'fastify';
import { authOf, shopOf } from '../auth/access.js';
import { BadRequestError, ForbiddenError, NotFoundError } from '../errors.js';
import { API_KEY_SCOPES, ApiKeysRepo, AuditRepo, type MetadataDb, ROLES, type Role, ShopsRepo, UsersRepo } from '../metadata/index.js';

const ShopParam = Type.Object({ shop: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,62}$' }) });
const ShopView = Type.Object({ slug: Type.String(), name: Type.String(), currency: Type.String(), timeZone: Type.String() });
const KeyView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  prefix: Type.String(),
  scopes: Type.Array(Type.String()),
  createdAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
});
const Member = Type.Object({ email: Type.String(), name: Type.String(), role: Type.String() });

export function settingsRoutes(app: FastifyInstance, db: MetadataDb, wh: Warehouse): void {
  const shops = new ShopsRepo(db);
  const keys = new ApiKeysRepo(db);
  const users = new UsersRepo(db);
  const audit = new AuditRepo(db);
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

  app.patch(
    '/api/v1/shops/:shop',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags: ['settings'],
        summary: 'Change the shop’s name, currency or time zone',
        params: ShopParam,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            currency: Type.Optional(Type.String()),
            timeZone: Type.Optional(Type.String()),
          },
          { additionalProperties: false },
        ),
        response: { 200: ShopView },
      },
    },
    async (request) => {
      const shop = shopOf(request);
      const body = request.body as { name?: string; currency?: string; timeZone?: string };
      const update = () => shops.update(shop.slug, body);
      // Paying and refund days are local days: a new zone moves some of them (the overview reads
      // buyer_days), so the shop's buyers are recomputed with the change.
      const zoneChanges = body.timeZone !== undefined && body.timeZone !== shop.time_zone;
      const updated = zoneChanges ? await changeShopTimeZone(wh, shop.id, update) : await update();
      app.accessCache.forgetShop(shop.id); // e.g. a new time zone applies to the next request
      await audit.record({
        actor: authOf(request).actor,
        action: 'shop.settings-changed',
        organizationId: shop.organization_id,
        shopId: shop.id,
        detail: body,
        ip: request.ip,
      });
      return { slug: updated.slug, name: updated.name, currency: updated.currency, timeZone: updated.time_zone };
    },
  );

  app.get(
    '/api/v1/shops/:shop/keys',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags: ['settings'],
        summary: 'The shop’s API keys (never the secrets)',
        params: ShopParam,
        response: { 200: Type.Object({ keys: Type.Array(KeyView) }) },
      },
    },
    async (request) => ({
      keys: (await keys.list(shopOf(request).id)).map((k) => ({
        ...k,
        createdAt: new Date(k.createdAt).toISOString(),
        lastUsedAt: iso(k.lastUsedAt),
        revokedAt: iso(k.revokedAt),
      })),
    }),
  );

  app.post(
    '/api/v1/shops/:shop/keys',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags: ['settings'],
        summary: 'Create an API key; the secret is in this answer only',
        params: ShopParam,
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            scopes: Type.Array(Type.Union(API_KEY_SCOPES.map((s) => Type.Literal(s))), { minItems: 1 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.Integer(), key: Type.String(), scopes: Type.Array(Type.String()) }) },
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const body = request.body as { name: string; scopes: string[] };
      const { key, info } = await keys.create({ shopId: shop.id, name: body.name, scopes: body.scopes });
      await audit.record({
        actor: authOf(request).actor,
        action: 'key.created',
        organizationId: shop.organization_id,
        shopId: shop.id,
        detail: { id: info.id, name: info.name, scopes: info.scopes },
        ip: request.ip,
      });
      return reply.status(201).send({ id: info.id, key, scopes: info.scopes });
    },
  );

  app.delete(
    '/api/v1/shops/:shop/keys/:id',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags: ['settings'],
        summary: 'Revoke an API key',
        params: Type.Object({ shop: Type.String(), id: Type.Integer() }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const id = (request.params as { id: number }).id;
      await keys.revoke(shop.id, id);
      app.accessCache.forgetKey(id); // refused from the next request on, not after the cache period
      await audit.record({
        actor: authOf(request).actor,
        action: 'key.revoked',
        organizationId: shop.organization_id,
        shopId: shop.id,
        detail: { id },
        ip: request.ip,
      });
      return reply.status(204).send();
    },
  );

  const membersOf = async (organizationId: number) => {
    const out = [];
    for (const u of await users.list()) {
      const m = (await users.memberships(u.id)).find((x) => x.organizationId === organizationId);
      if (m) out.push({ email: u.email, name: u.display_name, role: m.role });
    }
    return out;
  };

  app.get(
    '/api/v1/shops/:shop/members',
    {
      config: { access: 'members.manage' },
      schema: {
        tags: ['settings'],
        summary: 'Members of the shop’s organization and their roles',
        params: ShopParam,
        response: { 200: Type.Object({ members: Type.Array(Member) }) },
      },
    },
    async (request) => ({ members: await membersOf(shopOf(request).organization_id) }),
  );

  app.put(
    '/api/v1/shops/:shop/members',
    {
      config: { access: 'members.manage' },
      schema: {
        tags: ['settings'],
        summary: 'Add a member or change a member’s role; a new user gets a password shown in this answer only',
        params: ShopParam,
        body: Type.Object(
          { email: Type.String({ minLength: 3, maxLength: 254 }), role: Type.Union(ROLES.map((r) => Type.Literal(r))) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ email: Type.String(), role: Type.String(), initialPassword: Type.Optional(Type.String()) }) },
      },
    },
    async (request) => {
      const shop = shopOf(request);
      const { principal, actor } = authOf(request);
      const { email, role } = request.body as { email: string; role: Role };
      const myRole =
        principal.kind === 'user' ? principal.memberships.find((m) => m.organizationId === shop.organization_id)?.role : undefined;
      // Only an owner makes or unmakes owners.
      let user = await users.findByEmail(email);
      const current = user ? (await users.memberships(user.id)).find((m) => m.organizationId === shop.organization_id)?.role : undefined;
      if ((role === 'owner' || current === 'owner') && myRole !== 'owner')
        throw new ForbiddenError('Only an owner can make someone an owner or change an owner’s role.');
      let initialPassword: string | undefined;
      if (!user) {
        initialPassword = randomBytes(12).toString('base64url');
        user = await users.create({ email, password: initialPassword });
      }
      await users.setMembership(shop.organization_id, user.id, role);
      await audit.record({
        actor,
        action: 'member.role-set',
        organizationId: shop.organization_id,
        shopId: shop.id,
        detail: { email: user.email, role, previous: current ?? null },
        ip: request.ip,
      });
      return { email: user.email, role, ...(initialPassword ? { initialPassword } : {}) };
    },
  );

  app.delete(
    '/api/v1/shops/:shop/members/:email',
    {
      config: { access: 'members.manage' },
      schema: {
        tags: ['settings'],
        summary: 'Remove a member from the organization',
        params: Type.Object({ shop: Type.String(), email: Type.String() }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const { principal, actor } = authOf(request);
      const email = (request.params as { email: string }).email;
      const user = await users.findByEmail(email);
      const role = user ? (await users.memberships(user.id)).find((m) => m.organizationId === shop.organization_id)?.role : undefined;
      if (!user || !role) throw new NotFoundError(`${email} is not a member.`);
      const myRole =
        principal.kind === 'user' ? principal.memberships.find((m) => m.organizationId === shop.organization_id)?.role : undefined;
      if (role === 'owner' && myRole !== 'owner') throw new ForbiddenError('Only an owner can remove an owner.');
      if (principal.kind === 'user' && principal.user.id === user.id)
        throw new BadRequestError('You cannot remove yourself; ask another owner or admin.');
      await users.removeMembership(shop.organization_id, user.id);
      await audit.record({
        actor,
        action: 'member.removed',
        organizationId: shop.organization_id,
        shopId: shop.id,
        detail: { email: user.email, role },
        ip: request.ip,
      });
      return reply.status(204).send();
    },
  );
}
