/**
 * Scheduled reports: a saved report delivered daily or weekly (local hour, shop's time zone) as a
 * file into a folder under STORELENS_REPORTS_DIR, POSTed to a webhook or e-mailed — a diagnosis optionally
 * only when a figure needs attention (an alert); and the delivery history with attempts and errors.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { shopOf } from '../auth/access.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import { FILE_FORMATS } from '../exports/write-table.js';
import type { MetadataDb } from '../metadata/open-metadata.js';
import { ATTENTION_THRESHOLDS, type AttentionThreshold } from '../reports/attention.js';
import { emailRecipients } from '../reports/email.js';
import { ShopParams } from './analysis-query.js';

const ScheduleBody = Type.Object(
  {
    frequency: Type.Union([Type.Literal('daily'), Type.Literal('weekly')]),
    hour: Type.Integer({ minimum: 0, maximum: 23, description: 'local hour in the shop’s time zone' }),
    weekday: Type.Optional(Type.Integer({ minimum: 0, maximum: 6, description: 'weekly: 0 = Sunday … 6 = Saturday' })),
    format: Type.Union(FILE_FORMATS.map((f) => Type.Literal(f))),
    destination: Type.Union([Type.Literal('folder'), Type.Literal('webhook'), Type.Literal('email')]),
    target: Type.String({
      minLength: 1,
      maxLength: 500,
      description:
        'folder: a subfolder name under STORELENS_REPORTS_DIR; webhook: an http(s) URL; email: addresses, comma-separated (the server needs STORELENS_SMTP_URL)',
    }),
    onlyWhen: Type.Optional(
      Type.Union(
        ATTENTION_THRESHOLDS.map((a) => Type.Literal(a)),
        {
          description:
            'diagnosis reports: deliver only when a figure is at this status or worse (an alert); product diagnosis reports: when a product has a finding at it (abnormal: sales falling, high refunds; watch: those and visitors without sales, low conversion, carts not paid, traffic falling); other slots are skipped',
        },
      ),
    ),
  },
  { additionalProperties: false },
);

/** The analyses whose reports can be alerts: delivered only when something needs attention. */
const ALERTING_ANALYSES = ['diagnostics', 'product-diagnosis'];

/** `email`: whether the server has a mail server to send through (STORELENS_SMTP_URL). */
export function schedulesRoutes(app: FastifyInstance, db: MetadataDb, options: { email: boolean }): void {
  const reportOf = async (shopId: number, id: number) => {
    const r = await db
      .selectFrom('saved_reports')
      .select(['id', 'name', 'analysis'])
      .where('shop_id', '=', shopId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!r) throw new NotFoundError(`No saved report ${id} in this shop.`);
    return r;
  };
  app.post(
    '/api/v1/shops/:shop/reports/:id/schedules',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags: ['reports'],
        summary: 'Schedule a saved report',
        params: Type.Object({ shop: Type.String(), id: Type.Integer() }),
        body: ScheduleBody,
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const { id } = request.params as { id: number };
      const report = await reportOf(shop.id, id);
      const b = request.body as {
        frequency: 'daily' | 'weekly';
        hour: number;
        weekday?: number;
        format: string;
        destination: 'folder' | 'webhook' | 'email';
        target: string;
        onlyWhen?: AttentionThreshold;
      };
      if (b.onlyWhen && !ALERTING_ANALYSES.includes(report.analysis))
        throw new BadRequestError(
          `Only a diagnosis or product diagnosis report can be sent as an alert (onlyWhen); this report is a ${report.analysis} report.`,
          'onlyWhen',
        );
      if (b.frequency === 'weekly' && b.weekday === undefined)
        throw new BadRequestError('A weekly schedule needs weekday (0 = Sunday … 6 = Saturday).', 'weekday');
      if (b.destination === 'folder' && !/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(b.target))
        throw new BadRequestError('A folder target is one folder name (letters, digits, - and _) under STORELENS_REPORTS_DIR.', 'target');
      if (b.destination === 'webhook' && !/^https?:\/\/[^\s]+$/.test(b.target))
        throw new BadRequestError('A webhook target is an http:// or https:// URL.', 'target');
      if (b.destination === 'email') {
        if (!options.email)
          throw new BadRequestError(
            'This server cannot send e-mail: its operator sets STORELENS_SMTP_URL (an smtp:// or smtps:// URL of a mail server) to turn it on.',
            'destination',
          );
        const to = emailRecipients(b.target);
        if ('error' in to) throw new BadRequestError(to.error, 'target');
        b.target = to.addresses.join(', ');
      }
      const row = await db
        .insertInto('report_schedules')
        .values({
          shop_id: shop.id,
          report_id: id,
          frequency: b.frequency,
          hour: b.hour,
          weekday: b.frequency === 'weekly' ? (b.weekday ?? null) : null,
          format: b.format,
          destination: b.destination,
          target: b.target,
          only_when: b.onlyWhen ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return reply.code(201).send(row);
    },
  );
  app.get(
    '/api/v1/shops/:shop/schedules',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['reports'],
        summary: 'Scheduled reports of the shop with their latest deliveries',
        params: ShopParams,
        querystring: Type.Object({}, { additionalProperties: false }),
      },
    },
    async (request) => {
      const shop = shopOf(request);
      const schedules = await db
        .selectFrom('report_schedules')
        .innerJoin('saved_reports', 'saved_reports.id', 'report_schedules.report_id')
        .selectAll('report_schedules')
        .select(['saved_reports.name as report_name', 'saved_reports.analysis as report_analysis'])
        .where('report_schedules.shop_id', '=', shop.id)
        .orderBy('report_schedules.id')
        .execute();
      const deliveries = schedules.length
        ? await db
            .selectFrom('report_deliveries')
            .selectAll()
            .where(
              'schedule_id',
              'in',
              schedules.map((s) => s.id),
            )
            .orderBy('id', 'desc')
            .limit(200)
            .execute()
        : [];
      return { schedules: schedules.map((s) => ({ ...s, deliveries: deliveries.filter((d) => d.schedule_id === s.id).slice(0, 20) })) };
    },
  );
  app.delete(
    '/api/v1/shops/:shop/schedules/:id',
    {
      config: { access: 'settings.manage' },
      schema: { tags: ['reports'], summary: 'Remove a schedule', params: Type.Object({ shop: Type.String(), id: Type.Integer() }) },
    },
    async (request, reply) => {
      const r = await db
        .deleteFrom('report_schedules')
        .where('shop_id', '=', shopOf(request).id)
        .where('id', '=', (request.params as { id: number }).id)
        .executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) throw new NotFoundError('No such schedule in this shop.');
      return reply.code(204).send();
    },
  );
}
