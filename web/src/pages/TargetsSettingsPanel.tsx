/**
 * Settings: a month's targets (经营目标) — the payment amount and paid orders the shop aims at.
 * Picking a month shows what is set for it; an empty box clears that target. The home page shows
 * their progress.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { useSetTargets, useTargets } from '../api/hooks';
import { useShop } from '../app/shop-context';
import { Panel } from '../components/Panel';
import { useI18n } from '../i18n/i18n';
import { todayIn } from '../state/view-state';

/** The figures a target is set for: an amount to the cent, orders whole. */
const FIGURES = [
  { metric: 'gmv', step: '0.01' },
  { metric: 'paid_orders', step: '1' },
] as const;
type Boxes = Record<(typeof FIGURES)[number]['metric'], string>;

export function TargetsSettingsPanel() {
  const { shop } = useShop();
  const i18n = useI18n();
  const { t } = i18n;
  const [month, setMonth] = useState(() => todayIn(shop.timeZone).slice(0, 7));
  const current = useTargets(shop.slug, month);
  const save = useSetTargets(shop.slug);
  const [boxes, setBoxes] = useState<Boxes>({ gmv: '', paid_orders: '' });
  // The boxes show what the month has, once it is read (and again when another month is picked).
  useEffect(() => {
    const set = Object.fromEntries((current.data?.targets ?? []).map((r) => [r.metric, String(r.target)]));
    setBoxes({ gmv: set.gmv ?? '', paid_orders: set.paid_orders ?? '' });
  }, [current.data]);
  const value = (text: string) => (text.trim() === '' ? null : Number(text));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ month, values: { gmv: value(boxes.gmv), paid_orders: value(boxes.paid_orders) } });
  };
  const definitions = current.data?.definitions;
  return (
    <Panel id="targets" title={t('targets.settings')} loading={current.isLoading} error={current.error}>
      <form className="stack" aria-label={t('targets.settings')} onSubmit={submit}>
        <label>
          {t('targets.month')} <input type="month" required value={month} onChange={(e) => setMonth(e.target.value)} />
        </label>
        {FIGURES.map(({ metric, step }) => (
          <label key={metric}>
            {i18n.metric(definitions, `${metric}_target`)}
            {metric === 'gmv' ? ` (${shop.currency})` : ''}{' '}
            <input
              type="number"
              min={step}
              step={step}
              placeholder={t('targets.clearHint')}
              value={boxes[metric]}
              onChange={(e) => setBoxes((b) => ({ ...b, [metric]: e.target.value }))}
            />
          </label>
        ))}
        <div>
          <button type="submit" className="primary" disabled={save.isPending}>
            {t('targets.save')}
          </button>{' '}
          {save.error ? (
            <span className="state-error" role="alert">
              {(save.error as Error).message}
            </span>
          ) : null}
          {save.isSuccess ? <span className="muted">✓</span> : null}
        </div>
      </form>
    </Panel>
  );
}
