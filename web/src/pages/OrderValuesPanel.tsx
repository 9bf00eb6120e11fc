/**
 * The Overview page's order values (客单价分布): how the range's paid orders spread over bands of the
 * amount paid and over units per order, the median order and units per order (连带率), and a 满减
 * threshold weighed (or the tiers of one: 满199减20, 满299减40) — how many orders reach each already
 * and how many fall just short. The bands' edges and the thresholds are the panel's own choices, kept in the URL (`edges`, `threshold`), so a
 * link or a saved report shows the same.
 */
import { Link, useSearchParams } from 'react-router-dom';
import { useOrderValues } from '../api/hooks';
import type { OrderValuesResult } from '../api/types';
import { useShop } from '../app/shop-context';
import { CommitField } from '../components/CommitField';
import { ChangeText, changeColumns } from '../components/change-columns';
import { Chart } from '../components/LazyChart';
import { MetricLabel } from '../components/MetricLabel';
import { Panel } from '../components/Panel';
import { PanelFileActions } from '../components/PanelFileActions';
import { Table } from '../components/Table';
import { useI18n } from '../i18n/i18n';
import { changeOf } from '../prepare/change';
import { panelReportParams } from '../state/saved-views';
import { analysisQuery } from '../state/view-state';

type Band = OrderValuesResult['bands'][number];
type Totals = OrderValuesResult['totals'];

/**
 * The cards: spend per buyer and its parts (orders per buyer × amount per order; units per order ×
 * amount per unit), the median order and two shares, each changed against the comparison period.
 * Coupon use is the merchant's choice, so its change is not coloured.
 */
const TOTALS: Array<{ key: string; field: keyof Totals; unit: string; neutral?: boolean }> = [
  { key: 'aov', field: 'spend_per_buyer', unit: 'money' },
  { key: 'ov_orders_per_buyer', field: 'orders_per_buyer', unit: 'average' },
  { key: 'amount_per_order', field: 'mean_order_value', unit: 'money' },
  { key: 'ov_units_per_order', field: 'units_per_order', unit: 'average' },
  { key: 'ov_amount_per_unit', field: 'amount_per_unit', unit: 'money' },
  { key: 'ov_median_order_value', field: 'median_order_value', unit: 'money' },
  { key: 'ov_multi_unit_share', field: 'multi_unit_share', unit: 'ratio' },
  { key: 'ov_discounted_share', field: 'discounted_share', unit: 'ratio', neutral: true },
];
type UnitsRow = OrderValuesResult['units'][number];
type ChannelRow = OrderValuesResult['byChannel'][number];

export function OrderValuesPanel() {
  const { shop, view, update } = useShop();
  const [search] = useSearchParams();
  const i18n = useI18n();
  const { t } = i18n;
  const edges = search.get('edges') ?? '';
  const threshold = search.get('threshold') ?? '';
  const own = { ...(edges ? { edges } : {}), ...(threshold ? { threshold } : {}) };
  const query = { ...analysisQuery(view), ...own };
  const res = useOrderValues(shop.slug, query);
  const r = res.data;
  const earlier = r?.comparison?.result;
  const money = (v: number | null) => i18n.money(v, shop.currency);
  const metric = (key: string) => i18n.metric(r?.definitions, key);
  // The Datasets page on the same days and filters: paid orders and amount per order by day and band.
  const byDayLink = () => {
    const p = new URLSearchParams(search);
    for (const own of ['edges', 'threshold', 'metric', 'd', 'm']) p.delete(own);
    for (const d of ['day', 'order_value']) p.append('d', d);
    for (const m of ['paid_orders', 'gmv', 'amount_per_order']) p.append('m', m);
    return `/shops/${shop.slug}/datasets?${p}`;
  };
  const unitsName = (u: UnitsRow) => (u.units === 'none' ? t('orderValues.noLines') : u.units);
  return (
    <Panel
      id="order-values"
      title={`${t('orderValues.title')} (${shop.currency})`}
      loading={res.isLoading}
      error={res.error}
      empty={r !== undefined && r.totals.orders === 0}
      wide
      actions={
        <PanelFileActions
          path={`/api/v1/shops/${shop.slug}/analyses/order-values`}
          query={query}
          analysis="order-values"
          params={panelReportParams(view, own, { compare: true })}
          testId="save-order-values"
        >
          <CommitField label={t('orderValues.edges')} value={edges} width="9em" onCommit={(v) => update({ edges: v })} />
          <CommitField label={t('orderValues.threshold')} value={threshold} width="8em" onCommit={(v) => update({ threshold: v })} />
        </PanelFileActions>
      }
    >
      {r ? (
        <>
          <div className="kpis figure-cards" data-testid="order-values-totals">
            {TOTALS.map(({ key, field, unit, neutral }) => (
              <div className="kpi" key={key} data-metric={key}>
                <span className="kpi-label">
                  <MetricLabel name={key} definitions={r.definitions} />
                </span>
                <span className="kpi-value">{i18n.figure(unit, r.totals[field], shop.currency)}</span>
                {earlier ? <ChangeText change={changeOf(r.totals[field], earlier.totals[field])} neutral={neutral} /> : null}
              </div>
            ))}
          </div>
          <p className="muted" data-testid="order-values-parts">
            {t('orderValues.parts')
              .replace('{aov}', money(r.totals.spend_per_buyer))
              .replace('{perBuyer}', i18n.number(r.totals.orders_per_buyer, 2))
              .replace('{perOrder}', money(r.totals.mean_order_value))}
          </p>
          {r.thresholds.length ? (
            // One line per tier of the promotion weighed, smallest first.
            <ul className="muted">
              {r.thresholds.map((at) => (
                <li key={at.amount} data-testid="order-values-threshold" data-amount={at.amount}>
                  {t('orderValues.thresholdLine')
                    .replace('{amount}', money(at.amount))
                    .replace('{reached}', i18n.number(at.reached_orders))
                    .replace('{reachedShare}', i18n.percent(at.reached_share))
                    .replace('{near}', i18n.number(at.near_orders))
                    .replace('{nearShare}', i18n.percent(at.near_share))
                    .replace('{gap}', money(at.gap))
                    .replace('{perOrder}', money(at.gap_per_order))}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('orderValues.explain')}</p>
          )}
          <Chart
            label="order-values"
            height={240}
            option={{
              legend: { top: 0 },
              tooltip: { trigger: 'axis' },
              xAxis: { type: 'category', data: r.bands.map((b) => b.band) },
              yAxis: [{ type: 'value' }, { type: 'value', splitLine: { show: false } }],
              series: [
                { type: 'bar', name: metric('ov_orders'), data: r.bands.map((b) => b.orders) },
                { type: 'line', name: metric('ov_gmv'), yAxisIndex: 1, data: r.bands.map((b) => b.gmv) },
              ],
            }}
          />
          <Table<Band>
            rowKey={(b) => b.band}
            rows={r.bands}
            definitions={r.definitions}
            columns={[
              { key: 'order_value_band', render: (b) => b.band },
              { key: 'ov_orders', numeric: true, render: (b) => i18n.number(b.orders) },
              { key: 'ov_order_share', numeric: true, render: (b) => i18n.percent(b.order_share) },
              { key: 'ov_gmv', numeric: true, render: (b) => money(b.gmv) },
              { key: 'ov_gmv_share', numeric: true, render: (b) => i18n.percent(b.gmv_share) },
              { key: 'ov_buyers', numeric: true, render: (b) => i18n.number(b.buyers) },
              { key: 'amount_per_order', numeric: true, render: (b) => money(b.mean_order_value) },
              { key: 'ov_units_per_order', numeric: true, render: (b) => i18n.number(b.units_per_order, 2) },
              { key: 'ov_discounted_share', numeric: true, render: (b) => i18n.percent(b.discounted_share) },
              { key: 'ov_refunded_rate', numeric: true, render: (b) => i18n.percent(b.refunded_rate) },
              ...changeColumns(earlier?.bands, r.bands, (b) => b.band, [
                { metric: 'ov_orders', label: metric('ov_orders'), value: (b) => b.orders, additive: true },
              ]),
            ]}
          />
          {edges ? null : (
            // The default ladder is the dataset builder's order_value dimension: the same bands, day by day.
            <p className="muted">
              <Link data-testid="order-values-by-day" to={byDayLink()}>
                {t('orderValues.byDay')}
              </Link>
            </p>
          )}
          <h3>{metric('ov_units_group')}</h3>
          <Table<UnitsRow>
            rowKey={(u) => u.units}
            rows={r.units}
            definitions={r.definitions}
            columns={[
              { key: 'ov_units_group', render: unitsName },
              { key: 'ov_orders', numeric: true, render: (u) => i18n.number(u.orders) },
              { key: 'ov_order_share', numeric: true, render: (u) => i18n.percent(u.order_share) },
              { key: 'ov_gmv_share', numeric: true, render: (u) => i18n.percent(u.gmv_share) },
              { key: 'amount_per_order', numeric: true, render: (u) => money(u.mean_order_value) },
            ]}
          />
          <h3>{t('orderValues.byChannel')}</h3>
          <div data-testid="order-values-channels">
            <Table<ChannelRow>
              rowKey={(c) => c.channel}
              rows={r.byChannel}
              definitions={r.definitions}
              columns={[
                { key: 'order_channel', render: (c) => i18n.code('channel', c.channel) },
                { key: 'ov_orders', numeric: true, render: (c) => i18n.number(c.orders) },
                { key: 'ov_order_share', numeric: true, render: (c) => i18n.percent(c.order_share) },
                { key: 'ov_gmv_share', numeric: true, render: (c) => i18n.percent(c.gmv_share) },
                { key: 'amount_per_order', numeric: true, render: (c) => money(c.mean_order_value) },
                { key: 'ov_units_per_order', numeric: true, render: (c) => i18n.number(c.units_per_order, 2) },
                { key: 'ov_discounted_share', numeric: true, render: (c) => i18n.percent(c.discounted_share) },
                { key: 'ov_refunded_rate', numeric: true, render: (c) => i18n.percent(c.refunded_rate) },
                ...changeColumns(earlier?.byChannel, r.byChannel, (c) => c.channel, [
                  {
                    metric: 'amount_per_order',
                    label: metric('amount_per_order'),
                    value: (c) => c.mean_order_value,
                    additive: false,
                  },
                ]),
              ]}
            />
          </div>
        </>
      ) : null}
    </Panel>
  );
}
