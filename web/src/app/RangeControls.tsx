/** The top bar's date range: presets, a custom range, and (on pages that show it) the comparison with the period before or the same days a year before. */
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { PRESETS, type ViewState } from '../state/view-state';

export function RangeControls({
  view,
  update,
  compares,
}: {
  view: ViewState;
  update: (changes: Record<string, string | null>) => void;
  compares: boolean;
}) {
  const { t } = useI18n();
  return (
    <>
      <fieldset className="presets" aria-label="date range">
        {PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            className={view.preset === p ? 'active' : ''}
            onClick={() => update({ range: p, ...(p === 'custom' ? { from: view.from, to: view.to } : { from: null, to: null }) })}
          >
            {t(`range.${p}` as MessageKey)}
          </button>
        ))}
      </fieldset>
      {view.preset === 'custom' ? (
        <span className="custom-range">
          <input type="date" aria-label="from" value={view.from} onChange={(e) => update({ from: e.target.value })} />
          <input type="date" aria-label="to" value={view.to} onChange={(e) => update({ to: e.target.value })} />
        </span>
      ) : (
        <span className="range-label">
          {view.from} – {view.to}
        </span>
      )}
      {compares ? (
        <label className="toggle">
          <input
            type="checkbox"
            checked={view.compare}
            onChange={(e) => update({ compare: e.target.checked ? (view.compareWith === 'year' ? 'year' : '1') : null })}
          />
          {t('range.compare')}
        </label>
      ) : null}
      {compares && view.compare ? (
        <select
          aria-label={t('range.compareWith')}
          value={view.compareWith}
          onChange={(e) => update({ compare: e.target.value === 'year' ? 'year' : '1' })}
        >
          <option value="previous">{t('range.compareWith.previous')}</option>
          <option value="year">{t('range.compareWith.year')}</option>
        </select>
      ) : null}
    </>
  );
}
