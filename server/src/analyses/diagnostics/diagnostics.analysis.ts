/**
 * Store diagnostics: what moved on a day (or a week), why, and what to look at first.
 * Figures against the previous period, the same weekday last week and a four-week same-weekday
 * baseline (baseline.ts); the payment-amount change split exactly into traffic, conversion and
 * spend per buyer (Shapley, shapley.ts) and again by channel and category (segments.ts);
 * ranked findings in English and Chinese; data maturity; a health checklist. Rules:
 * docs/diagnostics.md.
 */
import type { ShopScope } from '@storelens/sql';
import { BadRequestError } from '../../errors.js';
import type { MonthTargets, Shop } from '../../metadata/index.js';
import { type AnalysisFilters, readsRollup } from '../filters.js';
import { isCalendarDate, localNow } from '../local-time.js';
import { definitionsOf } from '../metrics-catalogue.js';
import { REFUND_SETTLING_DAYS } from '../refunds.analysis.js';
import { cents } from '../rounding.js';
import { targetProgress } from '../target-progress.js';
import { judge } from './baseline.js';
import {
  addDays,
  type Bucket,
  type DiagnosisPeriod,
  type DiagnosisResult,
  FIGURE_DEFINITIONS,
  type FigureRow,
  type Finding,
  type Lang,
  type MetricKey,
  metricOf,
  round,
  UNITS,
} from './diagnosis-model.js';
import { bucketSeries, refundReasons, repurchaseTrend, segmentFigures } from './diagnosis-reads.js';
import { healthOf, rankFindings, withRefundReason } from './findings.js';
import { type SegmentFigures, splitBySegment } from './segments.js';
import { allocateCents, shapley } from './shapley.js';
import { type COMPARED, METRIC_NAMES } from './wording.js';

export type { DiagnosisPeriod, DiagnosisResult, FigureRow, Finding, HealthItem } from './diagnosis-model.js';

export async function diagnose(
  scope: ShopScope,
  shop: Shop,
  /** targetsOf: the shop's targets of a month (the metadata store's), for the finding on the diagnosed day's month's pace. */
  options: { date?: string; period?: DiagnosisPeriod; now?: Date; targetsOf?: (month: string) => Promise<MonthTargets> } = {},
  filters: AnalysisFilters = {},
): Promise<DiagnosisResult> {
  const now = options.now ?? new Date();
  const today = localNow(shop.time_zone, now).today;
  const period = options.period ?? 'day';
  const to = options.date ?? addDays(today, -1);
  if (!isCalendarDate(to)) throw new BadRequestError(`date must be a calendar date YYYY-MM-DD, got "${to}".`, 'date');
  if (to > today)
    throw new BadRequestError(`date ${to} is in the future for ${shop.slug} (today is ${today} in ${shop.time_zone})`, 'date');
  const len = period === 'day' ? 1 : 7;
  const from = addDays(to, 1 - len);
  // Day: the 28 days before and the day (29 buckets). Week: the four weeks before and the week.
  const buckets = period === 'day' ? 29 : 5;
  const start = addDays(from, -(buckets - 1) * len);
  // The payment-amount change is explained against the same weekday last week (day) or the week before.
  const compared = {
    label: (period === 'day' ? 'same_weekday_last_week' : 'previous_week') as keyof typeof COMPARED,
    from: addDays(from, -7),
    to: addDays(to, -7),
  };
  const periods = { from0: compared.from, to0: compared.to, from1: from, to1: to };
  // Independent reads, side by side on the interactive connections.
  const bySegment = (figures: Promise<{ before: SegmentFigures[]; after: SegmentFigures[] }>) =>
    figures.then(({ before, after }) =>
      splitBySegment(before, after).sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.segment.localeCompare(b.segment)),
    );
  const segmentsDone = Promise.all([
    bySegment(segmentFigures(scope, shop, 'channel', filters, periods)),
    bySegment(segmentFigures(scope, shop, 'category', filters, periods)),
  ]);
  const repurchaseDone = repurchaseTrend(scope, shop, to, filters);
  // The month's targets (the shop's, read alongside), judged by the diagnosed day.
  const month = to.slice(0, 7);
  const monthTargets = options.targetsOf && readsRollup(filters) ? options.targetsOf(month) : Promise.resolve({});
  segmentsDone.catch(() => {});
  repurchaseDone.catch(() => {});
  monthTargets.catch(() => {});
  const series = await bucketSeries(scope, shop, filters, { start, len, buckets });
  // A target is the whole shop's, so only an unfiltered diagnosis judges them. A day's 29 buckets
  // hold the month to date up to its 29th day: summed from them, no query (the overview's figures
  // by day, as the diagnosis reads them; a separate month-to-date read cost the diagnosis ~30 ms on
  // the largest bench shop); later days and weeks read it.
  const targetsDone = monthTargets.then((set) =>
    Object.keys(set).length
      ? targetProgress(scope, shop, month, set, { asOf: to, monthToDate: period === 'day' ? monthToDateOf(series, start, month) : null })
      : null,
  );
  targetsDone.catch(() => {});
  const cur = buckets - 1;
  const sameWeekday = period === 'day' ? [cur - 7, cur - 14, cur - 21, cur - 28] : [cur - 1, cur - 2, cur - 3, cur - 4];
  const active = (b: Bucket | undefined) => Boolean(b && (b.uv > 0 || b.paid_orders > 0));
  const historyPoints = sameWeekday.filter((i) => active(series[i])).length;
  const enoughData = historyPoints >= 2 && active(series[cur]);
  const comparedIndex = period === 'day' ? cur - 7 : cur - 1;
  const matureUntil = addDays(today, -14);
  const provisionalFigures = new Set<string>();
  const reasons: Lang[] = [];
  if (to >= today) {
    for (const m of Object.keys(METRIC_NAMES)) provisionalFigures.add(m);
    reasons.push({ en: `${to} is today: the day is not over yet.`, zh: `${to}为今天：当天数据尚未完结。` });
  }
  if (to > matureUntil) {
    provisionalFigures.add('refund_rate');
    reasons.push({
      en: 'Refunds can arrive up to 14 days after a sale: the refund rate is still settling.',
      zh: '退款可能在成交后14天内发生：退款率仍在变化中。',
    });
  }

  const figures: FigureRow[] = (Object.keys(METRIC_NAMES) as MetricKey[]).map((metric) => {
    const { unit, floor } = UNITS[metric];
    const value = metricOf(series[cur], metric);
    const history = sameWeekday.map((i) => (active(series[i]) ? metricOf(series[i], metric) : null));
    const window = period === 'day' ? series.slice(0, cur) : series.slice(0, cur);
    const plain = window
      .filter(active)
      .map((b) => metricOf(b, metric))
      .filter((v): v is number => v !== null);
    const j = judge(value, history, floor);
    return {
      metric,
      label: METRIC_NAMES[metric],
      unit,
      value: round(value, unit),
      previous: round(metricOf(series[cur - 1], metric), unit),
      same_weekday_last_week: period === 'day' ? round(metricOf(series[cur - 7], metric), unit) : null,
      mean_28_days: plain.length ? round(plain.reduce((a, b) => a + b, 0) / plain.length, unit) : null,
      baseline: { ...j, expected: round(j.expected, unit), spread: round(j.spread, unit) },
      provisional: provisionalFigures.has(metric),
    };
  });

  // The payment-amount change against the compared period, split exactly.
  const before = series[comparedIndex] as Bucket;
  const after = series[cur] as Bucket;
  const changeCents = Math.round(after.gmv * 100) - Math.round(before.gmv * 100);
  const factors = (b: Bucket) => [b.uv, b.uv > 0 ? b.buyers / b.uv : 0, b.buyers > 0 ? b.gmv / b.buyers : 0];
  const splittable = (b: Bucket) => b.gmv === 0 || (b.uv > 0 && b.buyers > 0);
  const parts = splittable(before) && splittable(after) ? [...shapley(factors(before), factors(after)), 0] : [0, 0, 0, changeCents / 100];
  const [traffic, conversion, aov, unexplained] = allocateCents(parts, changeCents) as [number, number, number, number];
  const decomposition = {
    method: 'shapley' as const,
    gmv_before: cents(before.gmv),
    gmv_after: cents(after.gmv),
    change: changeCents / 100,
    traffic,
    conversion,
    aov,
    unexplained,
  };

  const [byChannel, byCategory] = await segmentsDone;
  // Only judged when there is enough data; the query ran alongside the others either way.
  const repurchaseResult = await repurchaseDone;
  const repurchaseSignal = enoughData ? repurchaseResult : null;

  const links = {
    overview: page('overview', shop, compared.from, to),
    traffic: page('traffic', shop, from, to, 'by=channel'),
    funnel: { page: `/funnels?from=${from}&to=${to}`, api: `/api/v1/shops/${shop.slug}/analyses/funnel` },
    repurchase: page('repurchase', shop, addDays(to, -365), to),
    // A period's refunds come from the sales of up to 14 days before it: those sales, by channel
    // (the Products page's refunds panel), say whose buyers are sending things back.
    refunds: {
      page: `/products?from=${addDays(from, -REFUND_SETTLING_DAYS)}&to=${to}&refunds_by=channel`,
      api: `/api/v1/shops/${shop.slug}/analyses/refunds?from=${addDays(from, -REFUND_SETTLING_DAYS)}&to=${to}`,
    },
  };
  const targets = await targetsDone;
  const targetLink = (metric: string) => {
    const link = page('overview', shop, `${month}-01`, to);
    return { ...link, page: `${link.page}&metric=${metric}` };
  };
  const ranked = enoughData
    ? rankFindings({ figures, decomposition, byChannel, compared, repurchaseSignal, links, before, targets, targetLink })
    : [];
  // What the refunds were about is read only when the refund rate is a finding.
  const findings = ranked.some((f) => f.kind === 'refunds')
    ? withRefundReason(ranked, await refundReasons(scope, shop, filters, { from, to }))
    : ranked;
  const health = enoughData ? healthOf(figures, repurchaseSignal) : [];
  const summary = !enoughData
    ? {
        en: `Too little data to diagnose ${period === 'day' ? to : `${from}..${to}`}: fewer than two of the four comparable ${period === 'day' ? 'weekdays' : 'weeks'} before it have activity, or it has none itself.`,
        zh: `数据不足，无法诊断${period === 'day' ? to : `${from}至${to}`}：此前四个可比${period === 'day' ? '同工作日' : '周'}中有数据的少于两个，或当期没有数据。`,
      }
    : findings.length === 0
      ? { en: 'No notable change: every figure is within its usual range.', zh: '无明显变化：各项指标均在正常范围内。' }
      : (findings[0] as Finding).text;
  return {
    shop: shop.slug,
    period,
    from,
    to,
    compared,
    enoughData,
    summary,
    figures,
    decomposition,
    byChannel,
    byCategory,
    findings,
    targets,
    health,
    provisional: { figures: [...provisionalFigures], reason: reasons },
    definitions: definitionsOf([...Object.values(FIGURE_DEFINITIONS), 'diagnosis_baseline', 'gmv_decomposition']),
  };
}

/** The month's payment amount and paid orders to the last bucket, from daily buckets that reach back to its first day (else null). */
function monthToDateOf(series: Bucket[], start: string, month: string): { gmv: number; paid_orders: number } | null {
  const first = `${month}-01`;
  if (first < start) return null;
  const days = series.filter((_, i) => addDays(start, i) >= first);
  return { gmv: cents(days.reduce((a, b) => a + b.gmv, 0)), paid_orders: days.reduce((a, b) => a + b.paid_orders, 0) };
}

function page(analysis: string, shop: Shop, from: string, to: string, extra = ''): { page: string; api: string } {
  const q = `from=${from}&to=${to}${extra ? `&${extra}` : ''}`;
  return { page: `/${analysis}?${q}`, api: `/api/v1/shops/${shop.slug}/analyses/${analysis}?${q}` };
}
