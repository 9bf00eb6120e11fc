/** Imports: upload a file with progress, the job history, each job's rejected rows with reasons, and the drop folders. */

import { useState } from 'react';
import { useImportJobs, useRejects } from '../api/hooks';
import type { ImportJob } from '../api/types';
import { useShop } from '../app/shop-context';
import { Panel } from '../components/Panel';
import { Table } from '../components/Table';
import { useI18n } from '../i18n/i18n';
import { mappingColumns } from '../prepare/import-mapping';
import { ImportSourcesPanel } from './ImportSourcesPanel';
import { ImportUploadForm } from './ImportUploadForm';

/** Seconds from start to finish (so far, while running); null before it starts. */
function tookSeconds(j: ImportJob): number | null {
  if (!j.started_at) return null;
  return ((j.finished_at ? Date.parse(j.finished_at) : Date.now()) - Date.parse(j.started_at)) / 1000;
}

export default function ImportsPage() {
  const { shop } = useShop();
  const i18n = useI18n();
  const { t } = i18n;
  const jobs = useImportJobs(shop.slug);
  const [job, setJob] = useState<string | null>(null);
  const rejects = useRejects(shop.slug, job);
  const rows = jobs.data?.jobs ?? [];
  return (
    <div className="grid">
      <Panel title={t('imports.upload')} wide>
        <ImportUploadForm />
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
              render: (j) => {
                const mapped = mappingColumns(j.mapping);
                return (
                  <>
                    {j.source}
                    <div className="muted">
                      {j.preset ?? i18n.code('import', j.kind)}
                      {mapped ? <span title={mapped}> · {t('imports.mapped')}</span> : null}
                    </div>
                  </>
                );
              },
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
      <ImportSourcesPanel />
    </div>
  );
}
