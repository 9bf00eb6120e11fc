/**
 * Overview (整体看板): every figure of the overview analysis for the chosen range and filters, in
 * five groups, each with its change against the period before while the comparison is on; a card
 * picks the figure charted day by day below (kept in the URL as `metric`, so a link — a diagnosis
 * finding's, say — shows the same). The range's marked days are shaded on the chart and listed below it.
 */
import { useSearchParams } from 'react-router-dom';
import { useAnnotations, useOverview } from '../api/hooks';
import type { MetricName } from '../api/types';
import { can } from '../app/permissions';
import { useShop } from '../app/shop-context';
import { ChangeText } from '../components/change-columns';
import { ExportMenu } from '../components/ExportMenu';
import { Chart } from '../components/LazyChart';
import { MetricLabel } from '../components/MetricLabel';
import { Panel } from '../components/Panel';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { markAreaOf } from '../prepare/marked-days';
import { isAdditive, OVERVIEW_FIGURES, overviewCards } from '../prepare/overview-cards';
import { dailySeries } from '../prepare/series';
import { analysisQuery } from '../state/view-state';
import { MarkedDaysPanel } from './MarkedDaysPanel';
import { OrderValuesPanel } from './OrderValuesPanel';

export default function OverviewPage() {
  const { shop, view } = useShop();
  const i18n = useI18n();
  const { t } = i18n;
  // Without the toggle, no comparison at all (the API would compare with the period before by default).
  const q = { ...analysisQuery(view), ...(view.compare ? {} : { compare: 'none' }) };
  const overview = useOverview(shop.slug, q);
  // The marked days of the range: shaded on the chart, listed (and written) below it.
  const marks = useAnnotations(shop.slug, { from: view.from, to: view.to });
  const r = overview.data;
  const [params, setParams] = useSearchParams();
  const asked = params.get('metric') as MetricName | null;
  const shown: MetricName = asked && OVERVIEW_FIGURES.includes(asked) ? asked : 'gmv';
  const pick = (m: MetricName) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (m === 'gmv') next.delete('metric');
        else next.set('metric', m);
        return next;
      },
      { replace: true },
    );
  const unitOf = (m: string) => r?.definitions[m]?.unit;
  const shownOf = (d: Record<string, unknown>) => (d[shown] as number | null | undefined) ?? null;
  const series = r ? dailySeries(r.daily, r.from, r.to, shownOf, isAdditive(unitOf(shown))) : [];
  // With the comparison on, the comparison period day by day beside this one (its n-th day against
  // this period's n-th), from the days the API computed with its totals.
  const earlier = r?.comparison;
  const beforeSeries = earlier ? dailySeries(earlier.daily, earlier.from, earlier.to, shownOf, isAdditive(unitOf(shown))) : null;
  const shownName = i18n.metric(r?.definitions, shown);
  const markArea = markAreaOf(
    marks.data?.annotations,
    series.map(([day]) => day),
  );
  return (
    <div className="grid">
      <Panel
        id="overview-figures"
        title={r ? `${t('overview.figures')} · ${r.from} – ${r.to}` : t('overview.figures')}
        loading={overview.isLoading}
        error={overview.error}
        wide
        actions={<ExportMenu path={`/api/v1/shops/${shop.slug}/analyses/overview`} query={q} table="totals" />}
      >
        {r ? (
          <>
            {r.comparison ? (
              <p className="muted">
                {t('overview.comparedWith')} {r.comparison.from} – {r.comparison.to}
              </p>
            ) : null}
            <fieldset className="overview-groups" aria-label={t('overview.pickMetric')}>
              {overviewCards(r).map(({ group, cards }) => (
                <section key={group} className="overview-group" aria-label={t(`overview.${group}` as MessageKey)}>
                  <h3>{t(`overview.${group}` as MessageKey)}</h3>
                  <div className="kpis">
                    {cards.map((c) => (
                      <button
                        type="button"
                        key={c.metric}
                        className={`kpi kpi-pick${c.metric === shown ? ' selected' : ''}`}
                        aria-pressed={c.metric === shown}
                        data-metric={c.metric}
                        onClick={() => pick(c.metric)}
                      >
                        <span className="kpi-label">
                          <MetricLabel name={c.metric} definitions={r.definitions} />
                        </span>
                        <span className="kpi-value">{i18n.figure(unitOf(c.metric), c.value, shop.currency)}</span>
                        {c.change ? <ChangeText change={c.change} lowerIsBetter={c.lowerIsBetter} neutral={c.neutral} /> : null}
                      </button>
                    ))}
                  </div>
                </section>
              ))}
            </fieldset>
          </>
        ) : null}
      </Panel>
      <Panel
        title={t('overview.byDay').replace('{metric}', shownName)}
        loading={overview.isLoading}
        error={overview.error}
        wide
        actions={<ExportMenu path={`/api/v1/shops/${shop.slug}/analyses/overview`} query={q} table="daily" />}
      >
        {r ? (
          <Chart
            label="overview-daily"
            // The table under the chart reads each day as the card does (a rate as a percentage).
            formatValue={(v) => i18n.figure(unitOf(shown), v, shop.currency)}
            option={{
              xAxis: { type: 'category', data: series.map(([day]) => day) },
              // A rate's axis in percentages, as its card reads; amounts and counts as plain numbers.
              yAxis: { type: 'value', ...(unitOf(shown) === 'ratio' ? { axisLabel: { formatter: (v: number) => i18n.percent(v) } } : {}) },
              tooltip: { trigger: 'axis' },
              legend: beforeSeries ? { top: 0 } : undefined,
              // Amounts and counts as bars (each day its own); rates and averages as a line. The
              // period before as a dashed line, named by its dates.
              series: [
                {
                  type: isAdditive(unitOf(shown)) ? 'bar' : 'line',
                  name: shownName,
                  data: series.map(([, v]) => v),
                  ...(markArea ? { markArea } : {}),
                },
                ...(beforeSeries && earlier
                  ? [
                      {
                        type: 'line' as const,
                        name: `${shownName} ${earlier.from} – ${earlier.to}`,
                        data: beforeSeries.map(([, v]) => v),
                        lineStyle: { type: 'dashed' as const, width: 1.5 },
                        symbol: 'none',
                      },
                    ]
                  : []),
              ],
            }}
          />
        ) : null}
      </Panel>
      <MarkedDaysPanel marks={marks.data?.annotations} loading={marks.isLoading} error={marks.error} to={view.to} />
      {/* An analysis (analyses.read): a viewer sees the page's figures, not the panel. */}
      {can(shop, 'analyses.read') ? <OrderValuesPanel /> : null}
    </div>
  );
}
