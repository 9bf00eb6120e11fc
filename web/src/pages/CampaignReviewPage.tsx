/**
 * Campaign review (活动复盘): the range chosen above is the campaign — a marked promotion's days
 * picked from the list, or any — set against the usual days before it (per day) and the days after
 * it: the extra payment amount and what the days after gave back, every figure's uplift, where the
 * extra came from (channels by last touch, the top products) and whether the first-time buyers it
 * won came back. The usual days and the days after are the page's own URL keys (usual_from,
 * usual_to, after_days), sent to the API as they are; every figure is the API's.
 */

import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Query } from '../api/client';
import { useAnnotations, useCampaignReview } from '../api/hooks';
import type { CampaignFigure, CampaignReviewResult } from '../api/types';
import { useShop } from '../app/shop-context';
import { ChangeText } from '../components/change-columns';
import { ExportMenu } from '../components/ExportMenu';
import { Chart } from '../components/LazyChart';
import { MetricLabel } from '../components/MetricLabel';
import { Panel } from '../components/Panel';
import { type Column, Table } from '../components/Table';
import { useI18n } from '../i18n/i18n';
import { daysText } from '../prepare/marked-days';
import { addDays, analysisQuery, todayIn } from '../state/view-state';
import { CampaignTrendPanel } from './CampaignTrendPanel';

type Channel = CampaignReviewResult['channels'][number];
type Product = CampaignReviewResult['products'][number];
type FirstBuyers = CampaignReviewResult['first_buyers'][number];
type ExtraRow = Pick<Channel, 'usual_gmv_per_day' | 'uplift' | 'extra_gmv' | 'extra_share'>;

/** Uplift and change: good news green, bad red (none of the compared figures is better lower, but refunds). */
const LOWER_IS_BETTER = new Set(['refunded_order_rate']);

export default function CampaignReviewPage() {
  const { shop, view, update } = useShop();
  const i18n = useI18n();
  const { t } = i18n;
  const [params] = useSearchParams();
  const own = {
    usual_from: params.get('usual_from') ?? undefined,
    usual_to: params.get('usual_to') ?? undefined,
    after_days: params.get('after_days') ?? undefined,
    // Another campaign to set beside this one (a marked one picked below).
    compare_from: params.get('compare_from') ?? undefined,
    compare_to: params.get('compare_to') ?? undefined,
  };
  const query = { ...analysisQuery(view, { compare: false }), ...own };
  const review = useCampaignReview(shop.slug, query);
  const r = review.data;
  // The marked days of the last year, to review one with a click.
  const today = todayIn(shop.timeZone);
  const marks = useAnnotations(shop.slug, { from: addDays(today, -366), to: addDays(today, -1) });
  const path = `/api/v1/shops/${shop.slug}/analyses/campaign-review`;
  const money = (v: number | null | undefined) => i18n.money(v, shop.currency);
  const unitOf = (m: string) => r?.definitions[m]?.unit;
  const fig = (m: string, v: number | null | undefined) => i18n.figure(unitOf(m), v, shop.currency);
  // Uplifts read as every change does (ChangeText: ▲ / ▼, good or bad colour).
  const signed = (v: number | null | undefined, lowerIsBetter = false) => (
    <ChangeText change={v == null ? { kind: 'none' } : { kind: 'ratio', ratio: v }} lowerIsBetter={lowerIsBetter} />
  );
  const signedMoney = (v: number | null | undefined) =>
    v == null ? '—' : <span className={v === 0 ? undefined : v > 0 ? 'good' : 'bad'}>{(v > 0 ? '+' : '') + money(v)}</span>;
  // The columns every row of extra shares, a channel's or a product's: usual per day, uplift, extra, share of it.
  const extraColumns = <T extends ExtraRow>(): Column<T>[] => [
    { key: 'usual', label: t('campaign.usualCol'), definition: 'usual_days', numeric: true, render: (x) => money(x.usual_gmv_per_day) },
    { key: 'uplift', numeric: true, render: (x) => signed(x.uplift) },
    { key: 'row_extra_gmv', numeric: true, render: (x) => signedMoney(x.extra_gmv) },
    { key: 'extra_share', numeric: true, render: (x) => i18n.percent(x.extra_share) },
  ];
  const dayCount = (n: number) => t(n === 1 ? 'campaign.oneDay' : 'campaign.days').replace('{n}', String(n));

  const download = { path, query };

  return (
    <div className="grid">
      <ReviewPanel
        result={review}
        download={download}
        id="campaign-review"
        title={r ? `${t('campaign.title')} · ${daysText(r.campaign)}` : t('campaign.title')}
        table="summary"
      >
        <p className="muted">{t('campaign.intro')}</p>
        <form className="builder panel-form" aria-label={t('campaign.usual')} onSubmit={(e) => e.preventDefault()}>
          <label>
            {t('campaign.pickMark')}{' '}
            <select
              aria-label={t('campaign.pickMark')}
              value=""
              onChange={(e) => {
                const m = marks.data?.annotations.find((a) => String(a.id) === e.target.value);
                if (m) update({ range: 'custom', from: m.from, to: m.to, usual_from: null, usual_to: null });
              }}
            >
              <option value="">{marks.data?.annotations.length ? '…' : t('campaign.pickMarkNone')}</option>
              {marks.data?.annotations.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.title} · {daysText(m)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('campaign.compareWith')}{' '}
            <select
              aria-label={t('campaign.compareWith')}
              value={marks.data?.annotations.find((m) => m.from === own.compare_from && m.to === own.compare_to)?.id ?? ''}
              onChange={(e) => {
                const m = marks.data?.annotations.find((a) => String(a.id) === e.target.value);
                update({ compare_from: m?.from ?? null, compare_to: m?.to ?? null });
              }}
            >
              <option value="">{t('campaign.compareNone')}</option>
              {marks.data?.annotations
                .filter((m) => m.from !== view.from || m.to !== view.to)
                .map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.title} · {daysText(m)}
                  </option>
                ))}
            </select>
          </label>
          <label>
            {t('campaign.usual')}{' '}
            <input
              type="date"
              aria-label={`${t('campaign.usual')} ${t('marks.from')}`}
              value={own.usual_from ?? r?.usual.from ?? ''}
              onChange={(e) => update({ usual_from: e.target.value || null })}
            />{' '}
            –{' '}
            <input
              type="date"
              aria-label={`${t('campaign.usual')} ${t('marks.to')}`}
              value={own.usual_to ?? r?.usual.to ?? ''}
              onChange={(e) => update({ usual_to: e.target.value || null })}
            />
          </label>
          {own.usual_from || own.usual_to ? (
            <button type="button" className="link" onClick={() => update({ usual_from: null, usual_to: null })}>
              {t('campaign.usualDefault')}
            </button>
          ) : null}
          <label>
            {t('campaign.afterDays')}{' '}
            <input
              type="number"
              min={0}
              max={28}
              aria-label={t('campaign.afterDays')}
              value={own.after_days ?? '7'}
              onChange={(e) => update({ after_days: e.target.value === '7' ? null : e.target.value })}
            />
          </label>
        </form>
        {r ? (
          <>
            <p className="muted" data-testid="campaign-windows">
              {t('campaign.windows')
                .replace('{c}', `${daysText(r.campaign)} (${dayCount(r.campaign.days)})`)
                .replace('{u}', `${daysText(r.usual)} (${dayCount(r.usual.days)})`)
                .replace('{a}', r.after ? `${daysText(r.after)} (${dayCount(r.after.days)})` : t('campaign.noAfter'))}
            </p>
            {r.campaign.asked_to ? <p className="muted">{t('campaign.cut').replace('{day}', addDays(r.campaign.to, 1))}</p> : null}
            {/* Usual days before the shop's data began: every uplift would be against nothing. */}
            {r.figures.every((f) => !f.usual_per_day) ? (
              <p className="muted" data-testid="usual-empty">
                {t('campaign.usualEmpty')}
              </p>
            ) : null}
            <div className="kpis kpis-wide">
              {(['extra_gmv', 'after_gmv_gap', 'net_extra_gmv'] as const).map((k) => (
                <div className="kpi" key={k} data-metric={k}>
                  <span className="kpi-label">
                    <MetricLabel name={k} definitions={r.definitions} />
                  </span>
                  <span className="kpi-value">{signedMoney(r.summary[k])}</span>
                </div>
              ))}
            </div>
          </>
        ) : null}
      </ReviewPanel>
      {r ? <CampaignTrendPanel r={r} query={query} /> : null}
      <ReviewPanel result={review} download={download} id="campaign-figures" title={t('campaign.figures')} table="figures">
        {r ? (
          <>
            <Table<CampaignFigure>
              rowKey={(f) => f.metric}
              rows={r.figures}
              definitions={r.definitions}
              columns={[
                { key: 'figure', label: t('campaign.figure'), render: (f) => <MetricLabel name={f.metric} definitions={r.definitions} /> },
                { key: 'campaign', label: t('campaign.campaign'), numeric: true, render: (f) => fig(f.metric, f.campaign) },
                {
                  key: 'per_day',
                  numeric: true,
                  render: (f) => (f.campaign_per_day == null ? '' : fig(f.metric, f.campaign_per_day)),
                },
                {
                  key: 'usual',
                  label: t('campaign.usualCol'),
                  definition: 'usual_days',
                  numeric: true,
                  render: (f) => fig(f.metric, f.usual_per_day ?? f.usual),
                },
                { key: 'uplift', numeric: true, render: (f) => signed(f.uplift, LOWER_IS_BETTER.has(f.metric)) },
                {
                  key: 'after',
                  label: t('campaign.afterCol'),
                  definition: 'after_days',
                  numeric: true,
                  render: (f) => (r.after ? fig(f.metric, f.after_per_day ?? f.after) : '—'),
                },
                { key: 'after_change', numeric: true, render: (f) => signed(f.after_change, LOWER_IS_BETTER.has(f.metric)) },
                ...(r.compared
                  ? [
                      {
                        key: 'compared',
                        label: `${t('campaign.comparedCol')} ${daysText(r.compared)}`,
                        definition: 'compared_days',
                        numeric: true,
                        render: (f: CampaignFigure) => fig(f.metric, f.compared_per_day ?? f.compared),
                      },
                      {
                        key: 'vs_compared',
                        numeric: true,
                        render: (f: CampaignFigure) => signed(f.vs_compared, LOWER_IS_BETTER.has(f.metric)),
                      },
                    ]
                  : []),
              ]}
            />
            {r.provisional_refunds_from ? (
              <p className="muted">{t('campaign.provisional').replace('{day}', r.provisional_refunds_from)}</p>
            ) : null}
          </>
        ) : null}
      </ReviewPanel>
      <ReviewPanel
        result={review}
        download={download}
        id="campaign-channels"
        title={t('campaign.channels')}
        table="channels"
        empty={r ? r.channels.length === 0 : undefined}
      >
        {r ? (
          <>
            <Chart
              label="campaign-channels"
              height={Math.max(160, 36 * r.channels.length)}
              formatValue={(v) => money(v)}
              option={{
                tooltip: { trigger: 'axis' },
                grid: { left: 110 },
                xAxis: { type: 'value' },
                // The largest extra on top.
                yAxis: { type: 'category', inverse: true, data: r.channels.map((c) => i18n.code('channel', c.channel)) },
                series: [
                  {
                    type: 'bar',
                    name: i18n.metric(r.definitions, 'row_extra_gmv'),
                    data: r.channels.map((c) => ({ value: c.extra_gmv, itemStyle: { color: c.extra_gmv < 0 ? '#c0504d' : '#2f7ed8' } })),
                  },
                ],
              }}
            />
            <Table<Channel>
              rowKey={(c) => c.channel}
              rows={r.channels}
              definitions={r.definitions}
              columns={[
                { key: 'channel', label: t('filter.channel'), render: (c) => i18n.code('channel', c.channel) },
                { key: 'campaign_visitors', definition: 'uv', numeric: true, render: (c) => i18n.number(c.campaign_visitors) },
                { key: 'campaign_orders', definition: 'last_touch_orders', numeric: true, render: (c) => i18n.number(c.campaign_orders) },
                { key: 'campaign_gmv', definition: 'last_touch_gmv', numeric: true, render: (c) => money(c.campaign_gmv) },
                { key: 'per_day', numeric: true, render: (c) => money(c.campaign_gmv_per_day) },
                ...extraColumns<Channel>(),
              ]}
            />
          </>
        ) : null}
      </ReviewPanel>
      <ReviewPanel
        result={review}
        download={download}
        id="campaign-products"
        title={t('campaign.products')}
        table="products"
        empty={r ? r.products.length === 0 : undefined}
      >
        {r ? (
          <Table<Product>
            rowKey={(p) => p.product_id}
            rows={r.products}
            definitions={r.definitions}
            columns={[
              { key: 'product', label: t('campaign.product'), wrap: true, render: (p) => p.name || p.product_id },
              { key: 'campaign_units', definition: 'product_units', numeric: true, render: (p) => i18n.number(p.campaign_units) },
              { key: 'campaign_buyers', definition: 'product_buyers', numeric: true, render: (p) => i18n.number(p.campaign_buyers) },
              { key: 'campaign_gmv', definition: 'product_gmv', numeric: true, render: (p) => money(p.campaign_gmv) },
              ...extraColumns<Product>(),
            ]}
          />
        ) : null}
      </ReviewPanel>
      <ReviewPanel
        result={review}
        download={download}
        id="campaign-first-buyers"
        title={t('campaign.firstBuyers')}
        table="first_buyers"
        wide={false}
      >
        {r ? (
          <Table<FirstBuyers>
            rowKey={(b) => b.window}
            rows={r.first_buyers}
            definitions={r.definitions}
            columns={[
              {
                key: 'window',
                label: t('campaign.window'),
                render: (b) => `${t(b.window === 'campaign' ? 'campaign.windowCampaign' : 'campaign.windowUsual')} · ${daysText(b)}`,
              },
              { key: 'campaign_first_buyers', numeric: true, render: (b) => i18n.number(b.first_buyers) },
              { key: 'repurchase_eligible', numeric: true, render: (b) => i18n.number(b.eligible) },
              { key: 'first_buyers_30d_rate', numeric: true, render: (b) => i18n.percent(b.rate) },
            ]}
          />
        ) : null}
      </ReviewPanel>
    </div>
  );
}

/**
 * A panel of the review's result: its loading and error, and the download of its table. Declared
 * here, not inside the page: a component made anew on each render would remount its charts and
 * inputs on every change.
 */
function ReviewPanel({
  table,
  children,
  wide = true,
  result,
  download,
  ...rest
}: {
  id: string;
  title: string;
  table: string;
  empty?: boolean;
  wide?: boolean;
  result: { isLoading: boolean; error: unknown };
  download: { path: string; query: Query };
  children: ReactNode;
}) {
  return (
    <Panel
      {...rest}
      wide={wide}
      loading={result.isLoading}
      error={result.error}
      actions={<ExportMenu path={download.path} query={download.query} table={table} />}
    >
      {children}
    </Panel>
  );
}
