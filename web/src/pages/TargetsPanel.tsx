/**
 * This month's targets on the home page (经营目标): each target's month to date against it, a bar
 * of the share reached, the pace (1 = on pace for the target), where the month is heading and what
 * each remaining day must bring. The month is the diagnosed day's; the figures are the API's.
 */
import { Link } from 'react-router-dom';
import { useTargets } from '../api/hooks';
import type { TargetProgress, TargetRow } from '../api/types';
import { can } from '../app/permissions';
import { useShop } from '../app/shop-context';
import { MetricLabel } from '../components/MetricLabel';
import { Panel } from '../components/Panel';
import { useI18n } from '../i18n/i18n';

export function TargetsPanel({ month }: { month: string }) {
  const { shop } = useShop();
  const { t } = useI18n();
  const targets = useTargets(shop.slug, month);
  const r = targets.data;
  return (
    <Panel id="targets" title={t('targets.title').replace('{month}', month)} loading={targets.isLoading} error={targets.error}>
      {r && r.targets.length === 0 ? (
        <p className="muted">
          {t('targets.none').replace('{month}', month)}{' '}
          {can(shop, 'settings.manage') ? <Link to={`/shops/${shop.slug}/settings#targets`}>{t('targets.setIn')} →</Link> : null}
        </p>
      ) : null}
      {r?.targets.map((row) => (
        <TargetLine key={row.metric} row={row} progress={r} />
      ))}
    </Panel>
  );
}

function TargetLine({ row, progress }: { row: TargetRow; progress: TargetProgress }) {
  const { shop } = useShop();
  const i18n = useI18n();
  const { t } = i18n;
  const unit = row.metric === 'gmv' ? 'money' : 'count';
  const figure = (v: number | null) => i18n.figure(unit, v, shop.currency);
  const left = progress.days_in_month - progress.days_elapsed;
  return (
    <div className="target" data-metric={row.metric}>
      <div className="target-head">
        <MetricLabel name={`${row.metric}_target`} definitions={progress.definitions} />
        <span className="target-figures" data-testid={`target-${row.metric}`}>
          {figure(row.actual)} {t('targets.of')} {figure(row.target)}
        </span>
      </div>
      <div
        className="target-bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round((row.share ?? 0) * 100)}
      >
        <span
          style={{ width: `${Math.min(100, (row.share ?? 0) * 100)}%` }}
          className={row.pace !== null && row.pace < 1 ? 'behind' : ''}
        />
      </div>
      <p className="muted" data-testid={`target-${row.metric}-detail`}>
        {progress.through === null
          ? t('targets.notBegun')
          : [
              `${i18n.percent(row.share)} ${t('targets.reached')}`,
              left > 0
                ? t('targets.day').replace('{n}', String(progress.days_elapsed)).replace('{m}', String(progress.days_in_month))
                : t('targets.over'),
              `${t('targets.pace')} ${i18n.number(row.pace ?? 0, 2)}`,
              ...(left > 0 ? [`${t('targets.projected')} ${figure(row.projected)}`] : []),
              left > 0
                ? row.needed_per_day
                  ? t('targets.needed')
                      .replace('{v}', i18n.figure(unit === 'count' ? 'average' : unit, row.needed_per_day, shop.currency))
                      .replace('{n}', String(left))
                  : t('targets.met')
                : null,
            ]
              .filter(Boolean)
              .join(' · ')}
      </p>
    </div>
  );
}
