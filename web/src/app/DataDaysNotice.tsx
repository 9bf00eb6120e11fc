/**
 * A line under the top bar when the chosen range holds none of the shop's data — it ends before
 * the range or starts after it — with the range of the same length that would show it, one click
 * away. Without it such a range is a page of zeros that looks like a broken shop.
 */
import { useDataDays } from '../api/hooks';
import { useI18n } from '../i18n/i18n';
import { outsideData } from '../prepare/data-days';
import type { ViewState } from '../state/view-state';

export function DataDaysNotice({ view, update }: { view: ViewState; update: (changes: Record<string, string | null>) => void }) {
  const { t } = useI18n();
  const days = useDataDays(view.shop);
  const outside = outsideData(view, days.data);
  if (!outside) return null;
  const { from, to } = outside.suggested;
  return (
    <p className="notice" data-testid="data-days">
      {t(outside.side === 'after' ? 'dataDays.endsOn' : 'dataDays.startsOn').replace('{day}', outside.day)}{' '}
      <button type="button" className="link" onClick={() => update({ range: 'custom', from, to })}>
        {t('dataDays.show').replace('{from}', from).replace('{to}', to)}
      </button>
    </p>
  );
}
