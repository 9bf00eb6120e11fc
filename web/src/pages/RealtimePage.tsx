/**
 * Real time: today by hour against yesterday and the same weekday last week. Each figure's card
 * picks what the hourly chart shows (kept in the URL as `metric`, so a link shows the same).
 */
import { useSearchParams } from 'react-router-dom';
import { useRealtime } from '../api/hooks';
import type { RealtimeChannel, RealtimeLiveRoom, RealtimeProduct, RealtimeResult } from '../api/types';
import { useShop } from '../app/shop-context';
import { ExportMenu } from '../components/ExportMenu';
import { Chart } from '../components/LazyChart';
import { MetricLabel } from '../components/MetricLabel';
import { Panel } from '../components/Panel';
import { type Column, Table } from '../components/Table';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { hourly } from '../prepare/series';
import { analysisQuery } from '../state/view-state';

const METRICS = ['gmv', 'uv', 'paid_orders', 'paying_buyers', 'pv'] as const;
type RealtimeMetric = (typeof METRICS)[number];

/** Today's product rankings: the choice, its export table and its rows. */
const PRODUCT_RANKINGS = ['gmv', 'visitors', 'cart'] as const;
type ProductRanking = (typeof PRODUCT_RANKINGS)[number];
const RANKING_TABLE: Record<ProductRanking, string> = { gmv: 'products', visitors: 'products_by_visitors', cart: 'products_by_cart_adds' };
const RANKING_ROWS: Record<ProductRanking, (r: RealtimeResult) => RealtimeProduct[]> = {
  gmv: (r) => r.products,
  visitors: (r) => r.productsByVisitors,
  cart: (r) => r.productsByCartAdds,
};

export default function RealtimePage() {
  const { shop, view } = useShop();
  const i18n = useI18n();
  const { t } = i18n;
  const q = analysisQuery(view, { compare: false });
  const rt = useRealtime(shop.slug, { ...q, from: undefined, to: undefined });
  const r = rt.data;
  const [params, setParams] = useSearchParams();
  const shown: RealtimeMetric = (METRICS as readonly string[]).includes(params.get('metric') ?? '')
    ? (params.get('metric') as RealtimeMetric)
    : 'gmv';
  // Page choices kept in the URL (so a link shows the same), absent when they are the default.
  const choose = (name: string, value: string, fallback: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value === fallback) next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: true },
    );
  // Today's products ranked by payment (default), by visitors or by cart adds (what a live stream is selling).
  const rankBy = PRODUCT_RANKINGS.find((k) => k === params.get('rank')) ?? 'gmv';
  const rank = (k: ProductRanking) => choose('rank', k, 'gmv');
  const pick = (m: RealtimeMetric) => choose('metric', m, 'gmv');
  // A shop whose data comes only from files (as the demo's) has nothing today until an import or
  // the storefront's live feed brings some: say so rather than leave a row of unexplained zeros.
  const nothingToday = r ? METRICS.every((m) => !((r.days[0]?.soFar[m] as number | null) ?? 0)) : false;
  // A channel's or a live room's figures today, each beside yesterday up to the same hour.
  const versusColumns: Array<Column<RealtimeChannel | RealtimeLiveRoom>> = [
    {
      key: 'visitors',
      definition: 'channel_visitors',
      numeric: true,
      render: (c) => <Versus today={i18n.number(c.visitors)} yesterday={i18n.number(c.yesterday_visitors)} />,
    },
    {
      key: 'paid_orders',
      definition: 'last_touch_orders',
      numeric: true,
      render: (c) => <Versus today={i18n.number(c.paid_orders)} yesterday={i18n.number(c.yesterday_paid_orders)} />,
    },
    {
      key: 'gmv',
      definition: 'last_touch_gmv',
      numeric: true,
      render: (c) => <Versus today={i18n.money(c.gmv, shop.currency)} yesterday={i18n.money(c.yesterday_gmv, shop.currency)} />,
    },
  ];
  return (
    <div className="grid">
      <Panel title={t('realtime.soFar')} loading={rt.isLoading} error={rt.error} wide>
        {r ? (
          <fieldset className="kpis" aria-label={t('realtime.pickMetric')}>
            {METRICS.map((m) => {
              const [today, yesterday, lastWeek] = r.days.map((d) => (d.soFar[m] as number | null) ?? 0);
              return (
                <button
                  type="button"
                  className={`kpi kpi-pick${m === shown ? ' selected' : ''}`}
                  key={m}
                  aria-pressed={m === shown}
                  onClick={() => pick(m)}
                >
                  <span className="kpi-label">
                    <MetricLabel name={m} definitions={r.definitions} />
                  </span>
                  <span className="kpi-value">{m === 'gmv' ? i18n.money(today ?? 0, shop.currency) : i18n.number(today ?? 0)}</span>
                  <span className="muted">
                    {t('realtime.yesterday')} {m === 'gmv' ? i18n.money(yesterday ?? 0, shop.currency) : i18n.number(yesterday ?? 0)} ·{' '}
                    {t('realtime.last_week')} {m === 'gmv' ? i18n.money(lastWeek ?? 0, shop.currency) : i18n.number(lastWeek ?? 0)}
                  </span>
                </button>
              );
            })}
          </fieldset>
        ) : null}
        {nothingToday ? (
          <p className="muted" data-testid="nothing-today">
            {t('realtime.nothingYet')}
          </p>
        ) : null}
      </Panel>
      <Panel
        title={t('realtime.byHour').replace('{metric}', i18n.metric(r?.definitions, shown))}
        loading={rt.isLoading}
        error={rt.error}
        wide
        actions={
          <ExportMenu
            path={`/api/v1/shops/${shop.slug}/analyses/realtime`}
            query={{ ...q, from: undefined, to: undefined }}
            table="hourly"
          />
        }
      >
        {r ? (
          <Chart
            label="realtime-hourly"
            option={{
              legend: { top: 0 },
              xAxis: { type: 'category', data: Array.from({ length: 24 }, (_, h) => `${h}:00`) },
              yAxis: { type: 'value' },
              series: r.days.map((d) => ({
                type: 'line',
                name: t(`realtime.${d.label}` as MessageKey),
                data: hourly(d.hourly, shown),
                lineStyle: d.label === 'today' ? { width: 3 } : { width: 1.5, type: 'dashed' },
              })),
            }}
          />
        ) : null}
      </Panel>
      <Panel
        title={t('realtime.channels')}
        loading={rt.isLoading}
        error={rt.error}
        empty={r !== undefined && r.channels.length === 0}
        emptyText={t('realtime.noneYet')}
        actions={
          <ExportMenu
            path={`/api/v1/shops/${shop.slug}/analyses/realtime`}
            query={{ ...q, from: undefined, to: undefined }}
            table="channels"
          />
        }
      >
        <Table<RealtimeChannel>
          rowKey={(c) => c.channel}
          rows={r?.channels ?? []}
          definitions={r?.definitions}
          columns={[{ key: 'channel', label: t('filter.channel'), render: (c) => i18n.code('channel', c.channel) }, ...versusColumns]}
        />
      </Panel>
      {/* Live rooms as channels are, for a shop that streams (直播间实时: which room sells right now). */}
      {r && r.liveRooms.length > 0 ? (
        <Panel
          title={t('realtime.liveRooms')}
          actions={
            <ExportMenu
              path={`/api/v1/shops/${shop.slug}/analyses/realtime`}
              query={{ ...q, from: undefined, to: undefined }}
              table="live_rooms"
            />
          }
        >
          <Table<RealtimeLiveRoom>
            rowKey={(c) => c.live_room}
            rows={r.liveRooms}
            definitions={r.definitions}
            columns={[{ key: 'live_room', label: t('filter.live_room'), render: (c) => c.live_room }, ...versusColumns]}
          />
        </Panel>
      ) : null}
      <Panel
        title={t('realtime.products')}
        loading={rt.isLoading}
        error={rt.error}
        empty={r !== undefined && r.products.length === 0 && r.productsByVisitors.length === 0 && r.productsByCartAdds.length === 0}
        emptyText={t('realtime.noneYet')}
        actions={
          <ExportMenu
            path={`/api/v1/shops/${shop.slug}/analyses/realtime`}
            query={{ ...q, from: undefined, to: undefined }}
            table={RANKING_TABLE[rankBy]}
          />
        }
      >
        <fieldset className="presets" aria-label={t('realtime.rankBy')}>
          {PRODUCT_RANKINGS.map((k) => (
            <button
              key={k}
              type="button"
              className={rankBy === k ? 'active' : undefined}
              aria-pressed={rankBy === k}
              onClick={() => rank(k)}
            >
              {t(`realtime.rankBy.${k}` as MessageKey)}
            </button>
          ))}
        </fieldset>
        <Table<RealtimeProduct>
          rowKey={(p) => p.product_id}
          rows={(r ? RANKING_ROWS[rankBy](r) : undefined) ?? []}
          definitions={r?.definitions}
          columns={[
            {
              key: 'name',
              label: t('common.name'),
              // The category beneath the name: the panel is half the page wide.
              render: (p) => (
                <>
                  {p.name || p.product_id}
                  {p.category ? <span className="muted versus">{p.category}</span> : null}
                </>
              ),
            },
            { key: 'visitors', definition: 'product_visitors', numeric: true, render: (p) => i18n.number(p.visitors) },
            { key: 'cart_adds', definition: 'product_cart_adds', numeric: true, render: (p) => i18n.number(p.cart_adds) },
            { key: 'paid_orders', definition: 'product_paid_orders', numeric: true, render: (p) => i18n.number(p.paid_orders) },
            { key: 'units', definition: 'product_units', numeric: true, render: (p) => i18n.number(p.units) },
            { key: 'gmv', definition: 'product_gmv', numeric: true, render: (p) => i18n.money(p.gmv, shop.currency) },
          ]}
        />
      </Panel>
    </div>
  );
}

/** Today's figure, with yesterday's up to the same hour beneath it. */
function Versus({ today, yesterday }: { today: string; yesterday: string }) {
  const { t } = useI18n();
  return (
    <>
      {today}
      <span className="muted versus" title={t('realtime.vsYesterday')}>
        {t('realtime.yesterday')} {yesterday}
      </span>
    </>
  );
}
