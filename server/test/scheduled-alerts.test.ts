/**
 * Alert schedules with a controllable clock (report_schedules.only_when): a diagnosis is delivered
 * only on the days the served diagnosis has a figure at the threshold, a product diagnosis only on
 * the days a product has a finding at it; other slots are skipped with a note saying what there
 * was; any other report is refused as an alert.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { SavedReportsRepo, type Shop } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { deliveriesOf, openReportOwnerShop, postSchedule } from './report-owner-shop.js';
import { tempDir } from './temp-stores.js';

let stores: Stores;
let dispose: () => Promise<void>;
let app: FastifyInstance;
let shop: Shop;
let now = new Date('2026-11-10T23:59:00Z');
const reportsDir = tempDir('alerts-');
let readKey = '';
let ownerSession = { token: '', csrf: '' };

beforeAll(async () => {
  ({ stores, dispose, shop, readKey, session: ownerSession } = await openReportOwnerShop('Tea', { reportsDir }));
  app = await buildApp({ stores, serveDashboard: false, scheduleReports: { clock: () => now, start: false } });
}, 120_000);
afterAll(async () => {
  await app.close();
  await dispose();
});

/** POST a schedule for a saved report as the shop's owner. */
const postOwnerSchedule = (reportId: number, payload: object) => postSchedule(app, ownerSession, reportId, payload);
const deliveries = (scheduleId: number) => deliveriesOf(stores, scheduleId);

describe('a diagnosis alert', () => {
  it('is delivered on the days a figure is at watch or abnormal, and skipped with a note on the others', async () => {
    const report = await new SavedReportsRepo(stores.metadata).create({
      shopId: shop.id,
      name: 'Morning check',
      analysis: 'diagnostics',
      params: {},
    });
    const post = (payload: object) => postOwnerSchedule(report.id, payload);
    const base = { frequency: 'daily', hour: 7, format: 'csv', destination: 'folder' };
    const created = await Promise.all([
      post({ ...base, target: 'alerts-watch', onlyWhen: 'watch' }),
      post({ ...base, target: 'alerts-abnormal', onlyWhen: 'abnormal' }),
    ]);
    const [watch, abnormal] = created.map((r) => {
      expect(r.statusCode, r.body).toBe(201);
      return r.json() as { id: number; only_when: string };
    }) as [{ id: number; only_when: string }, { id: number; only_when: string }];
    expect([watch.only_when, abnormal.only_when]).toEqual(['watch', 'abnormal']);
    // Made now (by the wall clock), they would wait for slots after now: date them back, as the other tests' schedules are.
    await sql`UPDATE report_schedules SET created_at = '2026-11-01T00:00:00Z' WHERE id IN (${watch.id}, ${abnormal.id})`.execute(
      stores.metadata,
    );
    // Four mornings; each covers the day before. The expected outcome comes from the diagnosis the API serves for that day.
    const outcomes = { watch: new Set<string>(), abnormal: new Set<string>() };
    for (const [i, day] of ['2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'].entries()) {
      now = new Date(`${day}T23:30:00Z`); // 07:30 local the next morning
      await app.reportScheduler?.tick();
      const res = await app.inject({
        method: 'GET',
        url: `/api/v1/shops/tea/diagnostics?date=${day}`,
        headers: { authorization: `Bearer ${readKey}` },
      });
      const statuses = (res.json() as { figures: Array<{ baseline: { status: string } }> }).figures.map((f) => f.baseline.status);
      for (const [name, s, worst] of [
        ['watch', watch, ['watch', 'abnormal']],
        ['abnormal', abnormal, ['abnormal']],
      ] as const) {
        const d = (await deliveries(s.id))[i];
        const due = statuses.some((x) => (worst as readonly string[]).includes(x));
        expect(d?.status, `${name} ${day}`).toBe(due ? 'succeeded' : 'skipped');
        expect(d?.note, `${name} ${day}`).toMatch(due ? /^\d+ figures? (at watch or worse|abnormal): / : /^no figure /);
        outcomes[name].add(d?.status ?? '');
      }
    }
    // Files only for the delivered days.
    const delivered = async (id: number) => (await deliveries(id)).filter((d) => d.status === 'succeeded').length;
    expect(existsSync(join(reportsDir, 'alerts-watch')) ? readdirSync(join(reportsDir, 'alerts-watch')).length : 0).toBe(
      await delivered(watch.id),
    );
    expect(existsSync(join(reportsDir, 'alerts-abnormal')) ? readdirSync(join(reportsDir, 'alerts-abnormal')).length : 0).toBe(
      await delivered(abnormal.id),
    );
    // The golden world's four days hold both cases for both thresholds, so each branch is exercised.
    expect([...outcomes.watch].sort()).toEqual(['skipped', 'succeeded']);
    expect([...outcomes.abnormal].sort()).toEqual(['skipped', 'succeeded']);
  });

  it('of products is delivered on the days a product has a finding at the status, named in the note', async () => {
    const report = await new SavedReportsRepo(stores.metadata).create({
      shopId: shop.id,
      name: 'Products check',
      analysis: 'product-diagnosis',
      params: { min_visitors: 5, min_cart_visitors: 3 },
    });
    const base = { frequency: 'daily', hour: 8, format: 'csv', destination: 'folder' };
    const [watch, abnormal] = (
      await Promise.all([
        postOwnerSchedule(report.id, { ...base, target: 'products-watch', onlyWhen: 'watch' }),
        postOwnerSchedule(report.id, { ...base, target: 'products-abnormal', onlyWhen: 'abnormal' }),
      ])
    ).map((r) => {
      expect(r.statusCode, r.body).toBe(201);
      return r.json() as { id: number };
    }) as [{ id: number }, { id: number }];
    await sql`UPDATE report_schedules SET created_at = '2026-11-01T00:00:00Z' WHERE id IN (${watch.id}, ${abnormal.id})`.execute(
      stores.metadata,
    );
    // The rule, as README states it: abnormal = sales falling or high refunds; watch = those and
    // visitors without sales, low conversion, carts not paid, traffic falling; rising never.
    const ABNORMAL = ['sales_falling', 'high_refunds'];
    const WATCH = [...ABNORMAL, 'no_sales', 'low_conversion', 'cart_no_pay', 'traffic_falling'];
    const outcomes = new Set<string>();
    for (const [i, day] of ['2026-11-11', '2026-11-12', '2026-11-13', '2026-11-14'].entries()) {
      now = new Date(`${day}T00:30:00Z`); // 08:30 local: the slot covers the day before
      const covered = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      await app.reportScheduler?.tick();
      const res = await app.inject({
        method: 'GET',
        url: `/api/v1/shops/tea/analyses/product-diagnosis?from=${covered}&to=${covered}&min_visitors=5&min_cart_visitors=3`,
        headers: { authorization: `Bearer ${readKey}` },
      });
      const kinds = (res.json() as { products: Array<{ findings: Array<{ kind: string }> }> }).products.flatMap((p) =>
        p.findings.map((f) => f.kind),
      );
      for (const [name, s, counted] of [
        ['watch', watch, WATCH],
        ['abnormal', abnormal, ABNORMAL],
      ] as const) {
        const d = (await deliveries(s.id))[i];
        const hits = kinds.filter((k) => counted.includes(k)).length;
        expect(d?.status, `${name} ${covered}`).toBe(hits > 0 ? 'succeeded' : 'skipped');
        expect(d?.note, `${name} ${covered}`).toMatch(
          hits > 0 ? new RegExp(`^${hits} product findings? (at watch or worse|abnormal): `) : /^no product finding /,
        );
        outcomes.add(`${name} ${d?.status}`);
      }
    }
    // The four days hold a delivery and a skip, so both branches are exercised.
    expect([...outcomes].some((o) => o.endsWith('succeeded'))).toBe(true);
    expect([...outcomes].some((o) => o.endsWith('skipped'))).toBe(true);
  });

  it('is refused for a report that is not a diagnosis', async () => {
    const report = await new SavedReportsRepo(stores.metadata).create({
      shopId: shop.id,
      name: 'Not a check',
      analysis: 'overview',
      params: {},
    });
    const res = await postOwnerSchedule(report.id, {
      frequency: 'daily',
      hour: 7,
      format: 'csv',
      destination: 'folder',
      target: 'x',
      onlyWhen: 'watch',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('Only a diagnosis or product diagnosis report can be sent as an alert');
  });
});
