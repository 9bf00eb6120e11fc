/**
 * What a file holds, as the imports page asks it (for an upload and for a drop folder): a kind in
 * the generic layout, a preset for a known export, or a mapping file for any other layout. A
 * mapping's kind stands in for the kind and excludes a preset; the server checks it all again.
 */
import { type ChangeEvent, useRef } from 'react';
import { useI18n } from '../i18n/i18n';

export const IMPORT_KINDS = ['events', 'orders', 'order_items', 'customers', 'products'];
const PRESETS = ['', 'online-retail', 'cdnow', 'taobao-user-behavior', 'shopify-orders'];

export interface ImportLayout {
  kind: string;
  preset: string;
  /** A chosen mapping file: its text goes to the server as it is; its kind is shown. */
  mapping: { name: string; text: string; kind: string } | null;
}

export const DEFAULT_LAYOUT: ImportLayout = { kind: 'orders', preset: '', mapping: null };

/** The request fields that say what the file holds: exactly one of mapping, preset or kind. */
export function layoutFields(layout: ImportLayout): Record<string, string> {
  if (layout.mapping) return { mapping: layout.mapping.text };
  return layout.preset ? { preset: layout.preset } : { kind: layout.kind };
}

export function ImportLayoutFields({
  value,
  onChange,
  onError,
}: {
  value: ImportLayout;
  onChange: (layout: ImportLayout) => void;
  onError: (message: string | null) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const mappingInput = useRef<HTMLInputElement>(null);
  const chooseMapping = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    onError(null);
    if (!f) return onChange({ ...value, mapping: null });
    const text = await f.text();
    try {
      const parsed = JSON.parse(text) as { kind?: unknown };
      onChange({ ...value, preset: '', mapping: { name: f.name, text, kind: typeof parsed.kind === 'string' ? parsed.kind : '?' } });
    } catch {
      onChange({ ...value, mapping: null });
      onError(`${f.name}: ${t('imports.mappingNotJson')}`);
      e.target.value = '';
    }
  };
  const clearMapping = () => {
    onChange({ ...value, mapping: null });
    if (mappingInput.current) mappingInput.current.value = '';
  };
  const kinds = value.mapping && !IMPORT_KINDS.includes(value.mapping.kind) ? [...IMPORT_KINDS, value.mapping.kind] : IMPORT_KINDS;
  return (
    <>
      <label>
        {t('imports.kind')}{' '}
        <select
          aria-label={t('imports.kind')}
          value={value.mapping ? value.mapping.kind : value.kind}
          onChange={(e) => onChange({ ...value, kind: e.target.value })}
          disabled={Boolean(value.preset || value.mapping)}
        >
          {kinds.map((k) => (
            <option key={k} value={k}>
              {i18n.code('import', k)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('imports.preset')}{' '}
        <select
          aria-label={t('imports.preset')}
          value={value.preset}
          onChange={(e) => onChange({ ...value, preset: e.target.value })}
          disabled={Boolean(value.mapping)}
        >
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
      {value.mapping ? (
        <button type="button" className="link" onClick={clearMapping} aria-label={t('imports.clearMapping')}>
          × {value.mapping.name}
        </button>
      ) : null}
    </>
  );
}
