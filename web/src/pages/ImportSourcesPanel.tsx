/**
 * Drop folders on the imports page: the folders the server polls for the shop (with their last
 * poll and error), a form to add one under the shop's drop folder, and a way to stop one.
 */
import { type FormEvent, useState } from 'react';
import { useImportSources, useShopWrite } from '../api/hooks';
import type { ImportSourceView } from '../api/types';
import { useShop } from '../app/shop-context';
import { Panel } from '../components/Panel';
import { Table } from '../components/Table';
import { useI18n } from '../i18n/i18n';
import { DEFAULT_LAYOUT, ImportLayoutFields, layoutFields } from './ImportLayoutFields';

const EVERY = [60, 300, 900, 3600, 86_400];

/** A polling interval in its largest whole unit: 60 → "1 min", 86,400 → "1 d". */
function interval(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400} d`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

export function ImportSourcesPanel() {
  const { shop } = useShop();
  const i18n = useI18n();
  const { t } = i18n;
  const sources = useImportSources(shop.slug);
  const write = useShopWrite<ImportSourceView>(shop.slug, ['import-sources']);
  const [folder, setFolder] = useState('');
  const [every, setEvery] = useState(300);
  const [layout, setLayout] = useState(DEFAULT_LAYOUT);
  const [formError, setFormError] = useState<string | null>(null);
  const rows = sources.data?.sources ?? [];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    write.mutate(
      { method: 'POST', path: '/import-sources', body: { folder: folder.trim(), everySeconds: every, ...layoutFields(layout) } },
      { onSuccess: () => setFolder(''), onError: (error) => setFormError(error.message) },
    );
  };
  const holds = (s: ImportSourceView) =>
    s.preset ?? `${i18n.code('import', s.kind ?? '')}${s.mapping ? ` · ${t('imports.throughMapping')}` : ''}`;

  return (
    <Panel title={t('imports.sources')} loading={sources.isLoading} error={sources.error} wide>
      <p className="muted">
        {t('imports.sourcesIntro')} <code>{sources.data?.dropFolder ?? ''}</code>
      </p>
      {rows.length ? (
        <Table<ImportSourceView>
          rowKey={(s) => String(s.id)}
          rows={rows}
          columns={[
            { key: 'folder', label: t('imports.folder'), wrap: true, render: (s) => s.folder ?? s.location },
            { key: 'holds', label: t('imports.holds'), render: holds },
            { key: 'every', label: t('imports.every'), render: (s) => interval(s.everySeconds) },
            {
              key: 'polled',
              label: t('imports.lastPolled'),
              render: (s) => (s.lastPolledAt ? i18n.dateTime(s.lastPolledAt, shop.timeZone) : t('imports.notYet')),
            },
            {
              key: 'error',
              label: t('imports.lastError'),
              wrap: true,
              render: (s) => <span className="job-error">{s.lastError ?? ''}</span>,
            },
            {
              key: 'remove',
              label: '',
              render: (s) => (
                <button
                  type="button"
                  className="link"
                  onClick={() =>
                    write.mutate({ method: 'DELETE', path: `/import-sources/${s.id}` }, { onError: (error) => setFormError(error.message) })
                  }
                >
                  {t('imports.stopPolling')}
                </button>
              ),
            },
          ]}
        />
      ) : null}
      <form className="builder" onSubmit={submit} aria-label={t('imports.addSource')}>
        <label>
          {t('imports.folder')}{' '}
          <input
            aria-label={t('imports.folder')}
            value={folder}
            onChange={(e) => setFolder(e.target.value)}
            placeholder="storefront"
            pattern="[A-Za-z0-9][A-Za-z0-9_\-]{0,63}"
            required
          />
        </label>
        <ImportLayoutFields value={layout} onChange={setLayout} onError={setFormError} />
        <label>
          {t('imports.every')}{' '}
          <select aria-label={t('imports.every')} value={every} onChange={(e) => setEvery(Number(e.target.value))}>
            {EVERY.map((s) => (
              <option key={s} value={s}>
                {interval(s)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={write.isPending}>
          {t('imports.addSource')}
        </button>
        {formError ? (
          <span className="state-error" role="alert">
            {formError}
          </span>
        ) : null}
      </form>
    </Panel>
  );
}
