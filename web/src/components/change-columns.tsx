/**
 * The "Δ" columns a ranked table gets while the comparison toggle is on: each figure's change
 * against the same row in the comparison period (prepare/change.ts), ▲ or ▼ with the percentage.
 * Every place a change is shown uses ChangeText, so arrows and colours mean the same everywhere.
 */
import { useI18n } from '../i18n/i18n';
import { type Change, rowChanges } from '../prepare/change';
import type { Column } from './Table';

/**
 * "▲ 12%" in the good colour, or the bad one where a fall is good news (a bounce rate); uncoloured
 * where neither way is news in itself (what coupons gave away: the merchant's own choice).
 */
export function ChangeText({
  change,
  lowerIsBetter = false,
  neutral = false,
}: {
  change: Change | undefined;
  lowerIsBetter?: boolean;
  neutral?: boolean;
}) {
  const i18n = useI18n();
  if (!change || change.kind === 'none') return <span className="change">—</span>;
  const rose = change.kind === 'new' || change.ratio > 0;
  const fell = change.kind === 'ratio' && change.ratio < 0;
  const tone = !neutral && (rose || fell) ? (rose !== lowerIsBetter ? 'good' : 'bad') : '';
  if (change.kind === 'new') return <span className={`change ${tone}`}>{i18n.t('compare.new')}</span>;
  const arrow = rose ? '▲ ' : fell ? '▼ ' : '';
  return <span className={`change ${tone}`}>{`${arrow}${i18n.percent(Math.abs(change.ratio))}`}</span>;
}

export interface ComparedFigure<T> {
  /** The metric whose definition the column's header shows. */
  metric: string;
  label: string;
  value: (row: T) => number | null;
  /** Counts and money (a row missing from the earlier period had zero); not ratios. */
  additive: boolean;
  /** A rise is bad news (bounce and exit rates). */
  lowerIsBetter?: boolean;
}

/**
 * No columns without a comparison (`earlier` undefined); otherwise one per figure, headed
 * "Δ label" with the metric's definition, against `earlier`, the comparison period's rows.
 */
export function changeColumns<T>(
  earlier: T[] | undefined,
  rows: T[],
  keyOf: (row: T) => string,
  figures: ComparedFigure<T>[],
): Column<T>[] {
  if (!earlier) return [];
  return figures.map((f) => {
    const changes = rowChanges(rows, earlier, keyOf, f.value, f.additive);
    return {
      key: `${f.metric}_change`,
      definition: f.metric,
      label: `Δ ${f.label}`,
      numeric: true,
      render: (row: T) => <ChangeText change={changes.get(keyOf(row))} lowerIsBetter={f.lowerIsBetter} />,
    };
  });
}
