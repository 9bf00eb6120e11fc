/** Home: the store diagnosis — KPI cards with sparklines, ranked findings, the GMV driver waterfall, the health checklist. */
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useDiagnosis, useMarkArea, useOverview } from '../api/hooks';
import type { DiagnosisResult, MetricName } from '../api/types';
import { canOpen } from '../app/permissions';
import { useShop } from '../app/shop-context';
import { ExportMenu } from '../components/ExportMenu';
import { Chart, type ChartOption } from '../components/LazyChart';
import { MetricLabel } from '../components/MetricLabel';
import { Panel } from '../components/Panel';
import { useI18n } from '../i18n/i18n';
import { findingAudience, templateConditions } from '../prepare/audience';
import { changeOf } from '../prepare/change';
import type { ChartTable } from '../prepare/chart-table';
import { marksText } from '../prepare/marked-days';
import { addDays, dailySeries, waterfall } from '../prepare/series';
import { analysisQuery, diagnosedDaysQuery } from '../state/view-state';
import { LiveRoomsPanel } from './LiveRoomsPanel';
import { ProductsToWatchPanel } from './ProductsToWatchPanel';
import { TargetsPanel } from './TargetsPanel';
import { WhereItMovedPanel } from './WhereItMovedPanel';

const SPARK: Record<string, { key: MetricName; additive: boolean }> = {
  gmv: { key: 'gmv', additive: true },
  uv: { key: 'uv', additive: true },
  buyers: { key: 'paying_buyers', additive: true },
  conversion: { key: 'conversion_rate', additive: false },
  aov: { key: 'aov', additive: false },
  paid_orders: { key: 'paid_orders', additive: true },
};

/** The page a finding's link opens ("/funnels?from=…" → "funnels"): offered only where the user may open it. */
const pageOf = (link: string) => link.split('?')[0]?.replace(/^\//, '').split('/')[0] ?? '';

/** Who to act on for a finding, when an audience answers it: the Customers page's builder, on the diagnosed days. */
function FindingAudienceLink({ finding, from, to }: { finding: DiagnosisResult['findings'][number]; from: string; to: string }) {
  const { shop } = useShop();
  const { t } = useI18n();
  const [params] = useSearchParams();
  const id = findingAudience(finding);
  if (!id || !canOpen(shop, 'customers')) return null;
  const query = diagnosedDaysQuery(params, from, to, { audience: JSON.stringify(templateConditions(id)) });
  return (
    <>
      {' · '}
      <Link to={`/shops/${shop.slug}/customers?${query}#audience`} data-testid={`finding-audience-${id}`}>
        {t(`audience.template.${id}`)} →
      </Link>
    </>
  );
}

export default function HomePage() {
  const { shop, view, update } = useShop();
  const i18n = useI18n();
  const [params] = useSearchParams();
  const { t, pick } = i18n;
  const period = params.get('period') === 'week' ? 'week' : 'day';
  const filters = analysisQuery(view, { compare: false });
  const diagnosis = useDiagnosis(shop.slug, { ...filters, from: undefined, to: undefined, date: view.to, period });
  const trend = useOverview(shop.slug, { ...filters, from: addDays(view.to, -29), to: view.to, compare: 'none' });
  const d = diagnosis.data;
  const waterfallChartAndTable = useMemo(() => (d ? waterfallChart(d, i18n) : null), [d, i18n]);
  return (
    <div className="grid">
      <Panel
        title={`${t('home.figures')} · ${d ? (d.period === 'day' ? d.to : `${d.from} – ${d.to}`) : view.to}`}
        loading={diagnosis.isLoading}
        error={diagnosis.error}
        wide
        actions={
          <div className="presets">
            <ExportMenu
              path={`/api/v1/shops/${shop.slug}/diagnostics`}
              query={{ ...filters, from: undefined, to: undefined, date: view.to, period }}
              table="figures"
            />
            {(['day', 'week'] as const).map((p) => (
              <button
                key={p}
                type="button"
                className={period === p ? 'active' : ''}
                onClick={() => update({ period: p === 'day' ? null : p })}
              >
                {p === 'day' ? t('range.yesterday') : t('range.7d')}
              </button>
            ))}
          </div>
        }
      >
        {d ? (
          <>
            <p className="summary" data-testid="summary">
              {pick(d.summary)}
            </p>
            {/* What these days, and the days their usual came from, are known for (marked on the Overview page). */}
            {d.marked_days.period.length ? (
              <p className="marks-line" data-testid="marked-period">
                <strong>{t('marks.period')}</strong> {marksText(d.marked_days.period, i18n)}
              </p>
            ) : null}
            {/* Each of them a click from its campaign review (活动复盘), for those who may open it. */}
            {d.marked_days.period.length && canOpen(shop, 'campaign') ? (
              <p className="presets" data-testid="marked-review">
                {t('campaign.reviewMark')}{' '}
                {d.marked_days.period.map((m) => (
                  <Link key={m.id} to={`/shops/${shop.slug}/campaign?range=custom&from=${m.from}&to=${m.to}`}>
                    {m.title} →
                  </Link>
                ))}
              </p>
            ) : null}
            {d.marked_days.usual.length ? (
              <p className="muted" data-testid="marked-usual">
                {t('marks.usual')} {marksText(d.marked_days.usual, i18n)}. {t('marks.usualWhy')}
              </p>
            ) : null}
            {/* Every figure of the same days (and filters), each against the days before, on the Overview page. */}
            <p>
              <Link
                data-testid="all-figures"
                to={`/shops/${shop.slug}/overview?${diagnosedDaysQuery(params, d.from, d.to, { compare: '1' })}`}
              >
                {t('home.allFigures')} →
              </Link>
            </p>
            <div className="kpis kpis-six">
              {d.figures
                .filter((f) => SPARK[f.metric])
                .map((f) => {
                  const spark = SPARK[f.metric] as { key: MetricName; additive: boolean };
                  const series = trend.data
                    ? dailySeries(
                        trend.data.daily,
                        addDays(view.to, -29),
                        view.to,
                        (r) => (r[spark.key] as number | null) ?? null,
                        spark.additive,
                      )
                    : [];
                  // Against the same weekday last week, as every change is shown (changeOf).
                  const change = changeOf(f.value, f.same_weekday_last_week);
                  return (
                    <div key={f.metric} className={`kpi status-${f.baseline.status}`}>
                      <div className="kpi-label">
                        <MetricLabel
                          name={f.metric === 'buyers' ? 'paying_buyers' : f.metric === 'conversion' ? 'conversion_rate' : f.metric}
                          definitions={d.definitions}
                          fallback={pick(f.label)}
                        />
                        {f.provisional ? <span className="badge">{t('home.provisional')}</span> : null}
                      </div>
                      <div className="kpi-value">{i18n.figure(f.unit, f.value, shop.currency)}</div>
                      <div
                        className={`kpi-change ${change.kind === 'none' ? '' : change.kind === 'new' || change.ratio >= 0 ? 'up' : 'down'}`}
                      >
                        {change.kind === 'none'
                          ? '—'
                          : change.kind === 'new'
                            ? `▲ ${t('compare.new')}`
                            : `${change.ratio >= 0 ? '▲' : '▼'} ${i18n.percent(Math.abs(change.ratio))}`}{' '}
                        <span className="muted">{pick({ en: 'vs last week', zh: '较上周同期' })}</span>
                      </div>
                      <Chart
                        height={48}
                        label={`spark-${f.metric}`}
                        // The card's figure is the reading; its week-long line has no table of its own.
                        table={false}
                        option={{
                          grid: { left: 0, right: 0, top: 4, bottom: 4 },
                          xAxis: { type: 'category', show: false, data: series.map(([day]) => day) },
                          yAxis: { type: 'value', show: false, scale: true },
                          tooltip: { show: false },
                          series: [
                            {
                              type: 'line',
                              data: series.map(([, v]) => v),
                              symbol: 'none',
                              lineStyle: { width: 1.5 },
                              areaStyle: { opacity: 0.08 },
                            },
                          ],
                        }}
                      />
                    </div>
                  );
                })}
            </div>
          </>
        ) : null}
      </Panel>
      <Panel
        title={t('home.findings')}
        loading={diagnosis.isLoading}
        error={diagnosis.error}
        empty={Boolean(d && d.findings.length === 0)}
        actions={
          <ExportMenu
            path={`/api/v1/shops/${shop.slug}/diagnostics`}
            query={{ ...filters, from: undefined, to: undefined, date: view.to, period }}
            table="findings"
          />
        }
      >
        <ol className="findings">
          {d?.findings.map((f) => (
            <li key={f.rank} className={`finding severity-${f.severity}`}>
              <span>{pick(f.text)}</span>{' '}
              {canOpen(shop, pageOf(f.link.page)) ? <Link to={`/shops/${shop.slug}${f.link.page}&range=custom`}>→</Link> : null}
              <FindingAudienceLink finding={f} from={d.from} to={d.to} />
            </li>
          ))}
        </ol>
        {d && d.findings.length === 0 ? <p>{pick(d.summary)}</p> : null}
      </Panel>
      <Panel title={t('home.waterfall')} loading={diagnosis.isLoading} error={diagnosis.error} empty={Boolean(d && !d.enoughData)}>
        {waterfallChartAndTable ? (
          <Chart option={waterfallChartAndTable.option} table={waterfallChartAndTable.table} label="waterfall" />
        ) : null}
      </Panel>
      <Panel title={t('home.health')} loading={diagnosis.isLoading} error={diagnosis.error} empty={Boolean(d && d.health.length === 0)}>
        <ul className="health">
          {d?.health.map((h) => (
            <li key={h.area} className={`light light-${h.status}`}>
              <strong>{i18n.code('health', h.area)}</strong> {pick(h.reason)}
            </li>
          ))}
        </ul>
        {d?.provisional.reason.map((r) => (
          <p key={r.en} className="muted">
            {pick(r)}
          </p>
        ))}
      </Panel>
      {d ? <WhereItMovedPanel diagnosis={d} query={{ ...filters, from: undefined, to: undefined, date: view.to, period }} /> : null}
      <TargetsPanel month={view.to.slice(0, 7)} />
      {d ? <ProductsToWatchPanel from={d.from} to={d.to} /> : null}
      {d ? <LiveRoomsPanel from={d.from} to={d.to} compared={d.compared} /> : null}
      <Panel title={t('home.trend')} loading={trend.isLoading} error={trend.error} wide>
        {trend.data ? <GmvTrend shop={shop.slug} days={trend.data} to={view.to} i18n={i18n} /> : null}
      </Panel>
    </div>
  );
}

/** The payment amount of the last 30 days, its marked days shaded. */
function GmvTrend({
  shop,
  days,
  to,
  i18n,
}: {
  shop: string;
  days: NonNullable<ReturnType<typeof useOverview>['data']>;
  to: string;
  i18n: ReturnType<typeof useI18n>;
}) {
  const series = dailySeries(days.daily, addDays(to, -29), to, (r) => r.gmv as number, true);
  const markArea = useMarkArea(
    shop,
    series.map(([day]) => day),
  );
  return (
    <Chart
      label="gmv-trend"
      option={{
        xAxis: { type: 'category', data: series.map(([day]) => day) },
        yAxis: { type: 'value' },
        series: [
          {
            type: 'bar',
            name: i18n.metric(days.definitions, 'gmv'),
            data: series.map(([, v]) => v),
            ...(markArea ? { markArea } : {}),
          },
        ],
      }}
    />
  );
}

/** The waterfall, and its table of each bar's signed amount (the chart draws stacked bases and heights). */
function waterfallChart(d: DiagnosisResult, i18n: ReturnType<typeof useI18n>): { option: ChartOption; table: ChartTable } {
  const { t } = i18n;
  const c = d.decomposition;
  const bars = waterfall(
    c.gmv_before,
    [
      { name: t('driver.traffic'), amount: c.traffic },
      { name: t('driver.conversion'), amount: c.conversion },
      { name: t('driver.aov'), amount: c.aov },
      ...(c.unexplained ? [{ name: t('driver.unexplained'), amount: c.unexplained }] : []),
    ],
    c.gmv_after,
    { before: t('driver.before'), after: t('driver.after') },
  );
  const table: ChartTable = { columns: [t('chart.category'), t('chart.value')], rows: bars.map((b) => [b.name, b.amount]) };
  const option: ChartOption = {
    tooltip: {
      trigger: 'axis',
      formatter: (p: Array<{ dataIndex: number }>) =>
        `${bars[p[0]?.dataIndex ?? 0]?.name}: ${i18n.number(bars[p[0]?.dataIndex ?? 0]?.amount ?? 0, 2)}`,
    },
    // Every driver's name under its bar, wrapped rather than run into its neighbour's.
    xAxis: { type: 'category', data: bars.map((b) => b.name), axisLabel: { interval: 0, width: 76, overflow: 'break' } },
    yAxis: { type: 'value' },
    series: [
      { type: 'bar', stack: 'w', data: bars.map((b) => b.base), itemStyle: { color: 'transparent' }, emphasis: { disabled: true } },
      {
        type: 'bar',
        stack: 'w',
        data: bars.map((b) => ({
          value: b.height,
          itemStyle: { color: b.kind === 'total' ? '#2f6fed' : b.kind === 'up' ? '#22a06b' : '#d6455d' },
        })),
        label: { show: true, position: 'top', formatter: (p: { dataIndex: number }) => i18n.number(bars[p.dataIndex]?.amount ?? 0) },
      },
    ],
  };
  return { option, table };
}
