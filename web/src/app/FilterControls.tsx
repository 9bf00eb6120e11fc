/**
 * The top bar's filters: channel, device, region, product category and new vs returning customers
 * (in the URL, applied to every analysis). Channel and device are fixed lists; region and category
 * are the shop's own values, suggested from its data (GET …/filter-values).
 */
import { useFilterValues } from '../api/hooks';
import { CHANNEL_CODES, type CodeKind, DEVICE_CODES } from '../i18n/code-names';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import type { ViewState } from '../state/view-state';

type Update = (changes: Record<string, string | null>) => void;

/** A select over a fixed list of codes, named in the page language, with "All" first. */
function CodeSelect({
  kind,
  codes,
  value,
  update,
}: {
  kind: CodeKind & ('channel' | 'device');
  codes: readonly string[];
  value: string;
  update: Update;
}) {
  const { t, code } = useI18n();
  const label = t(`filter.${kind}` as MessageKey);
  return (
    <select aria-label={label} value={value} onChange={(e) => update({ [kind]: e.target.value || null })}>
      <option value="">
        {label}: {t('filter.all')}
      </option>
      {codes.map((c) => (
        <option key={c} value={c}>
          {code(kind, c)}
        </option>
      ))}
    </select>
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
      <CodeSelect kind="channel" codes={CHANNEL_CODES} value={view.filters.channel[0] ?? ''} update={update} />
      <CodeSelect kind="device" codes={DEVICE_CODES} value={view.filters.device[0] ?? ''} update={update} />
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
