import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { analysisRequest } from '../src/exports/analysis-request.js';
import { AnnotationsRepo, SavedReportsRepo, type Shop } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { deliveriesOf, openReportOwnerShop, postSchedule } from './report-owner-shop.js';

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
  ({ stores, dispose, shop, readKey, session } = await openReportOwnerShop('Tea House', {
    smtpUrl: `smtp://127.0.0.1:${port}`,
    smtpFrom: 'Tea reports <reports@tea.example>',
  }));
  app = await buildApp({ stores, serveDashboard: false, scheduleReports: { clock: () => now, start: false } });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await new Promise<void>((r) => smtp.close(() => r()));
  await dispose();
});

/** POST a schedule for a saved report as the shop's owner, to this app or another. */
const post = (application: FastifyInstance, reportId: number, payload: object) => postSchedule(application, session, reportId, payload);
/** Made over the API today, the schedule is dated back to before the test's clock, so its slots are due. */
const datedBack = (id: number) =>
  sql`UPDATE report_schedules SET created_at = ${new Date('2026-11-01T00:00:00Z')} WHERE id = ${id}`.execute(stores.metadata);
const deliveries = (scheduleId: number) => deliveriesOf(stores, scheduleId);

describe('scheduled reports by e-mail', () => {
  it('e-mails the slot’s report to every address, attached as the API would download it', async () => {
    const report = await new SavedReportsRepo(stores.metadata).create({
      shopId: shop.id,
      name: 'Channels yesterday',
      analysis: 'traffic',
      // Of the app alone: the message says so, so the file does not read as the whole shop's.
      params: { by: 'channel', device: ['mobile_app'], customer: 'new' },
    });
    // The session tells the dashboard this server can e-mail (so Settings offers it).
    const me = await app.inject({ method: 'GET', url: '/api/v1/session', cookies: { sl_session: session.token } });
    expect(me.json().server).toEqual({ email: true });
    const daily = { frequency: 'daily', hour: 8, format: 'csv', destination: 'email' };
    // A typo in an address is refused when the schedule is made, named.
    const typo = await post(app, report.id, { ...daily, target: 'ops@tea.example, boss-at-tea.example' });
    expect(typo.statusCode).toBe(400);
    expect(typo.json().error.message).toBe('"boss-at-tea.example" is not an e-mail address.');
    const made = await post(app, report.id, { ...daily, target: ' ops@tea.example ,boss@tea.example ' });
    expect(made.statusCode).toBe(201);
    const schedule = made.json() as { id: number; target: string };
    expect(schedule.target).toBe('ops@tea.example, boss@tea.example');
    await datedBack(schedule.id);
    // A mark touching the slot's day is named in the message; one a day later is not.
    const marks = new AnnotationsRepo(stores.metadata);
    await marks.create(shop.id, { from: '2026-11-09', to: '2026-11-10', title: 'Warm-up for 11.11', kind: 'promotion' });
    await marks.create(shop.id, { from: '2026-11-11', to: '2026-11-11', title: 'Double 11', kind: 'promotion' });

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
    expect(mail.text).toContain('Marked on these days: Warm-up for 11.11 (promotion, 2026-11-09 – 2026-11-10).');
    expect(mail.text).not.toContain('Double 11');
    expect(mail.text).toContain(
      'Only device mobile_app; new customers: every figure counts those rows alone, as if the shop had nothing else.',
    );
    expect(mail.attachments.map((a) => a.filename)).toEqual(['tea-Channels-yesterday-2026-11-10_2026-11-10.csv']);
    const download = await app.inject({
      ...analysisRequest('tea', 'traffic', {
        by: 'channel',
        device: ['mobile_app'],
        customer: 'new',
        from: '2026-11-10',
        to: '2026-11-10',
        format: 'csv',
      }),
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
    const made = await post(app, report.id, {
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
      const res = await post(other, report.id, {
        frequency: 'daily',
        hour: 8,
        format: 'csv',
        destination: 'email',
        target: 'ops@tea.example',
      });
      expect((await other.inject({ method: 'GET', url: '/api/v1/session', cookies: { sl_session: session.token } })).json().server).toEqual(
        {
          email: false,
        },
      );
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toBe(
        'This server cannot send e-mail: its operator sets STORELENS_SMTP_URL (an smtp:// or smtps:// URL of a mail server) to turn it on.',
      );
    } finally {
      await other.close();
    }
  });
});
