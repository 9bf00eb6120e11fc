/**
 * The top bar's filters: channel, device, region, product category and new vs returning customers
 * (in the URL, applied to every analysis). Channel and device are fixed lists, any of them chosen;
 * region and category are the shop's own values, suggested from its data (GET …/filter-values).
 */
import { useEffect, useRef } from 'react';
import { useFilterValues } from '../api/hooks';
import { CHANNEL_CODES, type CodeKind, DEVICE_CODES } from '../i18n/code-names';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import type { ViewState } from '../state/view-state';

type Update = (changes: Record<string, string | string[] | null>) => void;

/**
 * A fixed list of codes (channels, devices), named in the page language, any number of them
 * chosen: "Channel: All" until some are ticked. A disclosure, so it folds away like a select; it
 * also closes when the pointer goes down elsewhere.
 */
function CodeChoices({
  kind,
  codes,
  values,
  update,
}: {
  kind: CodeKind & ('channel' | 'device');
  codes: readonly string[];
  values: string[];
  update: Update;
}) {
  const { t, code } = useI18n();
  const box = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (e: PointerEvent) => {
      if (box.current?.open && !box.current.contains(e.target as Node)) box.current.open = false;
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, []);
  const label = t(`filter.${kind}` as MessageKey);
  const chosen = values.length === 0 ? t('filter.all') : values.map((c) => code(kind, c)).join(', ');
  const toggle = (c: string, on: boolean) => update({ [kind]: on ? [...values, c] : values.filter((v) => v !== c) });
  return (
    <details className="choices" ref={box}>
      <summary aria-label={label} title={`${label}: ${chosen}`}>
        {label}: {chosen}
      </summary>
      {/* Ticks show at once (uncontrolled); the list is remade from the URL whenever the choice lands there. */}
      <fieldset className="choices-list" aria-label={label} key={values.join()}>
        {codes.map((c) => (
          <label key={c}>
            <input type="checkbox" defaultChecked={values.includes(c)} onChange={(e) => toggle(c, e.target.checked)} /> {code(kind, c)}
          </label>
        ))}
        <button type="button" className="link" disabled={values.length === 0} onClick={() => update({ [kind]: null })}>
          {t('filter.showAll')}
        </button>
      </fieldset>
    </details>
  );
}

/**
 * Free text with the shop's values suggested (a datalist), applied when the field is left or Enter
 * is pressed; empty means all. Keyed by the value so a change of URL shows the new one.
 */
function ValueInput({ name, values, value, update }: { name: 'region' | 'category'; values: string[]; value: string; update: Update }) {
  const { t } = useI18n();
  const apply = (text: string) => {
    if (text.trim() !== value) update({ [name]: text.trim() || null });
  };
  return (
    <>
      <input
        key={value}
        aria-label={t(`filter.${name}`)}
        placeholder={`${t(`filter.${name}`)}: ${t('filter.all')}`}
        defaultValue={value}
        list={`${name}-values`}
        onBlur={(e) => apply(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') apply(e.currentTarget.value);
        }}
        className="filter-text"
      />
      <datalist id={`${name}-values`}>
        {values.map((v) => (
          <option key={v} value={v} />
        ))}
      </datalist>
    </>
  );
}

export function FilterControls({ view, update }: { view: ViewState; update: Update }) {
  const { t } = useI18n();
  const suggestions = useFilterValues(view.shop).data;
  return (
    <>
      <CodeChoices kind="channel" codes={CHANNEL_CODES} values={view.filters.channel} update={update} />
      <CodeChoices kind="device" codes={DEVICE_CODES} values={view.filters.device} update={update} />
      <ValueInput name="region" values={suggestions?.regions ?? []} value={view.filters.region[0] ?? ''} update={update} />
      <ValueInput name="category" values={suggestions?.categories ?? []} value={view.filters.category[0] ?? ''} update={update} />
      <select
        aria-label={t('filter.customer')}
        value={view.filters.customer}
        onChange={(e) => update({ customer: e.target.value === 'all' ? null : e.target.value })}
      >
        {(['all', 'new', 'returning'] as const).map((c) => (
          <option key={c} value={c}>
            {t('filter.customer')}: {t(`filter.${c}` as MessageKey)}
          </option>
        ))}
      </select>
    </>
  );
}
