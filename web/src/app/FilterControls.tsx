/**
 * The top bar's filters: channel, device, region, live room, product category and new vs returning
 * customers (in the URL, applied to every analysis). Each but the last is a list of which any number
 * may be ticked: channel and device are fixed lists; region, live room and category are the shop's
 * own values, most seen first (GET …/filter-values), with a box to narrow them. The live room list
 * shows only for a shop that has live rooms (or a link that names one).
 */
import { useEffect, useRef, useState } from 'react';
import { useFilterValues } from '../api/hooks';
import { CHANNEL_CODES, DEVICE_CODES } from '../i18n/code-names';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { shownChoices } from '../prepare/choices';
import type { ViewState } from '../state/view-state';

type Update = (changes: Record<string, string | string[] | null>) => void;
type FilterName = 'channel' | 'device' | 'region' | 'live_room' | 'category';

/** How many of a shop's values the list shows at once; typing narrows the rest into view. */
const SHOWN_VALUES = 50;

/**
 * Any number of values chosen from a list: "Channel: All" until some are ticked. A disclosure, so
 * it folds away like a select; it also closes when the pointer goes down elsewhere. With
 * `searchable` a text box narrows the list, and Enter there ticks the value named as typed, else
 * the first one shown — or the text itself when nothing matches (a value beyond the suggested ones).
 */
function Choices({
  name,
  options,
  values,
  update,
  nameOf,
  searchable = false,
}: {
  name: FilterName;
  options: readonly string[];
  values: string[];
  update: Update;
  nameOf: (value: string) => string;
  searchable?: boolean;
}) {
  const { t } = useI18n();
  const box = useRef<HTMLDetailsElement>(null);
  const [text, setText] = useState('');
  useEffect(() => {
    const close = (e: PointerEvent) => {
      if (box.current?.open && !box.current.contains(e.target as Node)) box.current.open = false;
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, []);
  const label = t(`filter.${name}` as MessageKey);
  const chosen = values.length === 0 ? t('filter.all') : values.map(nameOf).join(', ');
  // From the URL as it is now, not as of the last render: a choice lands in the URL before the list
  // re-renders, and a second pick in between (typed and Enter at once) must add to it, not replace it.
  const current = () => new URLSearchParams(window.location.search).getAll(name);
  const toggle = (v: string, on: boolean) => {
    const now = current();
    update({ [name]: on ? [...now.filter((x) => x !== v), v] : now.filter((x) => x !== v) });
  };
  const { shown, hidden } = shownChoices(options, values, searchable ? text : '', nameOf, searchable ? SHOWN_VALUES : options.length);
  // Enter ticks the value named exactly as typed (any case), else the first one shown, else the text.
  const pickTyped = () => {
    const typed = text.trim();
    const chosenNow = current();
    const offered = shown.filter((v) => !chosenNow.includes(v));
    const pick = offered.find((v) => nameOf(v).toLocaleLowerCase() === typed.toLocaleLowerCase()) ?? offered[0] ?? typed;
    if (pick === '' || chosenNow.includes(pick)) return;
    toggle(pick, true);
    setText('');
  };
  return (
    <details className="choices" ref={box}>
      <summary aria-label={label} title={`${label}: ${chosen}`}>
        {label}: {chosen}
      </summary>
      <div className="choices-list">
        {searchable && (
          <input
            type="search"
            aria-label={`${label}: ${t('filter.find')}`}
            placeholder={t('filter.find')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                pickTyped();
              }
            }}
          />
        )}
        {/* Ticks show at once (uncontrolled); the list is remade from the URL whenever the choice lands there. */}
        <fieldset aria-label={label} key={values.join('\u0000')}>
          {shown.map((v) => (
            <label key={v}>
              <input type="checkbox" defaultChecked={values.includes(v)} onChange={(e) => toggle(v, e.target.checked)} /> {nameOf(v)}
            </label>
          ))}
          {searchable && shown.length === 0 && <span className="muted">{t('filter.noneMatch')}</span>}
          {hidden > 0 && <span className="muted">{t('filter.more').replace('{n}', String(hidden))}</span>}
        </fieldset>
        <button type="button" className="link" disabled={values.length === 0} onClick={() => update({ [name]: null })}>
          {t('filter.showAll')}
        </button>
      </div>
    </details>
  );
}

export function FilterControls({ view, update }: { view: ViewState; update: Update }) {
  const { t, code } = useI18n();
  const suggestions = useFilterValues(view.shop).data;
  const asIs = (v: string) => v;
  // Only a shop that streams has live rooms to choose from; a link that names one still shows it.
  const showsLiveRooms = (suggestions?.live_rooms.length ?? 0) > 0 || view.filters.live_room.length > 0;
  return (
    <>
      <Choices name="channel" options={CHANNEL_CODES} values={view.filters.channel} update={update} nameOf={(c) => code('channel', c)} />
      <Choices name="device" options={DEVICE_CODES} values={view.filters.device} update={update} nameOf={(c) => code('device', c)} />
      <Choices name="region" options={suggestions?.regions ?? []} values={view.filters.region} update={update} nameOf={asIs} searchable />
      {showsLiveRooms && (
        <Choices
          name="live_room"
          options={suggestions?.live_rooms ?? []}
          values={view.filters.live_room}
          update={update}
          nameOf={asIs}
          searchable
        />
      )}
      <Choices
        name="category"
        options={suggestions?.categories ?? []}
        values={view.filters.category}
        update={update}
        nameOf={asIs}
        searchable
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
