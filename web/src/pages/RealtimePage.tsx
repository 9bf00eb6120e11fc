/** Real time: today by hour against yesterday and the same weekday last week. */
import { useRealtime } from '../api/hooks';
import { useShop } from '../app/shop-context';
import { ExportMenu } from '../components/ExportMenu';
import { Chart } from '../components/LazyChart';
import { MetricLabel } from '../components/MetricLabel';
import { Panel } from '../components/Panel';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { hourly } from '../prepare/series';
import { analysisQuery } from '../state/view-state';

const METRICS = ['gmv', 'uv', 'paid_orders', 'paying_buyers', 'pv'] as const;

export default function RealtimePage() {
  const { shop, view } = useShop();
  const i18n = useI18n();
  const { t } = i18n;
  const q = analysisQuery(view, { compare: false });
  const rt = useRealtime(shop.slug, { ...q, from: undefined, to: undefined });
  const r = rt.data;
  // A shop whose data comes only from files (as the demo's) has nothing today until an import or
  // the storefront's live feed brings some: say so rather than leave a row of unexplained zeros.
  const nothingToday = r ? METRICS.every((m) => !((r.days[0]?.soFar[m] as number | null) ?? 0)) : false;
  return (
    <div className="grid">
      <Panel title={t('realtime.soFar')} loading={rt.isLoading} error={rt.error} wide>
        {r ? (
          <div className="kpis">
            {METRICS.map((m) => {
              const [today, yesterday, lastWeek] = r.days.map((d) => (d.soFar[m] as number | null) ?? 0);
              return (
                <div className="kpi" key={m}>
                  <div className="kpi-label">
                    <MetricLabel name={m} definitions={r.definitions} />
                  </div>
                  <div className="kpi-value">{m === 'gmv' ? i18n.money(today ?? 0, shop.currency) : i18n.number(today ?? 0)}</div>
                  <div className="muted">
                    {t('realtime.yesterday')} {m === 'gmv' ? i18n.money(yesterday ?? 0, shop.currency) : i18n.number(yesterday ?? 0)} ·{' '}
                    {t('realtime.last_week')} {m === 'gmv' ? i18n.money(lastWeek ?? 0, shop.currency) : i18n.number(lastWeek ?? 0)}
                  </div>
                </div>
              );
            })}
          </div>
        ) : null}
        {nothingToday ? (
          <p className="muted" data-testid="nothing-today">
            {t('realtime.nothingYet')}
          </p>
        ) : null}
      </Panel>
      <Panel
        title={t('realtime.hourly')}
        loading={rt.isLoading}
        error={rt.error}
        wide
        actions={
          <ExportMenu
            path={`/api/v1/shops/${shop.slug}/analyses/realtime`}
            query={{ ...q, from: undefined, to: undefined }}
            table="hourly"
          />
        }
      >
        {r ? (
          <Chart
            label="realtime-hourly"
            option={{
              legend: { top: 0 },
              xAxis: { type: 'category', data: Array.from({ length: 24 }, (_, h) => `${h}:00`) },
              yAxis: { type: 'value' },
              series: r.days.map((d) => ({
                type: 'line',
                name: t(`realtime.${d.label}` as MessageKey),
                data: hourly(d.hourly, 'gmv'),
                lineStyle: d.label === 'today' ? { width: 3 } : { width: 1.5, type: 'dashed' },
              })),
            }}
          />
        ) : null}
      </Panel>
    </div>
  );
}
