/** "Download as …" on a panel: the panel's API result as CSV, XLSX, Parquet, Arrow or JSON. */
import { api, type Query, queryString } from '../api/client';
import { can } from '../app/permissions';
import { useShop } from '../app/shop-context';
import { useI18n } from '../i18n/i18n';

const FORMATS = ['csv', 'xlsx', 'parquet', 'arrow', 'json'] as const;

function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** GET results download through a plain link (the session cookie goes along); POST ones are fetched. */
export function ExportMenu({ path, query, body, table }: { path: string; query?: Query; body?: Record<string, unknown>; table?: string }) {
  const { t } = useI18n();
  const { shop } = useShop();
  const download = async (format: string) => {
    if (!body) {
      const a = document.createElement('a');
      a.href = `${path}${queryString({ ...query, format, table })}`;
      a.download = '';
      a.click();
      return;
    }
    const res = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': (await api<{ csrfToken: string }>('/api/v1/session')).csrfToken },
      body: JSON.stringify({ ...body, format, ...(table ? { table } : {}) }),
    });
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `export.${format}`;
    save(await res.blob(), name);
  };
  // Downloads are exports.run (a viewer or an operator has none): not offered where they would be refused.
  if (!can(shop, 'exports.run')) return null;
  return (
    <select aria-label={t('export.download')} className="export" value="" onChange={(e) => e.target.value && void download(e.target.value)}>
      <option value="">{t('export.download')}</option>
      {FORMATS.map((f) => (
        <option key={f} value={f}>
          {f.toUpperCase()}
        </option>
      ))}
    </select>
  );
}
