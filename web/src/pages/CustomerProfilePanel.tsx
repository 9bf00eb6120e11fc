/**
 * One customer, whole: picked from a customer list or looked up by id (what support or a campaign
 * hands an operations person). Their RFM segment and scores as of the range's last day — the same
 * scoring as the lists — their record and first facts, every order as it stands now, and their
 * latest activity across every device they signed in on.
 */
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { useCustomerProfile } from '../api/hooks';
import type { CustomerProfileResult } from '../api/types';
import { useShop } from '../app/shop-context';
import { ExportMenu } from '../components/ExportMenu';
import { MetricLabel } from '../components/MetricLabel';
import { Panel } from '../components/Panel';
import { Table } from '../components/Table';
import { useI18n } from '../i18n/i18n';

type Order = CustomerProfileResult['orders'][number];
type Activity = CustomerProfileResult['activity']['latest'][number] & { n: number };

export function CustomerProfilePanel({ customer, onCustomer }: { customer: string | null; onCustomer: (id: string | null) => void }) {
  const { shop, view } = useShop();
  const i18n = useI18n();
  const { t } = i18n;
  const [typed, setTyped] = useState(customer ?? '');
  useEffect(() => setTyped(customer ?? ''), [customer]);
  const query = { to: view.to };
  const res = useCustomerProfile(shop.slug, customer, query);
  const p = res.data;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onCustomer(typed.trim() || null);
  };
  const money = (v: number | null | undefined) => i18n.money(v ?? null, shop.currency);
  const kpi = (name: string, value: string) => (
    <div className="kpi" data-testid={`profile-${name}`}>
      <div className="kpi-label">
        <MetricLabel name={name} definitions={p?.definitions} />
      </div>
      <div className="kpi-value">{value}</div>
    </div>
  );
  return (
    <Panel
      id="customer-profile"
      title={customer ? `${t('profile.title')} · ${customer}` : t('profile.title')}
      loading={res.isLoading && Boolean(customer)}
      error={res.error}
      wide
      // In the header, so the look-up stays while an answer is loading or refused.
      actions={
        <form className="builder panel-form" onSubmit={submit}>
          <input
            aria-label={t('profile.lookup')}
            placeholder={t('profile.lookup')}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
          <button type="submit">{t('profile.show')}</button>
          {customer ? (
            <ExportMenu path={`/api/v1/shops/${shop.slug}/analyses/customers/${encodeURIComponent(customer)}`} query={query} />
          ) : null}
        </form>
      }
    >
      {!customer ? <p className="muted">{t('profile.pick')}</p> : null}
      {p ? (
        <>
          <p data-testid="profile-segment">
            {p.rfm ? (
              <>
                <strong>{i18n.code('segment', p.rfm.segment)}</strong>{' '}
                <span className="muted">
                  R {p.rfm.r} · F {p.rfm.f} · M {p.rfm.m} · {t('profile.asOf').replace('{day}', p.at)}
                </span>
              </>
            ) : (
              <span className="muted">{t('profile.noPaid').replace('{day}', p.at)}</span>
            )}
          </p>
          <div className="kpis kpis-six">
            {kpi('customer_recency_days', p.rfm ? i18n.number(p.rfm.recency_days) : '—')}
            {kpi('customer_orders', p.rfm ? i18n.number(p.rfm.orders) : '0')}
            {kpi('customer_payment_amount', money(p.totals.payment_amount))}
            {kpi('customer_refund_amount', money(p.totals.refund_amount))}
            {kpi('customer_events', i18n.number(p.activity.events))}
            {kpi('customer_visitor_ids', i18n.number(p.activity.visitor_ids))}
          </div>
          <dl className="facts">
            <dt>{t('profile.signedUp')}</dt>
            <dd>{p.record?.signed_up_at ?? '—'}</dd>
            <dt>{t('profile.region')}</dt>
            <dd>{p.record?.region || '—'}</dd>
            <dt>{t('profile.memberLevel')}</dt>
            <dd>{p.record?.member_level || '—'}</dd>
            <dt>{t('profile.firstSeen')}</dt>
            <dd>{p.first.seen_at ? `${p.first.seen_at} · ${i18n.code('channel', p.first.channel ?? '')}` : '—'}</dd>
            <dt>{t('profile.firstPaid')}</dt>
            <dd>
              {p.first.paid_at ? `${p.first.paid_at} · ${p.first.order_id} · ${i18n.code('channel', p.first.order_channel ?? '')}` : '—'}
            </dd>
          </dl>
          <h3>{t('profile.orders')}</h3>
          {p.totals.orders > p.orders.length ? (
            <p className="muted">
              {t('profile.moreOrders').replace('{shown}', i18n.number(p.orders.length)).replace('{total}', i18n.number(p.totals.orders))}
            </p>
          ) : null}
          <Table<Order>
            rowKey={(o) => o.order_id}
            rows={p.orders}
            columns={[
              { key: 'order', label: t('profile.order'), render: (o) => o.order_id },
              { key: 'created', label: t('profile.created'), render: (o) => o.created_at },
              { key: 'paid', label: t('profile.paid'), render: (o) => o.paid_at ?? '—' },
              { key: 'status', label: t('profile.status'), render: (o) => i18n.code('order_status', o.status) },
              { key: 'channel', label: t('profile.channel'), render: (o) => i18n.code('channel', o.channel) },
              {
                key: 'items',
                label: t('profile.bought'),
                wrap: true,
                render: (o) =>
                  o.items.map((item) => `${item.product_name || item.product_id} ×${i18n.number(item.quantity)}`).join(', ') || '—',
              },
              {
                key: 'amount',
                label: t('profile.amount'),
                numeric: true,
                // A coupon's saving under what was paid.
                render: (o) =>
                  withNote(money(o.paid_amount), o.discount_amount ? `${t('profile.discount')} ${money(o.discount_amount)}` : null),
              },
              {
                key: 'refund',
                label: t('profile.refund'),
                numeric: true,
                // The reason under the amount: a column of its own made the table wider than the panel.
                render: (o) => (o.refund_amount ? withNote(money(o.refund_amount), i18n.code('refund_reason', o.refund_reason)) : '—'),
              },
            ]}
          />
          <h3>{t('profile.activity')}</h3>
          <Table<Activity>
            rowKey={(e) => String(e.n)}
            rows={p.activity.latest.map((e, n) => ({ ...e, n }))}
            columns={[
              { key: 'time', label: t('profile.time'), render: (e) => e.ts },
              { key: 'event', label: t('profile.event'), render: (e) => i18n.code('event', e.event) },
              {
                key: 'detail',
                label: t('profile.detail'),
                render: (e) =>
                  [e.product_name ? `${e.product_name} (${e.product_id})` : e.product_id, e.order_id, e.search_term && `“${e.search_term}”`]
                    .filter(Boolean)
                    .join(' · ') || '—',
              },
              { key: 'channel', label: t('profile.channel'), render: (e) => i18n.code('channel', e.channel) },
              {
                key: 'signed_in',
                label: t('profile.session'),
                render: (e) => (e.signed_in ? t('profile.signedIn') : t('profile.sameDevice')),
              },
            ]}
          />
        </>
      ) : null}
    </Panel>
  );
}

/** A figure with a muted note under it (a coupon under the amount paid, a reason under a refund), or the figure alone. */
function withNote(figure: string, note: string | null): ReactNode {
  return note ? (
    <>
      {figure}
      <br />
      <span className="muted">{note}</span>
    </>
  ) : (
    figure
  );
}
