/** Imports: upload a file with progress, the job history, and each job's rejected rows with reasons. */

import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { uploadWithProgress, useImportJobs, useRejects } from '../api/hooks';
import type { ImportJob } from '../api/types';
import { useShop } from '../app/shop-context';
import { Panel } from '../components/Panel';
import { Table } from '../components/Table';
import { useI18n } from '../i18n/i18n';

const KINDS = ['events', 'orders', 'order_items', 'customers', 'products'];
const PRESETS = ['', 'online-retail', 'cdnow', 'taobao-user-behavior', 'shopify-orders'];

/** Seconds from start to finish (so far, while running); null before it starts. */
function tookSeconds(j: ImportJob): number | null {
  if (!j.started_at) return null;
  return ((j.finished_at ? Date.parse(j.finished_at) : Date.now()) - Date.parse(j.started_at)) / 1000;
}

export default function ImportsPage() {
  const { shop, session } = useShop();
  const qc = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [uploaded, setUploaded] = useState<string[]>([]);
  const i18n = useI18n();
  const { t } = i18n;
  const jobs = useImportJobs(shop.slug);
  const [kind, setKind] = useState('orders');
  const [preset, setPreset] = useState('');
  const [job, setJob] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const rejects = useRejects(shop.slug, job);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const f = file.current?.files?.[0];
    if (!f) return;
    const format = f.name.endsWith('.parquet')
      ? 'parquet'
      : f.name.match(/\.jsonl?(\.gz)?$/)
        ? 'jsonl'
        : f.name.match(/\.arrow$/)
          ? 'arrow'
          : 'csv';
    setUploadError(null);
    setProgress(0);
    uploadWithProgress(shop.slug, f, { ...(preset ? { preset } : { kind }), filename: f.name, format }, setProgress, session.csrfToken)
      .then((r) => {
        setUploaded(r.jobs);
        return qc.invalidateQueries({ queryKey: ['imports', shop.slug] });
      })
      .catch((error: Error) => setUploadError(error.message))
      .finally(() => setProgress(null));
  };
  const rows = jobs.data?.jobs ?? [];
  return (
    <div className="grid">
      <Panel title={t('imports.upload')} wide>
        <form className="builder" onSubmit={submit}>
          <input type="file" ref={file} aria-label="file" />
          <label>
            {t('imports.kind')}{' '}
            <select aria-label={t('imports.kind')} value={kind} onChange={(e) => setKind(e.target.value)} disabled={Boolean(preset)}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {i18n.code('import', k)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('imports.preset')}{' '}
            <select aria-label={t('imports.preset')} value={preset} onChange={(e) => setPreset(e.target.value)}>
              {PRESETS.map((p) => (
                <option key={p} value={p}>
                  {p || '—'}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary" disabled={progress !== null}>
            {t('imports.start')}
          </button>
          {progress !== null ? (
            <span>
              {t('imports.progress')} <progress max={1} value={progress} aria-label={t('imports.progress')} /> {i18n.percent(progress)}
            </span>
          ) : null}
          {uploadError ? (
            <span className="state-error" role="alert">
              {uploadError}
            </span>
          ) : null}
          {uploaded.length ? <span className="muted">job {uploaded.join(', ')}</span> : null}
        </form>
      </Panel>
      <Panel title={t('imports.history')} loading={jobs.isLoading} error={jobs.error} empty={rows.length === 0} wide>
        <Table<ImportJob>
          rowKey={(j) => j.id}
          rows={rows}
          onRow={(j) => setJob(j.id)}
          columns={[
            { key: 'created_at', label: t('imports.time'), render: (j) => i18n.dateTime(j.created_at, shop.timeZone) },
            // File and kind, status and error, each share a cell so the history fits its panel.
            {
              key: 'source',
              label: t('imports.file'),
              wrap: true,
              render: (j) => (
                <>
                  {j.source}
                  <div className="muted">{j.preset ?? i18n.code('import', j.kind)}</div>
                </>
              ),
            },
            {
              key: 'status',
              label: t('imports.status'),
              wrap: true,
              render: (j) => (
                <>
                  <span className={`job-${j.status}`}>{i18n.code('import', j.status)}</span>
                  {j.error ? <div className="job-error">{j.error}</div> : null}
                </>
              ),
            },
            { key: 'rows_read', label: t('imports.read'), numeric: true, render: (j) => i18n.number(j.rows_read) },
            { key: 'rows_loaded', label: t('imports.loaded'), numeric: true, render: (j) => i18n.number(j.rows_loaded) },
            { key: 'rows_updated', label: t('imports.updated'), numeric: true, render: (j) => i18n.number(j.rows_updated) },
            { key: 'rows_duplicate', label: t('imports.duplicate'), numeric: true, render: (j) => i18n.number(j.rows_duplicate) },
            { key: 'rows_rejected', label: t('imports.rejected'), numeric: true, render: (j) => i18n.number(j.rows_rejected) },
            {
              key: 'took',
              label: t('imports.took'),
              numeric: true,
              render: (j) => {
                const took = tookSeconds(j);
                return (
                  <span title={took ? `${i18n.number(j.rows_read / took)} ${t('imports.rowsPerSecond')}` : undefined}>
                    {i18n.elapsed(took)}
                  </span>
                );
              },
            },
          ]}
        />
      </Panel>
      <Panel
        title={`${t('imports.rejects')}${job ? ` · ${job.slice(0, 8)}` : ''}`}
        loading={rejects.isLoading && Boolean(job)}
        error={rejects.error}
        empty={!job || (rejects.data?.rejects.length ?? 0) === 0}
        emptyText={job ? t('imports.noRejects') : t('imports.pickJob')}
        wide
      >
        <Table
          rowKey={(r) => String(r.line)}
          rows={rejects.data?.rejects ?? []}
          columns={[
            { key: 'line', label: t('imports.line'), numeric: true, render: (r) => r.line },
            { key: 'reason', label: t('imports.reason'), wrap: true, render: (r) => r.reason },
            { key: 'raw', label: t('imports.raw'), wrap: true, render: (r) => <code>{r.raw.slice(0, 160)}</code> },
          ]}
        />
      </Panel>
    </div>
  );
}
