/**
 * The upload form of the imports page: a file, what it holds (a kind in the generic layout, a
 * preset for a known export, or a mapping file for any other layout), and the upload's progress.
 * The server checks everything again; the form only keeps choices that cannot be combined apart.
 */
import { useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useRef, useState } from 'react';
import { uploadWithProgress } from '../api/hooks';
import { useShop } from '../app/shop-context';
import { useI18n } from '../i18n/i18n';

const KINDS = ['events', 'orders', 'order_items', 'customers', 'products'];
const PRESETS = ['', 'online-retail', 'cdnow', 'taobao-user-behavior', 'shopify-orders'];

/** A mapping file as chosen: its text goes to the server as it is; its kind is shown. */
interface ChosenMapping {
  name: string;
  text: string;
  kind: string;
}

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
  const [kind, setKind] = useState('orders');
  const [preset, setPreset] = useState('');
  const [mapping, setMapping] = useState<ChosenMapping | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const mappingInput = useRef<HTMLInputElement>(null);

  const chooseMapping = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    setUploadError(null);
    if (!f) return setMapping(null);
    const text = await f.text();
    try {
      const parsed = JSON.parse(text) as { kind?: unknown };
      setMapping({ name: f.name, text, kind: typeof parsed.kind === 'string' ? parsed.kind : '?' });
      setPreset('');
    } catch {
      setMapping(null);
      setUploadError(`${f.name}: ${t('imports.mappingNotJson')}`);
      e.target.value = '';
    }
  };
  const clearMapping = () => {
    setMapping(null);
    if (mappingInput.current) mappingInput.current.value = '';
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const f = file.current?.files?.[0];
    if (!f) return;
    const holds: Record<string, string> = mapping ? { mapping: mapping.text } : preset ? { preset } : { kind };
    setUploadError(null);
    setProgress(0);
    uploadWithProgress(shop.slug, f, { ...holds, filename: f.name, format: formatOf(f.name) }, setProgress, session.csrfToken)
      .then((r) => {
        setUploaded(r.jobs);
        return qc.invalidateQueries({ queryKey: ['imports', shop.slug] });
      })
      .catch((error: Error) => setUploadError(error.message))
      .finally(() => setProgress(null));
  };

  return (
    <form className="builder" onSubmit={submit}>
      <input type="file" ref={file} aria-label="file" />
      <label>
        {t('imports.kind')}{' '}
        <select
          aria-label={t('imports.kind')}
          value={mapping ? mapping.kind : kind}
          onChange={(e) => setKind(e.target.value)}
          disabled={Boolean(preset || mapping)}
        >
          {(mapping && !KINDS.includes(mapping.kind) ? [...KINDS, mapping.kind] : KINDS).map((k) => (
            <option key={k} value={k}>
              {i18n.code('import', k)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('imports.preset')}{' '}
        <select aria-label={t('imports.preset')} value={preset} onChange={(e) => setPreset(e.target.value)} disabled={Boolean(mapping)}>
          {PRESETS.map((p) => (
            <option key={p} value={p}>
              {p || '—'}
            </option>
          ))}
        </select>
      </label>
      <label title={t('imports.mappingHint')}>
        {t('imports.mapping')}{' '}
        <input type="file" accept=".json,application/json" ref={mappingInput} aria-label={t('imports.mapping')} onChange={chooseMapping} />
      </label>
      {mapping ? (
        <button type="button" className="link" onClick={clearMapping} aria-label={t('imports.clearMapping')}>
          × {mapping.name}
        </button>
      ) : null}
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
