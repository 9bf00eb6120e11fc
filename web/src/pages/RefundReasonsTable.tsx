/**
 * The refunds panel's split by reason (售后原因): the refunded orders under the reason their refund
 * records, as a pie of refunded orders, their trend by paying day (stacked bars) and a table with
 * each reason's share of the orders and the money, and its median days to refund. Suggested codes
 * show by name in either language; a source's own words show as written; "" is "not given". With
 * the comparison on, Δ refunded orders per reason.
 */
import type { RefundsResult } from '../api/types';
import { changeColumns } from '../components/change-columns';
import { Chart } from '../components/LazyChart';
import { Table } from '../components/Table';
import { useI18n } from '../i18n/i18n';

type Row = RefundsResult['byReason'][number];

export function RefundReasonsTable({ result, currency }: { result: RefundsResult | undefined; currency: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const rows = result?.byReason ?? [];
  const name = (reason: string) => i18n.code('refund_reason', reason);
  // The trend: each reason's refunded orders per paying day, stacked, every day of the range shown.
  const days = (result?.daily ?? []).map((d) => d.day);
  const perDay = new Map((result?.reasonsDaily ?? []).map((d) => [`${d.day}|${d.reason}`, d.refunded_orders]));
  return (
    <>
      <p className="muted">{t('refunds.reasonsExplain')}</p>
      <Chart
        label="refund-reasons"
        height={220}
        option={{
          tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
          series: [
            {
              type: 'pie',
              radius: ['35%', '65%'],
              name: i18n.metric(result?.definitions, 'refunded_orders'),
              data: rows.map((r) => ({ name: name(r.reason), value: r.refunded_orders })),
            },
          ],
        }}
      />
      <Chart
        label="refund-reasons-by-day"
        height={240}
        option={{
          tooltip: { trigger: 'axis' },
          legend: { type: 'scroll', bottom: 0 },
          grid: { bottom: 56 },
          xAxis: {
            type: 'category',
            name: t('refunds.payingDay'),
            nameLocation: 'middle',
            nameGap: 26,
            data: days,
          },
          yAxis: { type: 'value', minInterval: 1 },
          series: rows.map((r) => ({
            type: 'bar',
            stack: 'reasons',
            name: name(r.reason),
            data: days.map((day) => perDay.get(`${day}|${r.reason}`) ?? 0),
          })),
        }}
      />
      <Table<Row>
        rowKey={(r) => r.reason}
        rows={rows}
        definitions={result?.definitions}
        columns={[
          { key: 'refund_reason', render: (r) => name(r.reason) },
          { key: 'refunded_orders', numeric: true, render: (r) => i18n.number(r.refunded_orders) },
          { key: 'full_refund_orders', numeric: true, render: (r) => i18n.number(r.full_refunds) },
          { key: 'sales_refund_amount', numeric: true, render: (r) => i18n.money(r.refund_amount, currency) },
          { key: 'refund_reason_order_share', numeric: true, render: (r) => i18n.percent(r.refunded_order_share) },
          { key: 'refund_reason_amount_share', numeric: true, render: (r) => i18n.percent(r.refund_amount_share) },
          {
            key: 'median_days_to_refund',
            definition: 'days_to_refund',
            label: t('refunds.medianDays'),
            numeric: true,
            render: (r) => (r.median_days_to_refund === null ? '—' : i18n.number(r.median_days_to_refund)),
          },
          ...changeColumns(result?.comparison?.result.byReason, rows, (r) => r.reason, [
            {
              metric: 'refunded_orders',
              label: i18n.metric(result?.definitions, 'refunded_orders'),
              value: (r) => r.refunded_orders,
              additive: true,
              lowerIsBetter: true,
            },
          ]),
        ]}
      />
    </>
  );
}
