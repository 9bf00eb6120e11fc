/** The upload form of the imports page: a file, what it holds, and the upload's progress. */
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { uploadWithProgress } from '../api/hooks';
import { useShop } from '../app/shop-context';
import { useI18n } from '../i18n/i18n';
import { DEFAULT_LAYOUT, ImportLayoutFields, layoutFields } from './ImportLayoutFields';

function formatOf(name: string): string {
  if (name.endsWith('.parquet')) return 'parquet';
  if (/\.jsonl?(\.gz)?$/.test(name)) return 'jsonl';
  if (name.endsWith('.arrow')) return 'arrow';
  return 'csv';
}

export function ImportUploadForm() {
  const { shop, session } = useShop();
  const qc = useQueryClient();
  const i18n = useI18n();
  const { t } = i18n;
  const [progress, setProgress] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [uploaded, setUploaded] = useState<string[]>([]);
  const [layout, setLayout] = useState(DEFAULT_LAYOUT);
  const file = useRef<HTMLInputElement>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const f = file.current?.files?.[0];
    if (!f) return;
    setUploadError(null);
    setProgress(0);
    uploadWithProgress(
      shop.slug,
      f,
      { ...layoutFields(layout), filename: f.name, format: formatOf(f.name) },
      setProgress,
      session.csrfToken,
    )
      .then((r) => {
        setUploaded(r.jobs);
        return qc.invalidateQueries({ queryKey: ['imports', shop.slug] });
      })
      .catch((error: Error) => setUploadError(error.message))
      .finally(() => setProgress(null));
  };

  return (
    <form className="builder" onSubmit={submit} aria-label={t('imports.upload')}>
      <input type="file" ref={file} aria-label="file" />
      <ImportLayoutFields value={layout} onChange={setLayout} onError={setUploadError} />
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
  );
}
