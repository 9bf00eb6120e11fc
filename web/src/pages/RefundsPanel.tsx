/**
 * The products page's refunds of the range's sales (售后): of the orders paid in the range, how
 * many came back, for how much and how soon, split by channel, live room, category, product or refund reason
 * (`refunds_by` in the URL, so a link keeps the split; the reasons are RefundReasonsTable). Sales of the last 14 days are marked as still settling.
 * With the comparison on, each row's refunded orders and amount rate are set against the same
 * channel, category or product in the period before (the API computes the period before for this
 * period's top products, not its own).
 */
import { useSearchParams } from 'react-router-dom';
import { useRefunds } from '../api/hooks';
import type { RefundsResult } from '../api/types';
import { useShop } from '../app/shop-context';
import { changeColumns } from '../components/change-columns';
import { Chart } from '../components/LazyChart';
import { Panel } from '../components/Panel';
import { PanelFileActions } from '../components/PanelFileActions';
import { Table } from '../components/Table';
import { useI18n } from '../i18n/i18n';
import { panelReportParams, refundSplitTable } from '../state/saved-views';
import { analysisQuery } from '../state/view-state';
import { RefundReasonsTable } from './RefundReasonsTable';

const SPLITS = ['channel', 'live_room', 'category', 'product', 'reason'] as const;
type Split = (typeof SPLITS)[number];
type Figures = RefundsResult['totals'];
type Row = Omit<Figures, 'median_days_to_refund'> & {
  key: string;
  label: string;
  top_reason: string | null;
  top_reason_share: number | null;
};

/** `onProduct` opens a product of the product split in the page's details (as a ranking row does); `selected` is the one open. */
export function RefundsPanel({ onProduct, selected }: { onProduct: (product: string) => void; selected: string | null }) {
  const { shop, view, update } = useShop();
  const [search] = useSearchParams();
  const by: Split = (SPLITS as readonly string[]).includes(search.get('refunds_by') ?? '')
    ? (search.get('refunds_by') as Split)
    : 'channel';
  const i18n = useI18n();
  const { t } = i18n;
  // The download is the range alone; the panel's own request brings the period before when the comparison is on.
  const query = analysisQuery(view, { compare: false });
  const res = useRefunds(shop.slug, analysisQuery(view));
  const r = res.data;
  const rowsOf = (x: RefundsResult | undefined): Row[] =>
    !x || by === 'reason'
      ? []
      : by === 'channel'
        ? x.byChannel.map((c) => ({ ...c, key: c.channel, label: i18n.code('channel', c.channel) }))
        : by === 'live_room'
          ? x.byLiveRoom.map((c) => ({ ...c, key: c.live_room, label: c.live_room || t('refunds.noLiveRoom') }))
          : by === 'category'
            ? x.byCategory.map((c) => ({ ...c, key: c.category, label: c.category || '—' }))
            : x.byProduct.map((p) => ({ ...p, key: p.product_id, label: p.name || p.product_id }));
  const rows = rowsOf(r);
  const earlier = r?.comparison && rowsOf(r.comparison.result);
  const money = (v: number) => i18n.money(v, shop.currency);
  const totals = r?.totals;
  const bucket = (b: string) => (b === 'same day' ? t('refunds.sameDay') : b);
  const splitName = (s: Split) =>
    s === 'channel'
      ? t('filter.channel')
      : s === 'live_room'
        ? t('filter.live_room')
        : s === 'category'
          ? t('filter.category')
          : s === 'product'
            ? t('common.product')
            : t('refunds.reason');
  return (
    <Panel
      id="refunds"
      title={t('refunds.title')}
      loading={res.isLoading}
      error={res.error}
      empty={r !== undefined && r.totals.paid_orders === 0}
      wide
      actions={
        <PanelFileActions
          path={`/api/v1/shops/${shop.slug}/analyses/refunds`}
          query={query}
          table={refundSplitTable(by)}
          analysis="refunds"
          params={panelReportParams(view, {}, { compare: true })}
          testId="save-refunds"
        >
          <select
            aria-label={t('refunds.by')}
            value={by}
            onChange={(e) => update({ refunds_by: e.target.value === 'channel' ? null : e.target.value })}
          >
            {SPLITS.map((s) => (
              <option key={s} value={s}>
                {splitName(s)}
              </option>
            ))}
          </select>
        </PanelFileActions>
      }
    >
      <p className="muted">{t('refunds.explain')}</p>
      {totals ? (
        <p data-testid="refunds-totals">
          {t('refunds.totals')
            .replace('{refunded}', i18n.number(totals.refunded_orders))
            .replace('{paid}', i18n.number(totals.paid_orders))
            .replace('{full}', i18n.number(totals.full_refunds))
            .replace('{amount}', money(totals.refund_amount))
            .replace('{gmv}', money(totals.gmv))
            .replace('{orderRate}', i18n.percent(totals.refunded_order_rate))
            .replace('{amountRate}', i18n.percent(totals.refund_amount_rate))}
          {totals.median_days_to_refund !== null
            ? ` · ${t('refunds.median').replace('{n}', i18n.number(totals.median_days_to_refund))}`
            : ''}
        </p>
      ) : null}
      {r?.provisionalFrom ? (
        <p className="muted" data-testid="refunds-settling">
          {t('refunds.settling').replace('{day}', r.provisionalFrom)}
        </p>
      ) : null}
      <Chart
        label="refund-delays"
        height={200}
        option={{
          tooltip: { trigger: 'axis' },
          xAxis: {
            type: 'category',
            name: t('refunds.delay'),
            nameLocation: 'middle',
            nameGap: 28,
            data: (r?.daysToRefund.histogram ?? []).map((h) => bucket(h.bucket)),
          },
          yAxis: { type: 'value', minInterval: 1 },
          series: [
            {
              type: 'bar',
              name: i18n.metric(r?.definitions, 'refunded_orders'),
              data: (r?.daysToRefund.histogram ?? []).map((h) => h.orders),
            },
          ],
        }}
      />
      {by === 'reason' ? (
        <RefundReasonsTable result={r} currency={shop.currency} />
      ) : (
        <Table<Row>
          rowKey={(x) => x.key}
          rows={rows}
          {...(by === 'product' ? { onRow: (x: Row) => onProduct(x.key), selected } : {})}
          definitions={r?.definitions}
          columns={[
            {
              key: 'value',
              label: splitName(by),
              render: (x) => x.label,
            },
            { key: 'refund_sales_orders', numeric: true, render: (x) => i18n.number(x.paid_orders) },
            { key: 'refund_sales_amount', numeric: true, render: (x) => money(x.gmv) },
            { key: 'refunded_orders', numeric: true, render: (x) => i18n.number(x.refunded_orders) },
            { key: 'full_refund_orders', numeric: true, render: (x) => i18n.number(x.full_refunds) },
            { key: 'sales_refund_amount', numeric: true, render: (x) => money(x.refund_amount) },
            { key: 'refunded_order_rate', numeric: true, render: (x) => i18n.percent(x.refunded_order_rate) },
            { key: 'sales_refund_rate', numeric: true, render: (x) => i18n.percent(x.refund_amount_rate) },
            {
              key: 'refund_top_reason',
              render: (x) =>
                x.top_reason === null ? '—' : `${i18n.code('refund_reason', x.top_reason)} (${i18n.percent(x.top_reason_share)})`,
            },
            ...changeColumns(earlier, rows, (x) => x.key, [
              {
                metric: 'refunded_orders',
                label: i18n.metric(r?.definitions, 'refunded_orders'),
                value: (x) => x.refunded_orders,
                additive: true,
                lowerIsBetter: true,
              },
              {
                metric: 'sales_refund_rate',
                label: i18n.metric(r?.definitions, 'sales_refund_rate'),
                value: (x) => x.refund_amount_rate,
                additive: false,
                lowerIsBetter: true,
              },
            ]),
          ]}
        />
      )}
    </Panel>
  );
}
