/**
 * Scheduled reports by e-mail, through a real SMTP server listening on loopback (smtp-server, the
 * same protocol a merchant's mail server speaks): a schedule made over the API with two addresses
 * sends the report for the slot's period as an attachment whose bytes are the API's download of
 * the same report; a bad address is a 400 that names it; a server without a mail server refuses
 * e-mail schedules with what its operator must set; a mail server that is down makes a delivery
 * that is retried, with the error recorded.
 */
import { join } from 'node:path';
import { IMPORT_KINDS, runImport } from '@storelens/etl';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { analysisRequest } from '../src/exports/analysis-request.js';
import { ApiKeysRepo, SavedReportsRepo, SessionsRepo, type Shop, ShopsRepo, UsersRepo } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openTempStores } from './temp-stores.js';

const golden = join(import.meta.dirname, '..', '..', 'fixtures', 'golden', 'tiny', 'tiny-tea');
let stores: Stores;
let dispose: () => Promise<void>;
let app: FastifyInstance;
let shop: Shop;
let now = new Date('2026-11-11T00:30:00Z'); // 08:30 on 11 November in Shanghai
let smtp: SMTPServer;
const mails: Array<{ envelopeTo: string[]; mail: ParsedMail }> = [];
let readKey = '';
let session = { token: '', csrf: '' };

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, s, done) {
      simpleParser(stream)
        .then((mail) => {
          mails.push({ envelopeTo: s.envelope.rcptTo.map((r) => r.address), mail });
          done();
        })
        .catch(done);
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  const address = smtp.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  ({ stores, dispose } = await openTempStores({ smtpUrl: `smtp://127.0.0.1:${port}`, smtpFrom: 'Tea reports <reports@tea.example>' }));
  const shops = new ShopsRepo(stores.metadata);
  const org = await shops.createOrganization('Mailed');
  shop = await shops.create({ organizationId: org.id, slug: 'tea', name: 'Tea House', currency: 'CNY', timeZone: 'Asia/Shanghai' });
  for (const kind of IMPORT_KINDS)
    await runImport(stores.warehouse, {
      shop: { id: shop.id, timeZone: shop.time_zone, currency: shop.currency },
      kind,
      path: join(golden, `${kind}-00000.csv`),
    });
  readKey = (await new ApiKeysRepo(stores.metadata).create({ shopId: shop.id, name: 'r', scopes: ['read'] })).key;
  const users = new UsersRepo(stores.metadata);
  const owner = await users.create({ email: 'owner@tea.example', displayName: 'Owner', password: 'a long password 1' });
  await users.setMembership(org.id, owner.id, 'owner');
  const s = await new SessionsRepo(stores.metadata).create(owner.id);
  session = { token: s.token, csrf: s.csrfToken };
  app = await buildApp({ stores, serveDashboard: false, scheduleReports: { clock: () => now, start: false } });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await new Promise<void>((r) => smtp.close(() => r()));
  await dispose();
});

const postSchedule = (application: FastifyInstance, reportId: number, payload: object) =>
  application.inject({
    method: 'POST',
    url: `/api/v1/shops/tea/reports/${reportId}/schedules`,
    cookies: { sl_session: session.token },
    headers: { 'x-csrf-token': session.csrf },
    payload,
  });
/** Made over the API today, the schedule is dated back to before the test's clock, so its slots are due. */
const datedBack = (id: number) =>
  sql`UPDATE report_schedules SET created_at = ${new Date('2026-11-01T00:00:00Z')} WHERE id = ${id}`.execute(stores.metadata);
const deliveries = (scheduleId: number) =>
  stores.metadata.selectFrom('report_deliveries').selectAll().where('schedule_id', '=', scheduleId).orderBy('id').execute();

describe('scheduled reports by e-mail', () => {
  it('e-mails the slot’s report to every address, attached as the API would download it', async () => {
    const report = await new SavedReportsRepo(stores.metadata).create({
      shopId: shop.id,
      name: 'Channels yesterday',
      analysis: 'traffic',
      params: { by: 'channel' },
    });
    const daily = { frequency: 'daily', hour: 8, format: 'csv', destination: 'email' };
    // A typo in an address is refused when the schedule is made, named.
    const typo = await postSchedule(app, report.id, { ...daily, target: 'ops@tea.example, boss-at-tea.example' });
    expect(typo.statusCode).toBe(400);
    expect(typo.json().error.message).toBe('"boss-at-tea.example" is not an e-mail address.');
    const made = await postSchedule(app, report.id, { ...daily, target: ' ops@tea.example ,boss@tea.example ' });
    expect(made.statusCode).toBe(201);
    const schedule = made.json() as { id: number; target: string };
    expect(schedule.target).toBe('ops@tea.example, boss@tea.example');
    await datedBack(schedule.id);

    await app.reportScheduler?.tick();
    const [d] = await deliveries(schedule.id);
    expect(d).toMatchObject({ status: 'succeeded', attempts: 1, location: 'mailto:ops@tea.example,boss@tea.example' });
    expect(mails).toHaveLength(1);
    const { envelopeTo, mail } = mails[0] as (typeof mails)[number];
    expect(envelopeTo).toEqual(['ops@tea.example', 'boss@tea.example']);
    expect(mail.from?.text).toBe('"Tea reports" <reports@tea.example>');
    // The 08:00 slot of the 11th covers the 10th (Shanghai).
    expect(mail.subject).toBe('Channels yesterday · Tea House · 2026-11-10');
    expect(mail.text).toContain('Channels yesterday (traffic) for Tea House, 2026-11-10 (Asia/Shanghai).');
    expect(mail.attachments.map((a) => a.filename)).toEqual(['tea-Channels-yesterday-2026-11-10_2026-11-10.csv']);
    const download = await app.inject({
      ...analysisRequest('tea', 'traffic', { by: 'channel', from: '2026-11-10', to: '2026-11-10', format: 'csv' }),
      headers: { authorization: `Bearer ${readKey}` },
    });
    expect(download.statusCode).toBe(200);
    expect(mails[0]?.mail.attachments[0]?.content.equals(download.rawPayload)).toBe(true);
    // A file with figures in it, not only a header.
    expect(download.body.trim().split('\n').length).toBeGreaterThan(2);
  });

  it('retries when the mail server is down, recording why', async () => {
    const report = await new SavedReportsRepo(stores.metadata).create({
      shopId: shop.id,
      name: 'Overview',
      analysis: 'overview',
      params: {},
    });
    const made = await postSchedule(app, report.id, {
      frequency: 'daily',
      hour: 9,
      format: 'xlsx',
      destination: 'email',
      target: 'ops@tea.example',
    });
    expect(made.statusCode).toBe(201);
    await datedBack((made.json() as { id: number }).id);
    await new Promise<void>((r) => smtp.close(() => r()));
    now = new Date('2026-11-11T01:30:00Z'); // 09:30 local
    await app.reportScheduler?.tick();
    const [d] = await deliveries((made.json() as { id: number }).id);
    expect(d).toMatchObject({ status: 'retrying', attempts: 1 });
    expect(d?.error).toMatch(/ECONNREFUSED|connect/i);
  });

  it('refuses e-mail schedules on a server without a mail server, saying what to set', async () => {
    // The same stores, served by an app configured without a mail server.
    const other = await buildApp({ stores: { ...stores, config: { ...stores.config, smtpUrl: undefined } }, serveDashboard: false });
    try {
      const report = await new SavedReportsRepo(stores.metadata).create({ shopId: shop.id, name: 'x', analysis: 'overview', params: {} });
      const res = await postSchedule(other, report.id, {
        frequency: 'daily',
        hour: 8,
        format: 'csv',
        destination: 'email',
        target: 'ops@tea.example',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toBe(
        'This server cannot send e-mail: its operator sets STORELENS_SMTP_URL (an smtp:// or smtps:// URL of a mail server) to turn it on.',
      );
    } finally {
      await other.close();
    }
  });
});
