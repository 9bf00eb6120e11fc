/** The top bar's date range: presets, a custom range, and (on pages that show it) the comparison with the period before, the same days a year before, or chosen days. */
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { addDays, PRESETS, type ViewState } from '../state/view-state';

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
            onChange={(e) =>
              update(
                e.target.checked
                  ? { compare: view.compareWith === 'year' ? 'year' : '1' }
                  : { compare: null, compare_from: null, compare_to: null },
              )
            }
          />
          {t('range.compare')}
        </label>
      ) : null}
      {compares && view.compare ? (
        <select
          aria-label={t('range.compareWith')}
          value={view.compareWith}
          onChange={(e) =>
            update(
              e.target.value === 'days'
                ? // Chosen days start as the period before; the link keeps them.
                  { compare: 'days', compare_from: view.compareFrom, compare_to: view.compareTo }
                : { compare: e.target.value === 'year' ? 'year' : '1', compare_from: null, compare_to: null },
            )
          }
        >
          <option value="previous">{t('range.compareWith.previous')}</option>
          <option value="year">{t('range.compareWith.year')}</option>
          <option value="days">{t('range.compareWith.days')}</option>
        </select>
      ) : null}
      {compares && view.compare && view.compareWith === 'days' ? (
        <span className="custom-range">
          <input
            type="date"
            aria-label={t('range.compareFrom')}
            value={view.compareFrom}
            onChange={(e) => e.target.value && update(movedFrom(view, e.target.value))}
          />
          <input
            type="date"
            aria-label={t('range.compareTo')}
            value={view.compareTo}
            onChange={(e) => e.target.value && update(movedTo(view, e.target.value))}
          />
        </span>
      ) : null}
    </>
  );
}

const spanOf = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/**
 * A new first day of the chosen comparison days moves the whole span (periods are mostly compared
 * at equal length; the last day can then be set on its own), so the days are never backwards
 * between two edits — the API would refuse them.
 */
export function movedFrom(view: ViewState, from: string): { compare_from: string; compare_to: string } {
  return { compare_from: from, compare_to: addDays(from, Math.max(0, spanOf(view.compareFrom, view.compareTo))) };
}

/**
 * A new last day alone; one before the first day moves the first day back by the span's length.
 * (Only what changes is written: a first day just set is not overwritten by the one this render saw.)
 */
export function movedTo(view: ViewState, to: string): { compare_from?: string; compare_to: string } {
  if (to >= view.compareFrom) return { compare_to: to };
  return { compare_from: addDays(to, -Math.max(0, spanOf(view.compareFrom, view.compareTo))), compare_to: to };
}
