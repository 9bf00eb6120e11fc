/** Sign-in, sign-out, password change and the current session. */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authOf, SESSION_COOKIE } from '../auth/access.js';
import { ROLE_PERMISSIONS } from '../auth/permissions.js';
import { UnauthenticatedError } from '../errors.js';
import { AuditRepo, type MetadataDb, SESSION_DAYS, SessionsRepo, ShopsRepo, UsersRepo } from '../metadata/index.js';

const SessionView = Type.Object({
  user: Type.Object({ id: Type.Integer(), email: Type.String(), displayName: Type.String() }),
  csrfToken: Type.String({ description: 'send as X-CSRF-Token on every write made with the session cookie' }),
  memberships: Type.Array(Type.Object({ organizationId: Type.Integer(), organizationName: Type.String(), role: Type.String() })),
  shops: Type.Array(
    Type.Object({
      slug: Type.String(),
      name: Type.String(),
      currency: Type.String(),
      timeZone: Type.String(),
      role: Type.String(),
      permissions: Type.Array(Type.String(), {
        description: 'what the role may do in this shop (the permission table): the dashboard offers only these',
      }),
    }),
  ),
  server: Type.Object({
    email: Type.Boolean({ description: 'scheduled reports can be e-mailed: the operator has set STORELENS_SMTP_URL' }),
  }),
});

/** `server`: what this server can do that the dashboard offers only when it can (e-mail delivery). */
export function authRoutes(app: FastifyInstance, db: MetadataDb, server: { email: boolean }): void {
  const users = new UsersRepo(db);
  const sessions = new SessionsRepo(db);
  const shops = new ShopsRepo(db);
  const audit = new AuditRepo(db);

  const view = async (userId: number, csrfToken: string) => {
    const user = await users.get(userId);
    const memberships = await users.memberships(userId);
    const roleOf = new Map(memberships.map((m) => [m.organizationId, m.role]));
    const visible = (await shops.list()).filter((s) => roleOf.has(s.organization_id));
    return {
      user: { id: user.id, email: user.email, displayName: user.display_name },
      csrfToken,
      memberships,
      shops: visible.map((s) => {
        const role = roleOf.get(s.organization_id) ?? 'viewer';
        return { slug: s.slug, name: s.name, currency: s.currency, timeZone: s.time_zone, role, permissions: [...ROLE_PERMISSIONS[role]] };
      }),
      server,
    };
  };

  const setCookie = (request: FastifyRequest, reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: request.protocol === 'https',
      maxAge: SESSION_DAYS * 86_400,
    });

  app.post(
    '/api/v1/auth/sign-in',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['account'],
        summary: 'Sign in with e-mail and password; sets the session cookie',
        body: Type.Object(
          { email: Type.String({ minLength: 3, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
          { additionalProperties: false },
        ),
        response: { 200: SessionView },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body as { email: string; password: string };
      const user = await users.authenticate(email, password);
      if (!user) {
        await audit.record({ actor: 'anonymous', action: 'sign-in.failed', detail: { email: email.trim().toLowerCase() }, ip: request.ip });
        throw new UnauthenticatedError('Wrong e-mail or password.');
      }
      const session = await sessions.create(user.id);
      await audit.record({ actor: `user:${user.id}`, action: 'sign-in', ip: request.ip });
      setCookie(request, reply, session.token);
      return view(user.id, session.csrfToken);
    },
  );

  app.post(
    '/api/v1/auth/sign-out',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['account'], summary: 'Sign out: ends this session', response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      const { principal } = authOf(request);
      if (principal.kind === 'user') await sessions.delete(principal.sessionToken);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/auth/password',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['account'],
        summary: 'Change your password; other sessions are signed out',
        body: Type.Object(
          { current: Type.String({ minLength: 1 }), next: Type.String({ minLength: 1, maxLength: 1024 }) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const { principal, actor } = authOf(request);
      if (principal.kind !== 'user') throw new UnauthenticatedError('Not signed in.');
      const { current, next } = request.body as { current: string; next: string };
      await users.changePassword(principal.user.id, current, next);
      await sessions.deleteForUser(principal.user.id, principal.sessionToken);
      await audit.record({ actor, action: 'password.changed', ip: request.ip });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/session',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['account'], summary: 'The signed-in user, their roles and shops', response: { 200: SessionView } },
    },
    async (request) => {
      const { principal } = authOf(request);
      if (principal.kind !== 'user') throw new UnauthenticatedError('Not signed in.');
      return view(principal.user.id, principal.csrfToken);
    },
  );
}
