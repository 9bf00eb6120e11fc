/** The top bar's filters: channel, device, region and new vs returning customers (in the URL, applied to every analysis). */
import { CHANNEL_CODES, DEVICE_CODES } from '../i18n/code-names';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import type { ViewState } from '../state/view-state';

export function FilterControls({ view, update }: { view: ViewState; update: (changes: Record<string, string | null>) => void }) {
  const { t, code } = useI18n();
  return (
    <>
      <select
        aria-label={t('filter.channel')}
        value={view.filters.channel[0] ?? ''}
        onChange={(e) => update({ channel: e.target.value || null })}
      >
        <option value="">
          {t('filter.channel')}: {t('filter.all')}
        </option>
        {CHANNEL_CODES.map((c) => (
          <option key={c} value={c}>
            {code('channel', c)}
          </option>
        ))}
      </select>
      <select
        aria-label={t('filter.device')}
        value={view.filters.device[0] ?? ''}
        onChange={(e) => update({ device: e.target.value || null })}
      >
        <option value="">
          {t('filter.device')}: {t('filter.all')}
        </option>
        {DEVICE_CODES.map((c) => (
          <option key={c} value={c}>
            {code('device', c)}
          </option>
        ))}
      </select>
      <input
        aria-label={t('filter.region')}
        placeholder={t('filter.region')}
        defaultValue={view.filters.region[0] ?? ''}
        onBlur={(e) => update({ region: e.target.value.trim() || null })}
        className="short"
      />
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
