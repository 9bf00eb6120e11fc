/**
 * Campaign review (活动复盘): what a promotion, live stream or ads push did — its days set beside
 * the usual days before it (per day, since the windows differ in length) and the days after it
 * (did it pull sales forward?), where the extra money came from (channels by last touch, the top
 * products), and whether the first-time buyers it won came back as often as ordinary ones.
 *
 * Nothing is computed twice: the figures are the overview's, the channels traffic's, the products
 * the ranking's, the refund rate the refunds of sales', the first-time buyers repurchase's 30-day
 * rule (through the diagnosis's lean query of it), each asked for the window's days; this file
 * only sets them side by side (metrics-campaign.ts has the definitions of what it adds).
 */
import type { ShopScope } from '@storelens/sql';
import type { Shop } from '../metadata/index.js';
import type { CampaignWindows, ReviewWindow } from './campaign-windows.js';
import { type AnalysisFilters, activeFilters, filteredQuery } from './filters.js';
import { CAMPAIGN_METRICS } from './metrics-campaign.js';
import { definitionsOf, type MetricDefinition, type MetricName } from './metrics-catalogue.js';
import { type OverviewResult, overview } from './overview.analysis.js';
import { products } from './products.analysis.js';
import { refunds } from './refunds.analysis.js';
import { cents, ratio } from './rounding.js';
import { traffic } from './traffic.analysis.js';

export const CAMPAIGN_TOP_PRODUCTS = 20;

/** Counts and amounts: compared per day. */
const ADDITIVE = ['uv', 'cart_visitors', 'paying_buyers', 'paid_orders', 'gmv', 'new_buyers', 'discount_amount'] as const;
/**
 * Rates and averages, compared as they are — from the overview's own numerator and denominator,
 * not its rounded figure (113.33 for 340 / 3 would shift the uplift in the fifth decimal).
 */
const RATES = {
  conversion_rate: ['paying_buyers', 'uv'],
  aov: ['gmv', 'paying_buyers'],
  uv_value: ['gmv', 'uv'],
  discount_rate: ['discount_amount', 'items_amount'],
} as const;

export interface CampaignFigure {
  metric: string;
  campaign: number | null;
  usual: number | null;
  after: number | null;
  campaign_per_day: number | null;
  usual_per_day: number | null;
  after_per_day: number | null;
  uplift: number | null;
  after_change: number | null;
  /** With another campaign's days: its figure (per day for counts and amounts) and this one's change against it. */
  compared?: number | null;
  compared_per_day?: number | null;
  vs_compared?: number | null;
}

interface ExtraOf {
  campaign_gmv: number;
  campaign_gmv_per_day: number;
  usual_gmv_per_day: number;
  uplift: number | null;
  extra_gmv: number;
  extra_share: number | null;
}

export type CampaignChannel = { channel: string; campaign_visitors: number; campaign_orders: number } & ExtraOf;
export type CampaignProduct = {
  product_id: string;
  name: string;
  category: string;
  campaign_units: number;
  campaign_buyers: number;
} & ExtraOf;

export interface FirstBuyers {
  window: 'campaign' | 'usual';
  from: string;
  to: string;
  first_buyers: number;
  eligible: number;
  repurchased: number;
  rate: number | null;
}

export interface CampaignReviewResult {
  shop: string;
  currency: string;
  timeZone: string;
  filters: AnalysisFilters;
  campaign: CampaignWindows['campaign'];
  usual: ReviewWindow;
  after: ReviewWindow | null;
  /** Another campaign's days set beside these (compare_from..compare_to), or null. */
  compared: ReviewWindow | null;
  summary: { extra_gmv: number; after_gmv_gap: number | null; net_extra_gmv: number | null };
  figures: CampaignFigure[];
  /** By last-touch channel, the largest extra payment amount first. */
  channels: CampaignChannel[];
  /** The campaign's top products by payment amount, with the same products' usual. */
  products: CampaignProduct[];
  first_buyers: FirstBuyers[];
  /** The first paying day of the campaign whose refunds may still come (its refund rate can only rise), or null. */
  provisional_refunds_from: string | null;
  definitions: Record<string, MetricDefinition>;
}

type Figures = OverviewResult['totals'];
const sumOf = (o: OverviewResult, metric: string) => o.daily.reduce((a, d) => a + Number((d as Figures)[metric as keyof Figures] ?? 0), 0);
/** a per day against b per day, − 1: (a·bDays − b·aDays) / (b·aDays). */
const perDayChange = (a: number, aDays: number, b: number, bDays: number) => ratio(a * bDays - b * aDays, b * aDays);
/** A window's refunded order rate as its parts: refunded orders of its sales, and those sales' orders. */
const refundParts = (r: { totals: { refunded_orders: number; paid_orders: number } }): [number, number] => [
  r.totals.refunded_orders,
  r.totals.paid_orders,
];
/** (aNum / aDen) ÷ (bNum / bDen) − 1, from the parts: (aNum·bDen − bNum·aDen) / (bNum·aDen); empty when either rate is. */
const rateChange = (a: [number, number] | null, b: [number, number] | null) =>
  a == null || b == null || a[1] <= 0 || b[1] <= 0 ? null : ratio(a[0] * b[1] - b[0] * a[1], b[0] * a[1]);

function extraOf(campaignGmv: number, usualGmv: number, w: CampaignWindows, totalExtra: number): ExtraOf {
  const extra = cents(campaignGmv - (usualGmv * w.campaign.days) / w.usual.days);
  return {
    campaign_gmv: cents(campaignGmv),
    campaign_gmv_per_day: cents(campaignGmv / w.campaign.days),
    usual_gmv_per_day: cents(usualGmv / w.usual.days),
    uplift: perDayChange(campaignGmv, w.campaign.days, usualGmv, w.usual.days),
    extra_gmv: extra,
    extra_share: ratio(extra, totalExtra),
  };
}

export async function campaignReview(
  scope: ShopScope,
  shop: Shop,
  w: CampaignWindows,
  filters: AnalysisFilters = {},
): Promise<CampaignReviewResult> {
  const [now, before, after, channelsNow, channelsBefore, topNow, firstNow, firstBefore, refundsNow, refundsBefore, other, refundsOther] =
    await Promise.all([
      overview(scope, shop, w.campaign, filters),
      overview(scope, shop, w.usual, filters),
      w.after ? overview(scope, shop, w.after, filters) : null,
      traffic(scope, shop, w.campaign, 'channel', filters),
      traffic(scope, shop, w.usual, 'channel', filters),
      products(scope, shop, w.campaign, { sort: 'gmv', limit: CAMPAIGN_TOP_PRODUCTS }, filters),
      firstBuyersOf(scope, shop, 'campaign', w.campaign, filters),
      firstBuyersOf(scope, shop, 'usual', w.usual, filters),
      refunds(scope, shop, w.campaign, { limit: 1 }, filters),
      refunds(scope, shop, w.usual, { limit: 1 }, filters),
      // Another campaign's days beside these, when asked: its overview and the refunds of its sales.
      w.compared ? overview(scope, shop, w.compared, filters) : null,
      w.compared ? refunds(scope, shop, w.compared, { limit: 1 }, filters) : null,
    ]);
  const cw = w.compared;
  // The same products' usual, not the usual's own top products.
  const ids = topNow.rows.map((r) => r.product_id);
  const topBefore = ids.length
    ? await products(scope, shop, w.usual, { sort: 'gmv', products: ids, limit: ids.length }, filters)
    : { rows: [] };

  const figures: CampaignFigure[] = [
    ...ADDITIVE.map((metric): CampaignFigure => {
      const c = sumOf(now, metric);
      const u = sumOf(before, metric);
      const a = after && w.after ? sumOf(after, metric) : null;
      return {
        metric,
        campaign: now.totals[metric] ?? null,
        usual: before.totals[metric] ?? null,
        after: after?.totals[metric] ?? null,
        campaign_per_day: cents(c / w.campaign.days),
        usual_per_day: cents(u / w.usual.days),
        after_per_day: a == null || !w.after ? null : cents(a / w.after.days),
        uplift: perDayChange(c, w.campaign.days, u, w.usual.days),
        after_change: a == null || !w.after ? null : perDayChange(a, w.after.days, u, w.usual.days),
        ...(other && cw
          ? {
              compared: other.totals[metric] ?? null,
              compared_per_day: cents(sumOf(other, metric) / cw.days),
              vs_compared: perDayChange(c, w.campaign.days, sumOf(other, metric), cw.days),
            }
          : {}),
      };
    }),
    ...(Object.entries(RATES) as Array<[keyof typeof RATES, readonly [keyof Figures, keyof Figures]]>).map(
      ([metric, [num, den]]): CampaignFigure => {
        const parts = (o: OverviewResult | null): [number, number] | null =>
          o ? [Number(o.totals[num] ?? 0), Number(o.totals[den] ?? 0)] : null;
        const none = { campaign_per_day: null, usual_per_day: null, after_per_day: null };
        return {
          metric,
          campaign: now.totals[metric] ?? null,
          usual: before.totals[metric] ?? null,
          after: after?.totals[metric] ?? null,
          ...none,
          uplift: rateChange(parts(now), parts(before)),
          after_change: rateChange(parts(after), parts(before)),
          ...(other
            ? { compared: other.totals[metric] ?? null, compared_per_day: null, vs_compared: rateChange(parts(now), parts(other)) }
            : {}),
        };
      },
    ),
    {
      metric: 'refunded_order_rate',
      campaign: refundsNow.totals.refunded_order_rate,
      usual: refundsBefore.totals.refunded_order_rate,
      // The days after are too recent for their refunds to have settled; not compared.
      after: null,
      campaign_per_day: null,
      usual_per_day: null,
      after_per_day: null,
      uplift: rateChange(refundParts(refundsNow), refundParts(refundsBefore)),
      after_change: null,
      ...(refundsOther
        ? {
            compared: refundsOther.totals.refunded_order_rate,
            compared_per_day: null,
            vs_compared: rateChange(refundParts(refundsNow), refundParts(refundsOther)),
          }
        : {}),
    },
  ];

  const gmvNow = sumOf(now, 'gmv');
  const gmvBefore = sumOf(before, 'gmv');
  const extra = cents(gmvNow - (gmvBefore * w.campaign.days) / w.usual.days);
  const gap = after && w.after ? cents(sumOf(after, 'gmv') - (gmvBefore * w.after.days) / w.usual.days) : null;

  const nowByChannel = new Map(channelsNow.rows.map((r) => [r.value, r]));
  const usualByChannel = new Map(channelsBefore.rows.map((r) => [r.value, r]));
  const channels = [...new Set([...nowByChannel.keys(), ...usualByChannel.keys()])]
    .map((channel): CampaignChannel => {
      const c = nowByChannel.get(channel);
      return {
        channel,
        campaign_visitors: c?.visitors ?? 0,
        campaign_orders: c?.last_touch_orders ?? 0,
        ...extraOf(c?.last_touch_gmv ?? 0, usualByChannel.get(channel)?.last_touch_gmv ?? 0, w, extra),
      };
    })
    .sort((a, b) => b.extra_gmv - a.extra_gmv || a.channel.localeCompare(b.channel));

  const usualByProduct = new Map(topBefore.rows.map((r) => [r.product_id, r]));
  const productRows = topNow.rows.map(
    (r): CampaignProduct => ({
      product_id: r.product_id,
      name: r.name,
      category: r.category,
      campaign_units: r.units,
      campaign_buyers: r.buyers,
      ...extraOf(r.gmv, usualByProduct.get(r.product_id)?.gmv ?? 0, w, extra),
    }),
  );

  return {
    shop: shop.slug,
    currency: shop.currency,
    timeZone: shop.time_zone,
    filters: activeFilters(filters),
    campaign: w.campaign,
    usual: w.usual,
    after: w.after,
    compared: w.compared,
    summary: { extra_gmv: extra, after_gmv_gap: gap, net_extra_gmv: gap == null ? null : cents(extra + gap) },
    figures,
    channels,
    products: productRows,
    first_buyers: [firstNow, firstBefore],
    provisional_refunds_from: refundsNow.provisionalFrom,
    definitions: definitionsOf([
      ...(Object.keys(CAMPAIGN_METRICS) as MetricName[]),
      ...ADDITIVE,
      ...(Object.keys(RATES) as MetricName[]),
      'refunded_order_rate',
      // The channels' and products' columns, and the first-time buyers' eligible.
      'last_touch_orders',
      'last_touch_gmv',
      'product_units',
      'product_buyers',
      'product_gmv',
      'repurchase_eligible',
    ]),
  };
}

/**
 * The window's first-time buyers and their 30-day repurchase: the repurchase analysis's cohort
 * rule for its 30-day window (a known customer's first paid order ever on the window's days;
 * eligible when the 30 days after it are observed; repurchased with a second paid order within
 * them), from the diagnosis's lean query of exactly that (diagnostics-repurchase.sql, by month of
 * first purchase, summed here) — the repurchase analysis's intervals and second-order splits, which
 * the review does not show, cost the largest bench shop ~140 ms a window.
 */
async function firstBuyersOf(
  scope: ShopScope,
  shop: Shop,
  window: FirstBuyers['window'],
  range: ReviewWindow,
  filters: AnalysisFilters,
): Promise<FirstBuyers> {
  const q = filteredQuery('diagnostics-repurchase', filters, shop, range.from);
  const rows = await scope.rows<{ customers: number; eligible: number; repurchased: number }>(
    q.sql,
    { ...q.params, from: range.from, to: range.to, tz: shop.time_zone },
    { purpose: 'analysis.campaign-review.first-buyers' },
  );
  const sum = (k: 'customers' | 'eligible' | 'repurchased') => rows.reduce((a, r) => a + Number(r[k]), 0);
  return {
    window,
    from: range.from,
    to: range.to,
    first_buyers: sum('customers'),
    eligible: sum('eligible'),
    repurchased: sum('repurchased'),
    rate: ratio(sum('repurchased'), sum('eligible')),
  };
}
