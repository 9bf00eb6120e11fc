import { Link, useSearchParams } from 'react-router-dom';
/**
 * Traffic: channels with their trend, drill into source / medium / campaign, live room, sharer; by
 * device, region, hour of the day or weekday; in-shop search terms. A live room's name opens the
 * Overview for that room alone (the live room filter).
 */
import { useMarkArea, useOverview, useTraffic } from '../api/hooks';
import type { TrafficRow } from '../api/types';
import { useShop } from '../app/shop-context';
import { changeColumns } from '../components/change-columns';
import { ExportMenu } from '../components/ExportMenu';
import { Chart } from '../components/LazyChart';
import { Panel } from '../components/Panel';
import { Table } from '../components/Table';
import { useI18n } from '../i18n/i18n';
import { analysisQuery } from '../state/view-state';
import { SearchTermsPanel } from './SearchTermsPanel';

const DIMENSIONS = ['channel', 'source', 'medium', 'campaign', 'live_room', 'sharer', 'device', 'region', 'hour', 'weekday'];
/** Dimensions drawn as their whole cycle in order (every hour, every day of the week), a missing one as zero. */
const CYCLES: Record<string, string[]> = {
  hour: Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')),
  weekday: ['1', '2', '3', '4', '5', '6', '7'],
};

export default function TrafficPage() {
  const { shop, view, update } = useShop();
  const i18n = useI18n();
  const [params] = useSearchParams();
  const { t } = i18n;
  const by = params.get('by') ?? 'channel';
  const q = analysisQuery(view, { compare: false });
  const traffic = useTraffic(shop.slug, { ...analysisQuery(view), by });
  const rows = traffic.data?.rows ?? [];
  const earlier = traffic.data?.comparison;
  const money = (v: unknown) => i18n.money(v as number | null, shop.currency);
  const n = (v: unknown) => i18n.number(v as number | null);
  const pct = (v: unknown) => i18n.percent(v as number | null);
  // Channels by name; sources, campaigns and the rest are the merchant's own words.
  const name = (value: string) => (value === '' ? '(none)' : by === 'hour' ? `${value}:00` : i18n.value(by, value));
  const valueName = (r: TrafficRow) => name(r.value);
  // One live room's review: the Overview with this page's range, comparison and filters, and the
  // room as the live room filter (this page's own keys stay behind).
  const roomOverview = (room: string) => {
    const next = new URLSearchParams(params);
    for (const k of ['by', 'terms_by']) next.delete(k);
    next.set('live_room', room);
    return `/shops/${shop.slug}/overview?${next}`;
  };
  const valueCell = (r: TrafficRow) =>
    by === 'live_room' && r.value !== '' ? (
      <Link to={roomOverview(r.value)} title={t('traffic.roomReview')}>
        {valueName(r)}
      </Link>
    ) : (
      valueName(r)
    );
  const cycle = CYCLES[by];
  const byValue = new Map(rows.map((r) => [r.value, r]));
  const trend = useOverview(shop.slug, { ...q, compare: 'none' });
  // The range's marked days, shaded on the visitors' trend.
  const trendMarks = useMarkArea(shop.slug, trend.data?.daily.map((d) => d.day) ?? []);
  return (
    <div className="grid">
      <Panel
        id="traffic-table"
        title={t('traffic.table')}
        loading={traffic.isLoading}
        error={traffic.error}
        empty={rows.length === 0}
        wide
        actions={
          <label>
            <ExportMenu path={`/api/v1/shops/${shop.slug}/analyses/traffic`} query={{ ...q, by }} /> {t('traffic.by')}{' '}
            <select
              aria-label={t('traffic.by')}
              value={by}
              onChange={(e) => update({ by: e.target.value === 'channel' ? null : e.target.value })}
            >
              {DIMENSIONS.map((d) => (
                <option key={d} value={d}>
                  {i18n.code('property', d)}
                </option>
              ))}
            </select>
          </label>
        }
      >
        <Table<TrafficRow>
          rowKey={(r) => r.value}
          rows={rows}
          definitions={traffic.data?.definitions}
          onRow={by === 'channel' ? (r) => update({ by: 'source', channel: r.value }) : undefined}
          columns={[
            { key: 'value', label: i18n.code('property', by), render: valueCell },
            // The served definitions name these two after the channel breakdown they belong to.
            { key: 'visitors', definition: 'channel_visitors', numeric: true, render: (r) => n(r.visitors) },
            { key: 'new_visitors', numeric: true, render: (r) => n(r.new_visitors) },
            { key: 'visitor_share', numeric: true, render: (r) => pct(r.visitor_share) },
            { key: 'pass_through_buyers', numeric: true, render: (r) => n(r.pass_through_buyers) },
            { key: 'pass_through_conversion', numeric: true, render: (r) => pct(r.pass_through_conversion) },
            { key: 'last_touch_gmv', numeric: true, render: (r) => money(r.last_touch_gmv) },
            { key: 'last_touch_gmv_share', numeric: true, render: (r) => pct(r.last_touch_gmv_share) },
            { key: 'uv_value', definition: 'channel_uv_value', numeric: true, render: (r) => money(r.uv_value) },
            // With the comparison toggle on: each row's change against the same value's row before.
            ...changeColumns(earlier?.result.rows, rows, (r) => r.value, [
              { metric: 'channel_visitors', label: t('common.visitors'), value: (r) => r.visitors as number, additive: true },
              {
                metric: 'last_touch_gmv',
                label: i18n.metric(traffic.data?.definitions, 'last_touch_gmv'),
                value: (r) => r.last_touch_gmv as number,
                additive: true,
              },
            ]),
          ]}
        />
        {by === 'live_room' && rows.some((r) => r.value !== '') ? <p className="muted">{t('traffic.roomHint')}</p> : null}
      </Panel>
      <Panel
        title={`${t('traffic.chart')} ${i18n.code('property', by).toLowerCase()}`}
        loading={traffic.isLoading}
        error={traffic.error}
        empty={rows.length === 0}
      >
        {cycle ? (
          // The day's or the week's shape: every hour or day in order, one without visits as zero (the counts add).
          <Chart
            label="traffic-visitors"
            option={{
              legend: { top: 0 },
              tooltip: { trigger: 'axis' },
              xAxis: { type: 'category', data: cycle.map(name) },
              yAxis: [{ type: 'value' }, { type: 'value', splitLine: { show: false } }],
              series: [
                {
                  type: 'bar',
                  name: i18n.metric(traffic.data?.definitions, 'channel_visitors'),
                  data: cycle.map((v) => byValue.get(v)?.visitors ?? 0),
                },
                {
                  type: 'line',
                  name: i18n.metric(traffic.data?.definitions, 'last_touch_orders'),
                  yAxisIndex: 1,
                  data: cycle.map((v) => byValue.get(v)?.last_touch_orders ?? 0),
                },
              ],
            }}
          />
        ) : (
          <Chart
            label="traffic-visitors"
            option={{
              tooltip: { trigger: 'item' },
              series: [
                { type: 'pie', radius: ['40%', '70%'], data: rows.map((r) => ({ name: valueName(r), value: r.visitors as number })) },
              ],
            }}
          />
        )}
      </Panel>
      <Panel
        title={`${i18n.metric(trend.data?.definitions, 'uv')} · ${view.from} – ${view.to}`}
        loading={trend.isLoading}
        error={trend.error}
      >
        {trend.data ? (
          <Chart
            label="traffic-trend"
            option={{
              xAxis: { type: 'category', data: trend.data.daily.map((d) => d.day) },
              yAxis: { type: 'value' },
              series: [
                {
                  type: 'line',
                  name: i18n.metric(trend.data.definitions, 'uv'),
                  data: trend.data.daily.map((d) => d.uv),
                  ...(trendMarks ? { markArea: trendMarks } : {}),
                },
              ],
            }}
          />
        ) : null}
      </Panel>
      <SearchTermsPanel />
    </div>
  );
}
