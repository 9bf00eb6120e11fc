/**
 * The customers of the RFM segment picked on the customers page: the largest spenders first, a
 * page at a time, and the whole list as a file for the campaign that acts on them.
 */
import { useEffect } from 'react';
import { useCustomerList } from '../api/hooks';
import type { CustomerListResult } from '../api/types';
import { useShop } from '../app/shop-context';
import { ExportMenu } from '../components/ExportMenu';
import { Pager } from '../components/Pager';
import { Panel } from '../components/Panel';
import { Table } from '../components/Table';
import { useI18n } from '../i18n/i18n';
import { analysisQuery } from '../state/view-state';
import { SEGMENT_FLOWS } from './SegmentMovementPanel';

const PAGE = 50;
type Listed = CustomerListResult['customers'][number];

export function SegmentCustomersPanel({
  segment,
  fromSegment,
  move,
  page,
  onPage,
  onCustomer,
}: {
  segment: string | null;
  /** Only those who were in this segment the day before the range (a cell of the segment movement). */
  fromSegment: string | null;
  /** Only those behind one of the segment's flows since the day before the range: in, out or stayed. */
  move: string | null;
  page: number;
  onPage: (page: number) => void;
  /** Opens one customer's profile. */
  onCustomer: (id: string) => void;
}) {
  const { shop, view } = useShop();
  const i18n = useI18n();
  const { t } = i18n;
  const flow = SEGMENT_FLOWS.find((f) => f === move);
  const base = {
    ...analysisQuery(view, { compare: false }),
    ...(segment ? { segment } : {}),
    ...(segment && fromSegment ? { from_segment: fromSegment } : {}),
    // A cell's origin says where they came from already; a flow is asked for on its own.
    ...(segment && flow && !fromSegment ? { move: flow } : {}),
  };
  const movedOut = base.move === 'out';
  const list = useCustomerList(shop.slug, { ...base, limit: String(PAGE), offset: String(page * PAGE) }, Boolean(segment));
  // While another list loads, the one kept from before is not shown under the new list's name:
  // its count and customers would be read as the new one's.
  const r = list.isPlaceholderData ? undefined : list.data;
  const total = r?.total ?? 0;
  const name = segment
    ? `${i18n.code('segment', segment)}${
        fromSegment
          ? ` · ${t('customers.fromSegment')
              .replace('{segment}', i18n.code('segment', fromSegment))
              .replace('{day}', r?.before ?? '')}`
          : base.move
            ? ` · ${t(`customers.move.${base.move}`).replace('{day}', r?.before ?? '')}`
            : ''
      }`
    : '';
  // A page past the end (the range changed under it): back to the first.
  const pastEnd = Boolean(r && page > 0 && page * PAGE >= total);
  useEffect(() => {
    if (pastEnd) onPage(0);
  }, [pastEnd, onPage]);
  return (
    <Panel
      id="segment-customers"
      title={segment ? `${t('customers.list')} · ${name}${r ? ` (${i18n.number(total)})` : ''}` : t('customers.list')}
      loading={(list.isLoading || list.isPlaceholderData) && Boolean(segment)}
      error={list.error}
      empty={!segment || total === 0}
      emptyText={segment ? t('customers.listEmpty') : t('customers.pickSegment')}
      wide
      actions={segment ? <ExportMenu path={`/api/v1/shops/${shop.slug}/analyses/customer-list`} query={base} /> : undefined}
    >
      {r?.meaning ? <p className="muted">{r.meaning}</p> : null}
      <Table<Listed>
        rowKey={(c) => c.customer_id}
        rows={r?.customers ?? []}
        definitions={r?.definitions}
        columns={[
          {
            key: 'customer_id',
            label: t('customers.id'),
            render: (c) => (
              <button type="button" className="link" onClick={() => onCustomer(c.customer_id)}>
                {c.customer_id}
              </button>
            ),
          },
          // Those who moved out are somewhere else now: say where.
          ...(movedOut
            ? [
                {
                  key: 'segment',
                  definition: 'rfm_segment',
                  label: t('customers.segmentNow'),
                  render: (c: Listed) => i18n.code('segment', c.segment),
                },
              ]
            : []),
          { key: 'rfm_scores', label: 'R · F · M', render: (c) => `${c.r} · ${c.f} · ${c.m}` },
          { key: 'customer_recency_days', numeric: true, render: (c) => i18n.number(c.recency_days) },
          { key: 'customer_orders', numeric: true, render: (c) => i18n.number(c.orders) },
          // Who buys on a coupon: whom a coupon would bring back.
          { key: 'customer_discounted_orders', numeric: true, render: (c) => i18n.number(c.discounted_orders) },
          { key: 'customer_spend', numeric: true, render: (c) => i18n.money(c.spend, shop.currency) },
          { key: 'customer_first_paid_day', render: (c) => c.first_paid_day },
          { key: 'customer_last_paid_day', render: (c) => c.last_paid_day },
        ]}
      />
      <Pager page={page} size={PAGE} total={total} onPage={onPage} />
    </Panel>
  );
}
