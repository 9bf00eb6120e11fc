/**
 * Authorization in one place. Every /api route declares `config.access` — a permission, or
 * 'public', or 'signed-in' — and a route without one makes the app refuse to start. Before a
 * handler runs, this hook resolves the principal (a shop API key, or a signed-in user by session
 * cookie, with CSRF protection on writes), the shop (from the `:shop` slug, or the key's shop),
 * and checks the permission. Handlers read `request.auth`; the shop id for warehouse queries comes
 * only from there.
 */
import '@fastify/cookie';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors.js';
import {
  type ApiKeyInfo,
  ApiKeysRepo,
  type MembershipView,
  type MetadataDb,
  SessionsRepo,
  type Shop,
  ShopsRepo,
  type User,
  UsersRepo,
} from '../metadata/index.js';
import { AccessCache } from './access-cache.js';
import { PERMISSIONS, type Permission, ROLE_PERMISSIONS, type RouteAccess, SCOPE_PERMISSIONS } from './permissions.js';

export const SESSION_COOKIE = 'sl_session';

export type Principal =
  | { kind: 'user'; user: User; memberships: MembershipView[]; sessionToken: string; csrfToken: string }
  | { kind: 'key'; key: ApiKeyInfo };

export interface AuthContext {
  principal: Principal;
  /** The shop the request acts on, when the route is shop-scoped. */
  shop: Shop | undefined;
  /** "user:<id>" or "key:<id>", for the audit log. */
  actor: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyInstance {
    /** Keys and shops as authorization last read them; routes that change them call its forget*. */
    accessCache: AccessCache;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

function isPermission(a: RouteAccess): a is Permission {
  return Object.hasOwn(PERMISSIONS, a);
}

export function registerAccess(app: FastifyInstance, db: MetadataDb): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  const keys = new ApiKeysRepo(db);
  const sessions = new SessionsRepo(db);
  const users = new UsersRepo(db);
  const shops = new ShopsRepo(db);
  const cache = new AccessCache();
  app.decorate('accessCache', cache);

  app.decorateRequest('auth', null);

  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/api/')) return;
    const access = (route.config as { access?: RouteAccess } | undefined)?.access;
    if (!access)
      throw new Error(
        `Route ${String(route.method)} ${route.url} declares no access (config.access): every API route must say who may call it.`,
      );
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method: String(method), url: route.url, access });
  });

  const keyFor = async (secret: string): Promise<ApiKeyInfo> => {
    const cached = cache.keys.get(secret);
    if (cached) return cached;
    const info = await keys.verify(secret);
    if (!info) throw new UnauthenticatedError('This API key is unknown or revoked.');
    // last_used_at moves once per cache period, not on every request.
    await keys.touch(info.id);
    cache.keys.set(secret, info);
    return info;
  };

  const principalOf = async (request: FastifyRequest): Promise<Principal | undefined> => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer) return { kind: 'key', key: await keyFor(bearer) };
    const token = request.cookies?.[SESSION_COOKIE];
    if (!token) return undefined;
    const session = await sessions.find(token);
    if (!session) return undefined;
    const user = await users.get(session.userId);
    if (user.disabled_at) return undefined;
    return { kind: 'user', user, memberships: await users.memberships(user.id), sessionToken: token, csrfToken: session.csrfToken };
  };

  // onRequest: who may call is settled before the body is read or validated.
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access || access === 'public' || !request.routeOptions.url?.startsWith('/api/')) return;
    const principal = await principalOf(request);
    if (!principal) {
      throw new UnauthenticatedError('Sign in (POST /api/v1/auth/sign-in), or send a shop API key as "Authorization: Bearer slk_…".');
    }
    if (principal.kind === 'user' && !['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
      // Cookies ride along with cross-site requests; a write must also carry the session's CSRF token.
      if (request.headers['x-csrf-token'] !== principal.csrfToken) {
        throw new ForbiddenError('Missing or wrong X-CSRF-Token header: send the token from sign-in or GET /api/v1/session.');
      }
    }
    const actor = principal.kind === 'user' ? `user:${principal.user.id}` : `key:${principal.key.id}`;
    if (access === 'signed-in') {
      if (principal.kind !== 'user') throw new ForbiddenError('This needs a signed-in user, not an API key.');
      request.auth = { principal, shop: undefined, actor };
      return;
    }
    const slug = (request.params as { shop?: string } | undefined)?.shop;
    let shop: Shop | undefined;
    if (slug !== undefined) {
      shop = await cache.shopBySlug(slug, () => shops.findBySlug(slug));
      if (!shop) throw new NotFoundError(`No shop "${slug}".`);
    } else if (principal.kind === 'key') {
      const id = principal.key.shopId;
      shop = await cache.shopById(id, () => shops.findById(id));
    } else {
      throw new ForbiddenError('This route takes a shop API key (Authorization: Bearer slk_…), not a signed-in user.');
    }
    if (!shop) throw new NotFoundError('The shop of this API key no longer exists.');
    if (principal.kind === 'key') {
      if (principal.key.shopId !== shop.id) throw new ForbiddenError('This API key belongs to another shop.');
      if (!isPermission(access) || !principal.key.scopes.some((s) => SCOPE_PERMISSIONS[s].includes(access))) {
        throw new ForbiddenError(
          `This API key (scopes: ${principal.key.scopes.join(', ')}) may not ${PERMISSIONS[access as Permission] ?? access}.`,
        );
      }
    } else {
      const membership = principal.memberships.find((m) => m.organizationId === shop.organization_id);
      // Someone outside the organization learns nothing about the shop, not even that it exists.
      if (!membership) throw new NotFoundError(`No shop "${slug}".`);
      if (!isPermission(access) || !ROLE_PERMISSIONS[membership.role].includes(access)) {
        throw new ForbiddenError(`Your role (${membership.role}) may not ${PERMISSIONS[access as Permission] ?? access}.`);
      }
    }
    request.auth = { principal, shop, actor };
  });

  return routes;
}

/** The authenticated context of a request whose route is not public (set by the hook above). */
export function authOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new UnauthenticatedError('Not signed in.');
  return request.auth;
}

/** The shop of a shop-scoped request. */
export function shopOf(request: FastifyRequest): Shop {
  const shop = authOf(request).shop;
  if (!shop) throw new NotFoundError('This request has no shop.');
  return shop;
}

/** Checks a further permission on a request already let in (e.g. exports.run when an analysis is downloaded). */
export function requirePermission(request: FastifyRequest, permission: Permission): void {
  const { principal, shop } = authOf(request);
  if (principal.kind === 'key') {
    if (!principal.key.scopes.some((s) => SCOPE_PERMISSIONS[s].includes(permission))) {
      throw new ForbiddenError(`This API key (scopes: ${principal.key.scopes.join(', ')}) may not ${PERMISSIONS[permission]}.`);
    }
    return;
  }
  const membership = principal.memberships.find((m) => m.organizationId === shop?.organization_id);
  if (!membership || !ROLE_PERMISSIONS[membership.role].includes(permission)) {
    throw new ForbiddenError(`Your role (${membership?.role ?? 'none'}) may not ${PERMISSIONS[permission]}.`);
  }
}

/**
 * For a route across shops (signed in, no `:shop` in the path): every shop of the user's
 * organizations, each with a refusal naming the first permission in `needs` that the user's role
 * there lacks (null when it has them all). Shop ids for such a route's warehouse queries come only
 * from here, as a single shop's come from the hook above.
 */
export function shopsReached(
  request: FastifyRequest,
  shops: readonly Shop[],
  needs: readonly Permission[],
): Array<{ shop: Shop; refusal: string | null }> {
  const { principal } = authOf(request);
  if (principal.kind !== 'user') throw new ForbiddenError('This needs a signed-in user, not an API key (a key reaches one shop).');
  return shops.flatMap((shop) => {
    const membership = principal.memberships.find((m) => m.organizationId === shop.organization_id);
    if (!membership) return [];
    const lacking = needs.find((p) => !ROLE_PERMISSIONS[membership.role].includes(p));
    return [{ shop, refusal: lacking ? `Your role (${membership.role}) may not ${PERMISSIONS[lacking]}.` : null }];
  });
}
