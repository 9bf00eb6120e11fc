import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { AuditRepo, ShopsRepo, UsersRepo } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openTempStores } from './temp-stores.js';

let stores: Stores;
let dispose: () => Promise<void>;
let app: FastifyInstance;

beforeAll(async () => {
  ({ stores, dispose } = await openTempStores());
  const shops = new ShopsRepo(stores.metadata);
  const org = await shops.createOrganization('Tea Co');
  await shops.create({ organizationId: org.id, slug: 'tea', name: 'Tea', currency: 'CNY', timeZone: 'Asia/Shanghai' });
  const users = new UsersRepo(stores.metadata);
  const ana = await users.create({ email: 'Ana@Example.com', password: 'correct horse battery' });
  await users.setMembership(org.id, ana.id, 'analyst');
  app = await buildApp({ stores, serveDashboard: false });
});
afterAll(async () => {
  await app.close();
  await dispose();
});

const signIn = (email: string, password: string) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });

describe('sign-in, sessions and CSRF', () => {
  it('signs in with e-mail and password, sets an httpOnly session cookie and lists the user’s shops', async () => {
    const res = await signIn('ana@example.com', 'correct horse battery');
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'sl_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    // Each shop with what the role may do there, as the permission table has it (the dashboard offers only that).
    expect(res.json()).toMatchObject({
      user: { email: 'ana@example.com' },
      shops: [{ slug: 'tea', role: 'analyst', permissions: ['shop.view', 'analyses.read', 'exports.run'] }],
    });
    const session = await app.inject({ method: 'GET', url: '/api/v1/session', cookies: { sl_session: cookie?.value ?? '' } });
    expect(session.statusCode).toBe(200);
    expect(session.json().csrfToken).toBe(res.json().csrfToken);
  });

  it('refuses wrong passwords and unknown users alike, and records the attempt', async () => {
    const wrong = await signIn('ana@example.com', 'nope');
    const unknown = await signIn('who@example.com', 'nope');
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
    const audit = await new AuditRepo(stores.metadata).list();
    expect(audit.filter((a) => a.action === 'sign-in.failed').length).toBeGreaterThanOrEqual(2);
  });

  it('requires the CSRF token for writes made with the cookie, then changes the password and signs out', async () => {
    const res = await signIn('ana@example.com', 'correct horse battery');
    const cookies = { sl_session: res.cookies.find((c) => c.name === 'sl_session')?.value ?? '' };
    const csrf = res.json().csrfToken as string;
    const body = { current: 'correct horse battery', next: 'an even better passphrase' };
    const noToken = await app.inject({ method: 'POST', url: '/api/v1/auth/password', cookies, payload: body });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.message).toContain('X-CSRF-Token');
    const changed = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      cookies,
      headers: { 'x-csrf-token': csrf },
      payload: body,
    });
    expect(changed.statusCode).toBe(204);
    expect((await signIn('ana@example.com', 'correct horse battery')).statusCode).toBe(401);
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', cookies, headers: { 'x-csrf-token': csrf } });
    expect(out.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/v1/session', cookies })).statusCode).toBe(401);
  });

  it('limits sign-in attempts', async () => {
    const codes = [];
    for (let i = 0; i < 12; i++) codes.push((await signIn('ana@example.com', 'bad')).statusCode);
    expect(codes).toContain(429);
  });

  it('sends security headers and no CORS headers by default', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz', headers: { origin: 'https://evil.example' } });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
