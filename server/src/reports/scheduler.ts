/**
 * Scheduled reports, run inside the server. Every tick: each enabled schedule whose latest slot
 * has no delivery yet gets one (a missed slot after downtime runs once, for the latest slot
 * only); deliveries that failed are retried with backoff (1, 5, 30 minutes) and then marked
 * failed, which the API and dashboard show. The clock is injectable so tests can move time.
 * A delivery goes into a folder, to a webhook, or by e-mail (email.ts).
 */

import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnnotationsRepo } from '../metadata/annotations.repo.js';
import type { MetadataDb } from '../metadata/open-metadata.js';
import type { ReportSchedule, SavedReport, Shop } from '../metadata/schema.js';
import { attentionOf, type FigureStatus } from './attention.js';
import { emailRecipients, type SendReportEmail } from './email.js';
import { filtersNote } from './filters-note.js';
import { latestSlot, periodOf } from './slots.js';

export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000];

/** Renders a saved report for a period as a file (the server passes its own export path). */
export type RenderReport = (
  shop: Shop,
  report: SavedReport,
  period: { from: string; to: string },
  format: string,
) => Promise<{ body: Buffer; filename: string; contentType: string }>;

/** The figures of a diagnosis report for a period, with their statuses (for alert schedules). */
/** What an alert schedule looks at: each figure's (or product finding's) status, and what to call them in its note. */
export type DiagnoseReport = (
  shop: Shop,
  report: SavedReport,
  period: { from: string; to: string },
) => Promise<{ statuses: FigureStatus[]; noun: [one: string, many: string] }>;

export interface SchedulerOptions {
  db: MetadataDb;
  /** Folder destinations are subfolders of this directory. */
  reportsDir: string;
  render: RenderReport;
  diagnose: DiagnoseReport;
  /** Sends e-mail deliveries; absent when the server has no mail server configured. */
  email?: SendReportEmail;
  clock?: () => Date;
  fetch?: typeof fetch;
  log?: (message: string) => void;
}

export class ReportScheduler {
  private readonly clock: () => Date;
  private readonly fetchFn: typeof fetch;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly o: SchedulerOptions) {
    this.clock = o.clock ?? (() => new Date());
    this.fetchFn = o.fetch ?? fetch;
  }

  /** Ticks now (so a slot missed while the server was down runs on start), then every interval. */
  start(intervalMs = 60_000): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass; concurrent calls share the pass in progress. */
  tick(): Promise<void> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<void> {
    const now = this.clock();
    const schedules = await this.o.db
      .selectFrom('report_schedules')
      .innerJoin('shops', 'shops.id', 'report_schedules.shop_id')
      .selectAll('report_schedules')
      .select('shops.time_zone as time_zone')
      .where('report_schedules.enabled', '=', true)
      .execute();
    for (const s of schedules) {
      const slot = latestSlot(s, s.time_zone, now);
      if (slot.getTime() < new Date(s.created_at).getTime() - 60 * 60_000) continue; // nothing due before it existed
      if (s.last_slot && new Date(s.last_slot).getTime() >= slot.getTime()) continue;
      await this.o.db.updateTable('report_schedules').set({ last_slot: slot }).where('id', '=', s.id).execute();
      const delivery = await this.o.db
        .insertInto('report_deliveries')
        .values({ schedule_id: s.id, slot, status: 'retrying', next_attempt_at: now })
        .onConflict((oc) => oc.columns(['schedule_id', 'slot']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (delivery) this.o.log?.(`report schedule ${s.id}: slot ${slot.toISOString()} due`);
    }
    const pending = await this.o.db
      .selectFrom('report_deliveries')
      .selectAll()
      .where('status', '=', 'retrying')
      .where('next_attempt_at', '<=', now)
      .orderBy('id')
      .execute();
    for (const d of pending) await this.attempt(d.id, d.schedule_id, new Date(d.slot), d.attempts, now);
  }

  private async attempt(deliveryId: number, scheduleId: number, slot: Date, attempts: number, now: Date): Promise<void> {
    const schedule = (await this.o.db
      .selectFrom('report_schedules')
      .selectAll()
      .where('id', '=', scheduleId)
      .executeTakeFirst()) as ReportSchedule;
    const shop = (await this.o.db.selectFrom('shops').selectAll().where('id', '=', schedule.shop_id).executeTakeFirst()) as Shop;
    const report = (await this.o.db
      .selectFrom('saved_reports')
      .selectAll()
      .where('id', '=', schedule.report_id)
      .executeTakeFirst()) as SavedReport;
    try {
      const period = periodOf(schedule, shop.time_zone, slot);
      // An alert schedule looks at the diagnosis first and delivers only when something is off.
      const looked = schedule.only_when ? await this.o.diagnose(shop, report, period) : undefined;
      const attention = looked && schedule.only_when ? attentionOf(looked.statuses, schedule.only_when, looked.noun) : undefined;
      if (attention && !attention.deliver) {
        await this.o.db
          .updateTable('report_deliveries')
          .set({ status: 'skipped', attempts: attempts + 1, next_attempt_at: null, error: null, note: attention.note, finished_at: now })
          .where('id', '=', deliveryId)
          .execute();
        return;
      }
      const file = await this.o.render(shop, report, period, schedule.format);
      const location =
        schedule.destination === 'folder'
          ? this.toFolder(join(this.o.reportsDir, schedule.target), file)
          : schedule.destination === 'email'
            ? await this.toEmail(schedule.target, file, { shop, report, period, note: attention?.note })
            : await this.toWebhook(schedule.target, file, report, slot, attention?.note);
      await this.o.db
        .updateTable('report_deliveries')
        .set({
          status: 'succeeded',
          attempts: attempts + 1,
          next_attempt_at: null,
          error: null,
          location,
          bytes: file.body.length,
          note: attention?.note ?? null,
          finished_at: now,
        })
        .where('id', '=', deliveryId)
        .execute();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const delay = RETRY_DELAYS_MS[attempts];
      await this.o.db
        .updateTable('report_deliveries')
        .set({
          status: delay === undefined ? 'failed' : 'retrying',
          attempts: attempts + 1,
          next_attempt_at: delay === undefined ? null : new Date(now.getTime() + delay),
          error: message.slice(0, 500),
          finished_at: delay === undefined ? now : null,
        })
        .where('id', '=', deliveryId)
        .execute();
      this.o.log?.(`report schedule ${scheduleId}: attempt ${attempts + 1} failed: ${message}`);
    }
  }

  /** Written to a temporary name and renamed, so a reader never sees half a file. */
  private toFolder(folder: string, file: { body: Buffer; filename: string }): string {
    mkdirSync(folder, { recursive: true });
    const path = join(folder, file.filename);
    writeFileSync(`${path}.part`, file.body);
    renameSync(`${path}.part`, path);
    return path;
  }

  /** The file attached to a short message that says what it is; the location is the recipients. */
  private async toEmail(
    target: string,
    file: { body: Buffer; filename: string; contentType: string },
    about: { shop: Shop; report: SavedReport; period: { from: string; to: string }; note: string | undefined },
  ): Promise<string> {
    if (!this.o.email) throw new Error('e-mail delivery is not configured on this server: set STORELENS_SMTP_URL');
    const to = emailRecipients(target);
    if ('error' in to) throw new Error(to.error);
    const { shop, report, period, note } = about;
    const days = period.from === period.to ? period.from : `${period.from} – ${period.to}`;
    // What the days were known for (a sale, an outage), so a jump in the file is read beside it.
    const marks = await new AnnotationsRepo(this.o.db).list(shop.id, period);
    const span = (m: { from: string; to: string }) => (m.from === m.to ? m.from : `${m.from} – ${m.to}`);
    // A file of one live room's or channel's figures says so.
    const only = filtersNote(report.params as Record<string, unknown>);
    await this.o.email({
      to: to.addresses,
      subject: `${note ? 'Attention: ' : ''}${report.name} · ${shop.name} · ${days}`,
      text: [
        `${report.name} (${report.analysis}) for ${shop.name}, ${days} (${shop.time_zone}).`,
        ...(note ? [`Why it was sent: ${note}.`] : []),
        ...(only ? [only] : []),
        ...(marks.length ? [`Marked on these days: ${marks.map((m) => `${m.title} (${m.kind}, ${span(m)})`).join('; ')}.`] : []),
        `The file is attached: ${file.filename}.`,
        '',
        '— Storelens scheduled reports',
      ].join('\n'),
      attachment: { filename: file.filename, content: file.body, contentType: file.contentType },
    });
    return `mailto:${to.addresses.join(',')}`;
  }

  private async toWebhook(
    url: string,
    file: { body: Buffer; filename: string; contentType: string },
    report: SavedReport,
    slot: Date,
    note: string | undefined,
  ): Promise<string> {
    const res = await this.fetchFn(url, {
      method: 'POST',
      headers: {
        'content-type': file.contentType,
        'content-disposition': `attachment; filename="${file.filename}"`,
        'x-storelens-report': String(report.id),
        'x-storelens-slot': slot.toISOString(),
        // An alert says why it came (ASCII: metric codes and statuses only).
        ...(note ? { 'x-storelens-attention': note } : {}),
      },
      body: new Uint8Array(file.body),
      signal: AbortSignal.timeout(30_000),
    });
    if (!res.ok) throw new Error(`webhook answered ${res.status} ${res.statusText}`);
    return url;
  }
}
