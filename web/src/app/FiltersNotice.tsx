/**
 * A line under the top bar while any filter is on: which rows every figure on the page counts
 * (the filters, by name), what that means for them — as if the shop had only those rows, so a
 * buyer is new to a channel or live room when they never paid in it before (the served definition,
 * docs/metrics.md "Filters") — and one click back to the whole shop. A filter left on from another
 * page would otherwise be easy to miss in the top bar.
 */
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { FILTER_KEYS, type ViewState } from '../state/view-state';

export function FiltersNotice({ view, update }: { view: ViewState; update: (changes: Record<string, string | null>) => void }) {
  const { t, code } = useI18n();
  // Channels and devices by their names; regions, live rooms and categories as they are.
  const parts = FILTER_KEYS.filter((k) => view.filters[k].length > 0).map(
    (k) =>
      `${t(`filter.${k}` as MessageKey)}: ${view.filters[k].map((v) => (k === 'channel' || k === 'device' ? code(k, v) : v)).join(', ')}`,
  );
  if (view.filters.customer !== 'all') parts.push(`${t('filter.customer')}: ${t(`filter.${view.filters.customer}` as MessageKey)}`);
  if (parts.length === 0) return null;
  const clear = Object.fromEntries([...FILTER_KEYS, 'customer'].map((k) => [k, null]));
  return (
    <p className="notice" data-testid="filters-notice">
      {t('filter.notice').replace('{filters}', parts.join(' · '))}{' '}
      <button type="button" className="link" onClick={() => update(clear)}>
        {t('filter.clearAll')}
      </button>
    </p>
  );
}
