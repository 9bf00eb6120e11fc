/**
 * Customers: RFM segments, the customers of a picked segment, one customer's profile, the audience
 * builder (customers by any conditions), how customers moved between segments, and the lifecycle over time.
 */
import { useSearchParams } from 'react-router-dom';
import { useCustomers } from '../api/hooks';
import type { CustomersResult } from '../api/types';
import { useShop } from '../app/shop-context';
import { ExportMenu } from '../components/ExportMenu';
import { Chart } from '../components/LazyChart';
import { Panel } from '../components/Panel';
import { Table } from '../components/Table';
import { useI18n } from '../i18n/i18n';
import { analysisQuery } from '../state/view-state';
import { AudiencePanel } from './AudiencePanel';
import { CustomerProfilePanel } from './CustomerProfilePanel';
import { SegmentCustomersPanel } from './SegmentCustomersPanel';
import { SegmentMovementPanel } from './SegmentMovementPanel';

type Segment = CustomersResult['segments'][number];

/** A list or a profile sits below what was clicked: bring it into view once it is picked. */
const showPanel = (id: string) =>
  setTimeout(() => document.getElementById(id)?.scrollIntoView({ behavior: 'smooth', block: 'nearest' }), 0);
const showList = () => showPanel('segment-customers');

export default function CustomersPage() {
  const { shop, view, update } = useShop();
  const [params] = useSearchParams();
  const segment = params.get('segment');
  const fromSegment = params.get('from_segment');
  const move = params.get('move');
  // Not `customer`: that is the new-vs-returning filter's parameter.
  const profile = params.get('profile');
  const page = Number(params.get('page') ?? 0) || 0;
  const i18n = useI18n();
  const { t } = i18n;
  const res = useCustomers(shop.slug, analysisQuery(view, { compare: false }));
  const r = res.data;
  return (
    <div className="grid">
      <Panel
        title={t('customers.segments')}
        loading={res.isLoading}
        error={res.error}
        empty={(r?.customers ?? 0) === 0}
        actions={<ExportMenu path={`/api/v1/shops/${shop.slug}/analyses/customers`} query={analysisQuery(view, { compare: false })} />}
      >
        <Chart
          label="customers-segments"
          option={{
            tooltip: { trigger: 'item' },
            series: [
              {
                type: 'pie',
                radius: ['35%', '70%'],
                data: (r?.segments ?? [])
                  .filter((s) => s.customers > 0)
                  .map((s) => ({ name: i18n.code('segment', s.segment), value: s.customers })),
              },
            ],
          }}
        />
        <Table<Segment>
          rowKey={(s) => s.segment}
          rows={r?.segments ?? []}
          onRow={(s) => {
            update({ segment: s.segment, from_segment: null, move: null, page: null });
            showList();
          }}
          selected={segment}
          definitions={r?.definitions}
          columns={[
            { key: 'rfm_segment', render: (s) => <span title={s.meaning}>{i18n.code('segment', s.segment)}</span> },
            {
              key: 'customers',
              definition: 'segment_customers',
              label: t('customers.count'),
              numeric: true,
              render: (s) => i18n.number(s.customers),
            },
            { key: 'share', definition: 'segment_share', label: t('customers.share'), numeric: true, render: (s) => i18n.percent(s.share) },
            {
              key: 'spend',
              definition: 'segment_spend',
              label: t('customers.spend'),
              numeric: true,
              render: (s) => i18n.money(s.spend, shop.currency),
            },
          ]}
        />
      </Panel>
      <SegmentCustomersPanel
        segment={segment}
        fromSegment={fromSegment}
        move={move}
        page={page}
        onPage={(p) => update({ page: p ? String(p) : null })}
        onCustomer={(id) => {
          update({ profile: id });
          showPanel('customer-profile');
        }}
      />
      <CustomerProfilePanel customer={profile} onCustomer={(id) => update({ profile: id })} />
      <AudiencePanel
        onCustomer={(id) => {
          update({ profile: id });
          showPanel('customer-profile');
        }}
      />
      <SegmentMovementPanel
        onMove={(from, to) => {
          update({ segment: to, from_segment: from, move: null, page: null });
          showList();
        }}
        onFlow={(segment, flow) => {
          update({ segment, from_segment: null, move: flow, page: null });
          showList();
        }}
      />
      <Panel title={t('customers.lifecycle')} loading={res.isLoading} error={res.error} empty={(r?.lifecycle.length ?? 0) === 0}>
        <Chart
          label="customers-lifecycle"
          option={{
            legend: { top: 0 },
            xAxis: { type: 'category', data: (r?.lifecycle ?? []).map((l) => l.period.slice(0, 7)) },
            yAxis: { type: 'value' },
            series: (['new', 'returning', 'resurrecting'] as const)
              .map((k) => ({ type: 'bar', stack: 'active', name: i18n.code('lifecycle', k), data: (r?.lifecycle ?? []).map((l) => l[k]) }))
              .concat([
                { type: 'bar', stack: 'gone', name: i18n.code('lifecycle', 'dormant'), data: (r?.lifecycle ?? []).map((l) => -l.dormant) },
              ]),
          }}
        />
      </Panel>
    </div>
  );
}
