/**
 * Marked days over HTTP — mark, list by range, change, remove; a client's mistakes are 400s with a
 * message; one shop's marks are not another's — and the diagnosis reading with the marks of its
 * days and of the days its usual came from (the expected split worked out by hand below).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { ApiKeysRepo, ShopsRepo } from '../src/metadata/index.js';
import { openReportOwnerShop, type ReportOwnerShop } from './report-owner-shop.js';

let world: ReportOwnerShop;
let app: FastifyInstance;
let otherKey: string;

beforeAll(async () => {
  world = await openReportOwnerShop('Marked tea');
  const shops = new ShopsRepo(world.stores.metadata);
  const other = await shops.create({
    organizationId: world.shop.organization_id,
    slug: 'other',
    name: 'O',
    currency: 'CNY',
    timeZone: 'UTC',
  });
  otherKey = (await new ApiKeysRepo(world.stores.metadata).create({ shopId: other.id, name: 'r', scopes: ['read'] })).key;
  app = await buildApp({ stores: world.stores, serveDashboard: false });
});
afterAll(async () => {
  await app.close();
  await world.dispose();
});

/** As the shop's owner, signed in (the mark records who made it). */
const asOwner = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, payload?: object) =>
  app.inject({
    method,
    url: `/api/v1/shops/tea${path}`,
    cookies: { sl_session: world.session.token },
    headers: { 'x-csrf-token': world.session.csrf },
    payload,
  });
const withKey = (key: string, method: 'GET' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, payload });

const mark = async (from: string, to: string, title: string, kind = 'promotion') => {
  const r = await asOwner('POST', '/annotations', { from, to, title, kind });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: number; title: string };
};

describe('marked days over the API', () => {
  it('marks days, lists them by range, changes and removes them', async () => {
    const r = await asOwner('POST', '/annotations', {
      from: '2026-09-01',
      to: '2026-09-03',
      title: 'Back to school',
      kind: 'ads',
      note: 'Feed ads',
    });
    expect(r.statusCode).toBe(201);
    const created = r.json();
    expect(created).toMatchObject({ from: '2026-09-01', to: '2026-09-03', kind: 'ads', note: 'Feed ads', created_by: { name: 'Owner' } });
    // A read key sees them (no user made them through it).
    const listed = await withKey(world.readKey, 'GET', '/api/v1/shops/tea/annotations?from=2026-09-03&to=2026-09-30');
    expect(listed.json().annotations.map((m: { id: number }) => m.id)).toEqual([created.id]);
    expect((await withKey(world.readKey, 'GET', '/api/v1/shops/tea/annotations?from=2026-09-04')).json().annotations).toEqual([]);
    const changed = await asOwner('PATCH', `/annotations/${created.id}`, { title: 'Back to school week', to: '2026-09-07' });
    expect(changed.json()).toMatchObject({ title: 'Back to school week', from: '2026-09-01', to: '2026-09-07', note: 'Feed ads' });
    expect((await asOwner('DELETE', `/annotations/${created.id}`)).statusCode).toBe(204);
    expect((await asOwner('GET', `/annotations/${created.id}`)).statusCode).toBe(404);
  });

  it('answers a client’s mistakes with a 400 that says what to fix', async () => {
    const bad = async (payload: object) => {
      const r = await asOwner('POST', '/annotations', payload);
      expect(r.statusCode).toBe(400);
      return r.json().error.message as string;
    };
    expect(await bad({ from: '2026-02-29', to: '2026-03-01', title: 'Leap', kind: 'other' })).toBe(
      'from must be a calendar date YYYY-MM-DD, got "2026-02-29".',
    );
    expect(await bad({ from: '2026-03-02', to: '2026-03-01', title: 'Back', kind: 'other' })).toBe(
      'from (2026-03-02) must not be after to (2026-03-01).',
    );
    expect(await bad({ from: '2026-03-01', to: '2026-03-01', title: 'x', kind: 'holiday' })).toContain('kind');
    expect(await bad({ from: '2026-03-01', to: '2026-03-01', kind: 'other' })).toContain('title');
    const empty = await asOwner('PATCH', '/annotations/1', {});
    expect(empty.statusCode).toBe(400);
    expect((await asOwner('GET', '/annotations?from=tomorrow')).statusCode).toBe(400);
  });

  it('keeps one shop’s marks from another', async () => {
    const m = await mark('2026-08-01', '2026-08-01', 'Tea only');
    expect((await withKey(otherKey, 'GET', `/api/v1/shops/other/annotations/${m.id}`)).statusCode).toBe(404);
    expect((await withKey(otherKey, 'PATCH', `/api/v1/shops/other/annotations/${m.id}`, { title: 'Mine' })).statusCode).toBe(404);
    expect((await withKey(otherKey, 'DELETE', `/api/v1/shops/other/annotations/${m.id}`)).statusCode).toBe(404);
    expect((await withKey(otherKey, 'GET', '/api/v1/shops/other/annotations')).json().annotations).toEqual([]);
    // A key belongs to its shop: naming another shop in the path is forbidden.
    expect((await withKey(otherKey, 'GET', '/api/v1/shops/tea/annotations')).statusCode).toBe(403);
    expect((await asOwner('DELETE', `/annotations/${m.id}`)).statusCode).toBe(204);
  });

  it('reads the diagnosis with the marks of its days and of its usual', async () => {
    // Diagnosing Tuesday 10 November: its usual is the Tuesdays 13, 20, 27 October and 3 November.
    // Diagnosing the week 4–10 November: its usual is 7 October – 3 November.
    const a = await mark('2026-11-09', '2026-11-10', 'Singles’ Day warm-up'); // the day, the week
    const b = await mark('2026-11-03', '2026-11-03', 'Live with Li', 'live_stream'); // a usual Tuesday, the week's usual
    const c = await mark('2026-11-05', '2026-11-08', 'Coupon rain'); // neither for the day (no Tuesday); the week
    const d = await mark('2026-10-27', '2026-11-10', 'Presale'); // the day (and a usual Tuesday: shown once, with the day); the week
    const e = await mark('2026-10-12', '2026-10-13', 'Outage', 'incident'); // a usual Tuesday; the week's usual
    await mark('2026-10-01', '2026-10-06', 'Golden Week'); // before either usual: in neither list
    const ids = (ms: Array<{ id: number }>) => ms.map((m) => m.id);
    const day = await withKey(world.readKey, 'GET', '/api/v1/shops/tea/diagnostics?date=2026-11-10');
    expect(day.statusCode).toBe(200);
    expect(ids(day.json().marked_days.period)).toEqual([d.id, a.id]);
    expect(ids(day.json().marked_days.usual)).toEqual([e.id, b.id]);
    const week = await withKey(world.readKey, 'GET', '/api/v1/shops/tea/diagnostics?date=2026-11-10&period=week');
    expect(ids(week.json().marked_days.period)).toEqual([d.id, c.id, a.id]);
    expect(ids(week.json().marked_days.usual)).toEqual([e.id, b.id]);
    // The marks it reads with download as a table of their own: the diagnosed day's, then the usual's.
    const marked = await withKey(world.readKey, 'GET', '/api/v1/shops/tea/diagnostics?date=2026-11-10&format=csv&table=marked_days');
    expect(marked.statusCode).toBe(200);
    const lines = marked.body.trim().split(/\r?\n/);
    expect(lines[0]).toBe('during,from (Asia/Shanghai),to (Asia/Shanghai),kind,title,note');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 5).join(','))).toEqual([
      'period,2026-10-27,2026-11-10,promotion,Presale',
      'period,2026-11-09,2026-11-10,promotion,Singles’ Day warm-up',
      'usual,2026-10-12,2026-10-13,incident,Outage',
      'usual,2026-11-03,2026-11-03,live_stream,Live with Li',
    ]);
    // The figures still download as before.
    const csv = await withKey(world.readKey, 'GET', '/api/v1/shops/tea/diagnostics?date=2026-11-10&format=csv&table=figures');
    expect(csv.statusCode).toBe(200);
    // A day that is no day is refused, not read as the next.
    const feb30 = await withKey(world.readKey, 'GET', '/api/v1/shops/tea/diagnostics?date=2026-02-30');
    expect(feb30.statusCode).toBe(400);
    expect(feb30.json().error.message).toBe('date must be a calendar date YYYY-MM-DD, got "2026-02-30".');
  });
});
