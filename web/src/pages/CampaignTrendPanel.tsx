/** The campaign review page's trend around the campaign: payment amount and visitors by day. */
import type { Query } from '../api/client';
import { useOverview } from '../api/hooks';
import type { CampaignReviewResult } from '../api/types';
import { useShop } from '../app/shop-context';
import { ExportMenu } from '../components/ExportMenu';
import { Chart } from '../components/LazyChart';
import { Panel } from '../components/Panel';
import { useI18n } from '../i18n/i18n';
import { markAreaOf } from '../prepare/marked-days';
import { dailySeries } from '../prepare/series';

/**
 * Payment amount and visitors day by day from the usual days' first through the days after's last,
 * the campaign and the days after shaded: the spike, the warm-up lull before it, the hangover after.
 * The overview's own days for that span (same filters).
 */
export function CampaignTrendPanel({ r, query }: { r: CampaignReviewResult; query: Query }) {
  const { shop } = useShop();
  const i18n = useI18n();
  const { t } = i18n;
  const span = { from: r.usual.from, to: r.after?.to ?? r.campaign.to };
  // The review's own keys are not the overview's; another campaign beside it would make the overview compare.
  const q = {
    ...query,
    ...span,
    usual_from: undefined,
    usual_to: undefined,
    after_days: undefined,
    compare_from: undefined,
    compare_to: undefined,
    compare: 'none',
  };
  const trend = useOverview(shop.slug, q);
  const o = trend.data;
  const gmv = o ? dailySeries(o.daily, span.from, span.to, (d) => d.gmv ?? null, true) : [];
  const uv = o ? dailySeries(o.daily, span.from, span.to, (d) => d.uv ?? null, true) : [];
  // The campaign and the days after, shaded and named as marked days are (the chart's table names them by day).
  const markArea = markAreaOf(
    [
      { title: t('campaign.windowCampaign'), from: r.campaign.from, to: r.campaign.to },
      ...(r.after ? [{ title: t('campaign.afterDays'), from: r.after.from, to: r.after.to }] : []),
    ],
    gmv.map(([day]) => day),
  );
  return (
    <Panel
      id="campaign-trend"
      title={t('campaign.trend')}
      loading={trend.isLoading}
      error={trend.error}
      wide
      actions={<ExportMenu path={`/api/v1/shops/${shop.slug}/analyses/overview`} query={q} table="daily" />}
    >
      {o ? (
        <Chart
          label="campaign-trend"
          option={{
            legend: { top: 0 },
            tooltip: { trigger: 'axis' },
            xAxis: { type: 'category', data: gmv.map(([day]) => day) },
            yAxis: [{ type: 'value' }, { type: 'value', splitLine: { show: false } }],
            series: [
              {
                type: 'bar',
                name: i18n.metric(o.definitions, 'gmv'),
                data: gmv.map(([, v]) => v),
                ...(markArea ? { markArea } : {}),
              },
              { type: 'line', name: i18n.metric(o.definitions, 'uv'), yAxisIndex: 1, symbol: 'none', data: uv.map(([, v]) => v) },
            ],
          }}
        />
      ) : null}
    </Panel>
  );
}
