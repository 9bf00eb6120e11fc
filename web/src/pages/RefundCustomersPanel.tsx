/**
 * Who asked for refunds over the range: the known customers with a refunded order among those
 * paid in it, most refunded first, each in their segment now and a click from their profile on the
 * Customers page — the follow-up list behind the refunds panel's figures. The download holds all.
 */
import { Link, useLocation } from 'react-router-dom';
import { useRefundCustomers } from '../api/hooks';
import type { RefundCustomersResult } from '../api/types';
import { useShop } from '../app/shop-context';
import { Panel } from '../components/Panel';
import { PanelFileActions } from '../components/PanelFileActions';
import { Table } from '../components/Table';
import { useI18n } from '../i18n/i18n';
import { panelReportParams } from '../state/saved-views';
import { analysisQuery, profileLink } from '../state/view-state';

const PAGE = 20;
type Claimant = RefundCustomersResult['customers'][number];

export function RefundCustomersPanel() {
  const { shop, view } = useShop();
  const i18n = useI18n();
  const { t } = i18n;
  const location = useLocation();
  const query = analysisQuery(view, { compare: false });
  const res = useRefundCustomers(shop.slug, { ...query, limit: String(PAGE) });
  const r = res.data;
  const money = (v: number) => i18n.money(v, shop.currency);
  return (
    <Panel
      id="refund-customers"
      title={`${t('refunds.customers')}${r ? ` (${i18n.number(r.total)})` : ''}`}
      loading={res.isLoading}
      error={res.error}
      empty={r !== undefined && r.customers.length === 0}
      wide
      actions={
        <PanelFileActions
          path={`/api/v1/shops/${shop.slug}/analyses/refund-customers`}
          query={query}
          analysis="refund-customers"
          params={panelReportParams(view, {})}
          testId="save-refund-customers"
        />
      }
    >
      <p className="muted">{t('refunds.customersExplain')}</p>
      {r && r.guest_refunded_orders > 0 ? (
        <p className="muted">{t('refunds.guests').replace('{n}', i18n.number(r.guest_refunded_orders))}</p>
      ) : null}
      <Table<Claimant>
        rowKey={(c) => c.customer_id}
        rows={r?.customers ?? []}
        definitions={r?.definitions}
        columns={[
          {
            key: 'customer_id',
            label: t('customers.id'),
            render: (c) => <Link to={profileLink(shop.slug, location.search, c.customer_id)}>{c.customer_id}</Link>,
          },
          { key: 'rfm_segment', render: (c) => i18n.code('segment', c.segment) },
          { key: 'refunded_orders', numeric: true, render: (c) => i18n.number(c.refunded_orders) },
          { key: 'sales_refund_amount', numeric: true, render: (c) => money(c.refund_amount) },
          { key: 'refund_sales_orders', numeric: true, render: (c) => i18n.number(c.paid_orders) },
          { key: 'refund_sales_amount', numeric: true, render: (c) => money(c.gmv) },
          { key: 'last_refund_day', render: (c) => c.last_refund_day ?? '—' },
          {
            key: 'refund_reason',
            render: (c) => c.refund_reasons.map((reason) => i18n.code('refund_reason', reason)).join(', ') || '—',
          },
        ]}
      />
      {r && r.total > r.customers.length ? (
        <p className="muted">
          {t('refunds.moreCustomers').replace('{shown}', i18n.number(r.customers.length)).replace('{total}', i18n.number(r.total))}
        </p>
      ) : null}
    </Panel>
  );
}
