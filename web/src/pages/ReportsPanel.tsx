/**
 * Saved reports and their schedules (shown on the Settings page): reopen a saved view by its
 * link, schedule it daily or weekly into a folder or to a webhook, and see every delivery with
 * its attempts and errors.
 */
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { useReports, useSchedules, useSession, useShopWrite } from '../api/hooks';
import type { SavedReport } from '../api/types';
import { Panel } from '../components/Panel';
import { Table } from '../components/Table';
import { useI18n } from '../i18n/i18n';
import { viewLink } from '../state/saved-views';

const HOURS = [...Array(24).keys()];

interface Schedule {
  id: number;
  report_name: string;
  report_analysis: string;
  frequency: string;
  weekday: number | null;
  hour: number;
  format: string;
  destination: string;
  target: string;
  only_when: 'watch' | 'abnormal' | null;
  deliveries: Array<{
    id: number;
    slot: string;
    status: string;
    attempts: number;
    error: string | null;
    location: string | null;
    note: string | null;
  }>;
}

/** What an alert schedule waits for, in words: a diagnosis's figures, or a product diagnosis's findings. */
const alertLabel = (analysis: string, when: 'watch' | 'abnormal') =>
  analysis === 'product-diagnosis'
    ? when === 'watch'
      ? 'reports.onlyWhenProductsWatch'
      : 'reports.onlyWhenProductsAbnormal'
    : when === 'watch'
      ? 'reports.onlyWhenWatch'
      : 'reports.onlyWhenAbnormal';

export function ReportsPanel({ shop }: { shop: string }) {
  const { t, locale } = useI18n();
  const reports = useReports(shop);
  const schedules = useSchedules<Schedule>(shop);
  const write = useShopWrite(shop, ['schedules']);
  // Whether this server can e-mail reports (its operator set a mail server).
  const canEmail = useSession().data?.server.email ?? false;
  const [form, setForm] = useState({
    report: '',
    frequency: 'daily',
    weekday: '1',
    hour: '8',
    format: 'xlsx',
    destination: 'folder',
    target: 'reports',
    onlyWhen: '',
  });
  // A diagnosis can be sent as an alert: only on the days a figure needs attention; a product
  // diagnosis only on the days a product has a finding.
  const analysis = reports.data?.reports.find((r) => String(r.id) === form.report)?.analysis ?? '';
  const isDiagnosis = analysis === 'diagnostics' || analysis === 'product-diagnosis';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form.report) return;
    write.mutate({
      method: 'POST',
      path: `/reports/${form.report}/schedules`,
      body: {
        frequency: form.frequency,
        hour: Number(form.hour),
        ...(form.frequency === 'weekly' ? { weekday: Number(form.weekday) } : {}),
        format: form.format,
        destination: form.destination,
        target: form.target,
        ...(isDiagnosis && form.onlyWhen ? { onlyWhen: form.onlyWhen } : {}),
      },
    });
  };
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <>
      <Panel
        title={t('reports.saved')}
        loading={reports.isLoading}
        error={reports.error}
        empty={(reports.data?.reports.length ?? 0) === 0}
        emptyText={t('reports.none')}
      >
        <Table<SavedReport>
          rowKey={(r) => String(r.id)}
          rows={reports.data?.reports ?? []}
          columns={[
            { key: 'name', label: t('common.name'), render: (r) => <Link to={viewLink(shop, r)}>{r.name}</Link> },
            { key: 'analysis', label: t('reports.analysis'), render: (r) => r.analysis },
          ]}
        />
      </Panel>
      <Panel title={t('reports.schedules')} loading={schedules.isLoading} error={schedules.error} wide>
        <form className="builder" onSubmit={submit}>
          <select aria-label={t('reports.saved')} value={form.report} onChange={set('report')}>
            <option value="">{t('reports.pick')}</option>
            {(reports.data?.reports ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
          <select aria-label="frequency" value={form.frequency} onChange={set('frequency')}>
            <option value="daily">{t('reports.daily')}</option>
            <option value="weekly">{t('reports.weekly')}</option>
          </select>
          {form.frequency === 'weekly' ? (
            <select aria-label="weekday" value={form.weekday} onChange={set('weekday')}>
              {[0, 1, 2, 3, 4, 5, 6].map((d) => (
                <option key={d} value={d}>
                  {new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-US', { weekday: 'long', timeZone: 'UTC' }).format(
                    new Date(Date.UTC(2026, 10, 22 + d)),
                  )}
                </option>
              ))}
            </select>
          ) : null}
          {/* The hour of the day, in the shop's time zone, as a time a person reads at a glance. */}
          <select aria-label="hour" value={form.hour} onChange={set('hour')}>
            {HOURS.map((h) => (
              <option key={h} value={String(h)}>
                {`${String(h).padStart(2, '0')}:00`}
              </option>
            ))}
          </select>
          <select aria-label="format" value={form.format} onChange={set('format')}>
            {['xlsx', 'csv', 'parquet', 'arrow', 'json'].map((f) => (
              <option key={f}>{f}</option>
            ))}
          </select>
          <select aria-label="destination" value={form.destination} onChange={set('destination')}>
            <option value="folder">{t('reports.folder')}</option>
            <option value="webhook">{t('reports.webhook')}</option>
            {/* Only where the server has a mail server; elsewhere shown, disabled, saying why (short: the option sets the select's width). */}
            <option value="email" disabled={!canEmail} title={canEmail ? undefined : t('reports.emailHow')}>
              {canEmail ? t('reports.email') : t('reports.emailOff')}
            </option>
          </select>
          <input
            aria-label="target"
            value={form.target}
            onChange={set('target')}
            placeholder={form.destination === 'folder' ? 'reports' : form.destination === 'email' ? 'name@example.com, …' : 'https://…'}
          />
          {isDiagnosis ? (
            <select aria-label={t('reports.onlyWhen')} value={form.onlyWhen} onChange={set('onlyWhen')}>
              <option value="">{t('reports.always')}</option>
              <option value="watch">{t(alertLabel(analysis, 'watch'))}</option>
              <option value="abnormal">{t(alertLabel(analysis, 'abnormal'))}</option>
            </select>
          ) : null}
          <button type="submit" className="primary" disabled={write.isPending}>
            {t('reports.schedule')}
          </button>
          {write.error ? (
            <span className="state-error" role="alert">
              {(write.error as Error).message}
            </span>
          ) : null}
        </form>
        <Table<Schedule>
          rowKey={(s) => String(s.id)}
          rows={schedules.data?.schedules ?? []}
          columns={[
            { key: 'report_name', label: t('common.name'), render: (s) => s.report_name },
            {
              key: 'when',
              label: t('reports.when'),
              render: (s) =>
                `${s.frequency}${s.weekday !== null ? ` (${s.weekday})` : ''} ${String(s.hour).padStart(2, '0')}:00${
                  s.only_when ? ` · ${t(alertLabel(s.report_analysis, s.only_when))}` : ''
                }`,
            },
            { key: 'to', label: t('reports.to'), render: (s) => `${s.format} → ${s.destination}: ${s.target}` },
            {
              key: 'last',
              label: t('reports.last'),
              render: (s) => {
                const d = s.deliveries[0];
                return d ? (
                  <span
                    className={`job-${d.status === 'succeeded' ? 'succeeded' : d.status === 'failed' ? 'failed' : d.status === 'skipped' ? 'skipped' : 'running'}`}
                    title={d.note ?? d.error ?? d.location ?? ''}
                  >
                    {d.slot.slice(0, 16).replace('T', ' ')} {d.status} ({d.attempts}){d.error ? `: ${d.error}` : ''}
                    {d.note ? <div className="muted">{d.note}</div> : null}
                  </span>
                ) : (
                  '—'
                );
              },
            },
          ]}
        />
      </Panel>
    </>
  );
}
