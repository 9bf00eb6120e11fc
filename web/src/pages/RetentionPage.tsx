/** Retention: the cohort heatmap (rates or counts), curves, LTV curves, split by first channel or the first order's category, discount or value band. */
import { useSearchParams } from 'react-router-dom';
import { useRetention } from '../api/hooks';
import { useShop } from '../app/shop-context';
import { ExportMenu } from '../components/ExportMenu';
import { Chart } from '../components/LazyChart';
import { Panel } from '../components/Panel';
import { useI18n } from '../i18n/i18n';
import { cohortCells, heatScale, shownPeriods } from '../prepare/series';
import { analysisQuery } from '../state/view-state';

export default function RetentionPage() {
  const { shop, view, update } = useShop();
  const i18n = useI18n();
  const { t } = i18n;
  const [params] = useSearchParams();
  const cohort = params.get('cohort') ?? 'first_purchase';
  const ret = params.get('return') ?? 'purchase';
  const period = params.get('period') ?? 'week';
  const segment = params.get('segment') ?? 'none';
  const show = params.get('show') === 'counts' ? 'counts' : 'rates';
  const q = { ...analysisQuery(view, { compare: false }), cohort, return: ret, period, segment, mode: params.get('mode') ?? undefined };
  const retention = useRetention(shop.slug, q);
  const r = retention.data;
  const cohorts = (r?.cohorts ?? []).filter((c) => segment === 'none' || c.segment === (params.get('seg') ?? r?.cohorts[0]?.segment));
  const segments = [...new Set((r?.cohorts ?? []).map((c) => c.segment))];
  const asked = r ? r.options.periods + 1 : 0;
  const periods = shownPeriods(
    cohorts.map((c) => ({ series: [c.rates, c.revenue_per_member] })),
    asked,
  );
  const optionName = (o: string) => i18n.code('option', o);
  // A split by first channel shows channel names; categories are the merchant's own.
  const segmentName = (o: string) => i18n.value(segment, o);
  const select = (key: string, value: string, options: string[], label: string, name = optionName) => (
    <label>
      {label}{' '}
      <select aria-label={label || key} value={value} onChange={(e) => update({ [key]: e.target.value })}>
        {options.map((o) => (
          <option key={o} value={o}>
            {name(o)}
          </option>
        ))}
      </select>
    </label>
  );
  const controls = (
    <div className="controls">
      {select('cohort', cohort, ['first_purchase', 'first_visit'], t('retention.cohort'))}
      {select('return', ret, ['purchase', 'visit'], t('retention.return'))}
      {select('period', period, ['day', 'week', 'month'], t('retention.period'))}
      {/* The first order's category, discount and value band split purchase cohorts only. */}
      {select(
        'segment',
        segment,
        cohort === 'first_purchase'
          ? ['none', 'first_channel', 'first_category', 'first_discount', 'first_value']
          : ['none', 'first_channel'],
        t('retention.segment'),
      )}
      {segment !== 'none' ? select('seg', params.get('seg') ?? segments[0] ?? '', segments, '', segmentName) : null}
      {select('show', show, ['rates', 'counts'], '')}
      <ExportMenu path={`/api/v1/shops/${shop.slug}/analyses/retention`} query={q} />
    </div>
  );
  return (
    <div className="grid">
      <Panel
        title={t('retention.heatmap')}
        loading={retention.isLoading}
        error={retention.error}
        empty={cohorts.length === 0}
        wide
        actions={controls}
      >
        <Chart
          label="retention-heatmap"
          formatValue={show === 'rates' ? i18n.percent : undefined}
          height={Math.max(240, cohorts.length * 26 + 80)}
          option={{
            tooltip: { position: 'top' },
            grid: { left: 100, right: 24, top: 24, bottom: 60 },
            xAxis: { type: 'category', data: Array.from({ length: periods }, (_, k) => `${optionName(period)} ${k}`) },
            yAxis: { type: 'category', inverse: true, data: cohorts.map((c) => `${c.cohort} (${c.size})`) },
            visualMap: heatScale(show === 'rates' ? 1 : Math.max(...cohorts.map((c) => c.size))),
            series: [
              {
                type: 'heatmap',
                data: cohortCells(cohorts.map((c) => ({ values: show === 'rates' ? c.rates : c.people }))),
                label: {
                  show: cohorts.length <= 20,
                  formatter: (p: { value: [number, number, number] }) =>
                    show === 'rates' ? `${Math.round(p.value[2] * 100)}%` : String(p.value[2]),
                },
              },
            ],
          }}
        />
      </Panel>
      <Panel title={t('retention.curves')} loading={retention.isLoading} error={retention.error} empty={cohorts.length === 0}>
        <Chart
          label="retention-curves"
          formatValue={i18n.percent}
          option={{
            legend: { type: 'scroll', top: 0 },
            xAxis: { type: 'category', data: Array.from({ length: periods }, (_, k) => String(k)) },
            // Period 0 is 100% by definition and left out, so the axis scales to the returns.
            yAxis: { type: 'value', axisLabel: { formatter: (v: number) => i18n.percent(v) } },
            series: cohorts.slice(-8).map((c) => ({ type: 'line', name: c.cohort, data: [null, ...c.rates.slice(1, periods)] })),
          }}
        />
      </Panel>
      <Panel
        title={t('retention.ltv')}
        loading={retention.isLoading}
        error={retention.error}
        empty={cohorts.every((c) => c.revenue_per_member.every((v) => v === null))}
      >
        <Chart
          label="retention-ltv"
          option={{
            legend: { type: 'scroll', top: 0 },
            xAxis: { type: 'category', data: Array.from({ length: periods }, (_, k) => String(k)) },
            yAxis: { type: 'value' },
            series: cohorts.slice(-8).map((c) => ({ type: 'line', name: c.cohort, data: c.revenue_per_member.slice(0, periods) })),
          }}
        />
      </Panel>
    </div>
  );
}
