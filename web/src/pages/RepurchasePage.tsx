/** Repurchase: rates by first-purchase month, the interval histogram, second-order conversion by first product, channel and category. */
import { useSearchParams } from 'react-router-dom';
import { useRepurchase } from '../api/hooks';
import type { RepurchaseResult } from '../api/types';
import { useShop } from '../app/shop-context';
import { ExportMenu } from '../components/ExportMenu';
import { Chart } from '../components/LazyChart';
import { Panel } from '../components/Panel';
import { PanelFileActions } from '../components/PanelFileActions';
import { Table } from '../components/Table';
import { useI18n } from '../i18n/i18n';
import { panelReportParams, secondOrderTable } from '../state/saved-views';
import { analysisQuery } from '../state/view-state';

type SecondOrderRow = RepurchaseResult['secondOrder']['product'][number];

export default function RepurchasePage() {
  const { shop, view, update } = useShop();
  const i18n = useI18n();
  const { t } = i18n;
  const [params] = useSearchParams();
  const by = (params.get('first') ?? 'product') as keyof RepurchaseResult['secondOrder'];
  const rep = useRepurchase(shop.slug, analysisQuery(view, { compare: false }));
  const r = rep.data;
  const windows = ['30', '60', '90', '180'];
  return (
    <div className="grid">
      <Panel
        title={t('repurchase.cohorts')}
        loading={rep.isLoading}
        error={rep.error}
        // Rates exist only for windows wholly inside the data: a short recent range has none yet.
        empty={!(r?.cohorts ?? []).some((c) => Object.values(c.windows).some((w) => w.rate !== null))}
        emptyText={(r?.cohorts.length ?? 0) > 0 ? t('repurchase.notObserved') : undefined}
        wide
        actions={<ExportMenu path={`/api/v1/shops/${shop.slug}/analyses/repurchase`} query={analysisQuery(view, { compare: false })} />}
      >
        <Chart
          label="repurchase-cohorts"
          formatValue={i18n.percent}
          option={{
            legend: { top: 0 },
            xAxis: { type: 'category', data: (r?.cohorts ?? []).map((c) => c.cohort.slice(0, 7)) },
            yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
            series: windows.map((w) => ({ type: 'bar', name: `${w}d`, data: (r?.cohorts ?? []).map((c) => c.windows[w]?.rate ?? null) })),
          }}
        />
      </Panel>
      <Panel
        title={`${t('repurchase.intervals')} · ${t('repurchase.median')}: ${i18n.number(r?.intervals.median_days ?? null, 1)}`}
        loading={rep.isLoading}
        error={rep.error}
        empty={(r?.intervals.gaps ?? 0) === 0}
      >
        <Chart
          label="repurchase-intervals"
          option={{
            // Every bucket named (ECharts would skip every other one on a half-width panel).
            xAxis: { type: 'category', data: (r?.intervals.histogram ?? []).map((b) => b.bucket), axisLabel: { interval: 0, rotate: 30 } },
            yAxis: { type: 'value' },
            series: [{ type: 'bar', data: (r?.intervals.histogram ?? []).map((b) => b.gaps) }],
          }}
        />
      </Panel>
      <Panel
        id="second-order"
        title={`${t('repurchase.secondOrder')} · ${i18n.code('option', `first_${by}`)}`}
        loading={rep.isLoading}
        error={rep.error}
        empty={(r?.secondOrder[by]?.length ?? 0) === 0}
        actions={
          // The split shown, downloaded whole (the table shows the first 20) or saved to reopen and schedule.
          <PanelFileActions
            path={`/api/v1/shops/${shop.slug}/analyses/repurchase`}
            query={analysisQuery(view, { compare: false })}
            table={secondOrderTable(by)}
            analysis="repurchase"
            params={panelReportParams(view, {})}
            testId="save-second-order"
          >
            <select aria-label="first" value={by} onChange={(e) => update({ first: e.target.value })}>
              {['product', 'channel', 'live_room', 'category', 'value', 'refund', 'discount'].map((o) => (
                <option key={o} value={o}>
                  {i18n.code('option', `first_${o}`)}
                </option>
              ))}
            </select>
          </PanelFileActions>
        }
      >
        <Table<SecondOrderRow>
          rowKey={(x) => x.value}
          rows={(r?.secondOrder[by] ?? []).slice(0, 20)}
          definitions={r?.definitions}
          columns={[
            {
              key: 'value',
              label: i18n.code('option', `first_${by}`),
              // Products by name (as on the products page), the id when nothing names them.
              // A first order from no live room is named as such (its value is empty).
              render: (x) =>
                x.name ? (
                  <span title={x.value}>{x.name}</span>
                ) : by === 'live_room' && x.value === '' ? (
                  t('repurchase.noLiveRoom')
                ) : (
                  i18n.value(`first_${by}`, x.value)
                ),
            },
            { key: 'first_buyers', label: t('repurchase.firstBuyers'), numeric: true, render: (x) => i18n.number(x.first_buyers) },
            { key: 'second_buyers', label: t('repurchase.secondBuyers'), numeric: true, render: (x) => i18n.number(x.second_buyers) },
            { key: 'second_order_rate', numeric: true, render: (x) => i18n.percent(x.second_order_rate) },
          ]}
        />
      </Panel>
    </div>
  );
}
