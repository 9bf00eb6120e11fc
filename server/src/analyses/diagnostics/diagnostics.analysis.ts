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
import type { Shop } from '../../metadata/index.js';
import { type AnalysisFilters, filteredQuery } from '../filters.js';
import { definitionsOf, type MetricDefinition } from '../metrics-catalogue.js';
import { localNow } from '../realtime.analysis.js';
import { repurchase } from '../repurchase.analysis.js';
import { cents, ratio } from '../rounding.js';
import { type Judgement, judge, type Status } from './baseline.js';
import { type SegmentChange, type SegmentFigures, splitBySegment } from './segments.js';
import { allocateCents, shapley } from './shapley.js';
import { COMPARED, METRIC_NAMES, pct, points, rose, segmentName } from './wording.js';

export type DiagnosisPeriod = 'day' | 'week';
type MetricKey = keyof typeof METRIC_NAMES;
type Lang = { en: string; zh: string };

export interface FigureRow {
  metric: MetricKey;
  label: Lang;
  unit: 'count' | 'money' | 'ratio';
  value: number | null;
  previous: number | null;
  same_weekday_last_week: number | null;
  /** Plain mean of the 28 days before (day) or of the four weeks before (week). */
  mean_28_days: number | null;
  baseline: Judgement;
  provisional: boolean;
}

export interface Finding {
  rank: number;
  kind: 'gmv_driver' | 'metric' | 'funnel_leak' | 'refunds' | 'repurchase';
  severity: 'red' | 'amber' | 'info';
  metric: string;
  text: Lang;
  numbers: Record<string, number | string | null>;
  /** Where to drill in: a dashboard path and the API call behind it. */
  link: { page: string; api: string };
}

export interface HealthItem {
  area: 'traffic' | 'conversion' | 'aov' | 'repurchase' | 'refunds';
  status: 'green' | 'amber' | 'red';
  reason: Lang;
}

export interface DiagnosisResult {
  shop: string;
  period: DiagnosisPeriod;
  from: string;
  to: string;
  compared: { label: keyof typeof COMPARED; from: string; to: string };
  enoughData: boolean;
  summary: Lang;
  figures: FigureRow[];
  decomposition: {
    method: 'shapley';
    gmv_before: number;
    gmv_after: number;
    change: number;
    traffic: number;
    conversion: number;
    aov: number;
    /** Sales that cannot be split (payments on a day without any visitors). */
    unexplained: number;
  };
  byChannel: SegmentChange[];
  byCategory: SegmentChange[];
  findings: Finding[];
  health: HealthItem[];
  provisional: { figures: string[]; reason: Lang[] };
  definitions: Record<string, MetricDefinition>;
}

interface Bucket {
  uv: number;
  viewers: number;
  carters: number;
  checkouts: number;
  payers: number;
  paid_orders: number;
  buyers: number;
  gmv: number;
  refund_amount: number;
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function metricOf(b: Bucket | undefined, m: MetricKey): number | null {
  if (!b) return null;
  switch (m) {
    case 'gmv':
      return b.gmv;
    case 'uv':
      return b.uv;
    case 'buyers':
      return b.buyers;
    case 'paid_orders':
      return b.paid_orders;
    case 'conversion':
      return b.uv > 0 ? b.buyers / b.uv : null;
    case 'aov':
      return b.buyers > 0 ? b.gmv / b.buyers : null;
    case 'refund_rate':
      return b.gmv > 0 ? b.refund_amount / b.gmv : null;
    case 'view_to_cart':
      return b.viewers > 0 ? b.carters / b.viewers : null;
    case 'cart_to_checkout':
      return b.carters > 0 ? b.checkouts / b.carters : null;
    case 'checkout_to_pay':
      return b.checkouts > 0 ? b.payers / b.checkouts : null;
  }
}

const UNITS: Record<MetricKey, { unit: FigureRow['unit']; floor: number; good: 1 | -1 }> = {
  gmv: { unit: 'money', floor: 1, good: 1 },
  uv: { unit: 'count', floor: 1, good: 1 },
  buyers: { unit: 'count', floor: 1, good: 1 },
  paid_orders: { unit: 'count', floor: 1, good: 1 },
  conversion: { unit: 'ratio', floor: 0.001, good: 1 },
  aov: { unit: 'money', floor: 1, good: 1 },
  refund_rate: { unit: 'ratio', floor: 0.001, good: -1 },
  view_to_cart: { unit: 'ratio', floor: 0.001, good: 1 },
  cart_to_checkout: { unit: 'ratio', floor: 0.001, good: 1 },
  checkout_to_pay: { unit: 'ratio', floor: 0.001, good: 1 },
};

const round = (x: number | null, unit: FigureRow['unit']) =>
  x === null ? null : unit === 'ratio' ? ratio(x, 1) : unit === 'money' ? cents(x) : x;

export async function diagnose(
  scope: ShopScope,
  shop: Shop,
  options: { date?: string; period?: DiagnosisPeriod; now?: Date } = {},
  filters: AnalysisFilters = {},
): Promise<DiagnosisResult> {
  const now = options.now ?? new Date();
  const today = localNow(shop.time_zone, now).today;
  const period = options.period ?? 'day';
  const to = options.date ?? addDays(today, -1);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(to) || Number.isNaN(Date.parse(to))) throw new BadRequestError('date must be YYYY-MM-DD', 'date');
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
  const segments = async (by: 'channel' | 'category') => {
    const sq = filteredQuery('diagnostics-segments', filters, shop, compared.from);
    const rows = await scope.rows<{ p: number; segment: string; uv: number; buyers: number; gmv: string }>(
      sq.sql,
      { ...sq.params, by, from0: compared.from, to0: compared.to, from1: from, to1: to, tz: shop.time_zone },
      { purpose: `analysis.diagnostics.${by}` },
    );
    const of = (p: number): SegmentFigures[] =>
      rows
        .filter((r) => Number(r.p) === p)
        .map((r) => ({ segment: r.segment, uv: Number(r.uv), buyers: Number(r.buyers), gmv: Number(r.gmv) }));
    return splitBySegment(of(0), of(1)).sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.segment.localeCompare(b.segment));
  };
  // The four queries are independent: they run side by side on the interactive connections.
  const segmentsDone = Promise.all([segments('channel'), segments('category')]);
  const repurchaseDone = repurchaseTrend(scope, shop, to, filters);
  segmentsDone.catch(() => {});
  repurchaseDone.catch(() => {});
  const q = filteredQuery('diagnostics-periods', filters, shop, start);
  const raw = await scope.rows<Record<string, string | number | null>>(
    q.sql,
    { ...q.params, start, len, buckets, tz: shop.time_zone },
    { purpose: 'analysis.diagnostics.periods' },
  );
  const series: Bucket[] = raw.map((r) => ({
    uv: Number(r.uv ?? 0),
    viewers: Number(r.viewers ?? 0),
    carters: Number(r.carters ?? 0),
    checkouts: Number(r.checkouts ?? 0),
    payers: Number(r.payers ?? 0),
    paid_orders: Number(r.paid_orders ?? 0),
    buyers: Number(r.buyers ?? 0),
    gmv: Number(r.gmv ?? 0),
    refund_amount: Number(r.refund_amount ?? 0),
  }));
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
  };
  const findings = enoughData ? rankFindings({ figures, decomposition, byChannel, compared, repurchaseSignal, links, before }) : [];
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
    health,
    provisional: { figures: [...provisionalFigures], reason: reasons },
    definitions: definitionsOf(['gmv', 'uv', 'paying_buyers', 'conversion_rate', 'aov', 'diagnosis_baseline', 'gmv_decomposition']),
  };
}

function page(analysis: string, shop: Shop, from: string, to: string, extra = ''): { page: string; api: string } {
  const q = `from=${from}&to=${to}${extra ? `&${extra}` : ''}`;
  return { page: `/${analysis}?${q}`, api: `/api/v1/shops/${shop.slug}/analyses/${analysis}?${q}` };
}

interface RepurchaseSignal {
  cohort: string;
  rate: number;
  earlier: number;
}

/** The newest monthly cohort with a fully observed 30-day window against the three before it. */
async function repurchaseTrend(scope: ShopScope, shop: Shop, to: string, filters: AnalysisFilters): Promise<RepurchaseSignal | null> {
  const r = await repurchase(scope, shop, { from: addDays(to, -240), to }, 1, filters);
  const rated = r.cohorts
    .map((c) => ({ cohort: c.cohort, w: c.windows['30'] }))
    .filter((c): c is { cohort: string; w: { eligible: number; repurchased: number; rate: number | null } } =>
      Boolean(c.w && c.w.eligible >= 20 && c.w.rate !== null),
    )
    .sort((a, b) => a.cohort.localeCompare(b.cohort));
  const last = rated[rated.length - 1];
  const earlier = rated.slice(-4, -1);
  if (!last || earlier.length < 2) return null;
  return {
    cohort: last.cohort,
    rate: last.w.rate as number,
    earlier: earlier.reduce((a, c) => a + (c.w.rate as number), 0) / earlier.length,
  };
}

interface FindingInput {
  figures: FigureRow[];
  decomposition: DiagnosisResult['decomposition'];
  byChannel: SegmentChange[];
  compared: DiagnosisResult['compared'];
  repurchaseSignal: RepurchaseSignal | null;
  links: Record<'overview' | 'traffic' | 'funnel' | 'repurchase', { page: string; api: string }>;
  before: Bucket;
}

function rankFindings(x: FindingInput): Finding[] {
  const out: Array<Omit<Finding, 'rank'> & { score: number }> = [];
  const fig = (m: MetricKey) => x.figures.find((f) => f.metric === m) as FigureRow;
  const d = x.decomposition;
  const gmvFigure = fig('gmv');
  const relative = d.gmv_before > 0 ? d.change / d.gmv_before : null;
  const cmp = COMPARED[x.compared.label];
  // The headline: the payment-amount change and its main driver, when it is worth a sentence.
  if (relative !== null && d.change !== 0 && (Math.abs(relative) >= 0.05 || gmvFigure.baseline.status !== 'normal')) {
    const up = d.change > 0;
    const drivers = (['traffic', 'conversion', 'aov'] as const)
      .map((k) => ({ k, v: d[k] }))
      .filter((f) => Math.sign(f.v) === Math.sign(d.change));
    const main = drivers.sort((a, b) => Math.abs(b.v) - Math.abs(a.v))[0];
    if (main) {
      const effect = (c: SegmentChange) =>
        main.k === 'traffic' ? c.traffic_effect + c.mix_effect : main.k === 'conversion' ? c.conversion_effect : c.aov_effect;
      const top = x.byChannel
        .filter((c) => Math.sign(effect(c)) === Math.sign(d.change))
        .sort((a, b) => Math.abs(effect(b)) - Math.abs(effect(a)))[0];
      const share = (v: number) => (v / d.gmv_before) * 100;
      let because: Lang;
      let contribution = main.v;
      if (top) {
        contribution = effect(top);
        const name = segmentName(top.segment, 'channel');
        const move = (a: number | null, b: number | null) => (a !== null && b !== null && a > 0 ? (b - a) / a : 0);
        const change =
          main.k === 'traffic'
            ? move(top.uv_before, top.uv_after)
            : main.k === 'conversion'
              ? move(top.conversion_before, top.conversion_after)
              : move(top.aov_before, top.aov_after);
        const what = {
          traffic: { en: 'visitors', zh: '访客数' },
          conversion: { en: 'conversion', zh: '转化率' },
          aov: { en: 'spend per buyer', zh: '客单价' },
        }[main.k];
        const r = rose(change > 0);
        because = {
          en: `${name.en} ${what.en} ${r.en} ${pct(change)} (${points(share(contribution))} points of the change)`,
          zh: `${name.zh}${what.zh}${r.zh}${pct(change)}（贡献${points(share(contribution))}个百分点）`,
        };
      } else {
        const what = {
          traffic: { en: 'visitors', zh: '访客数' },
          conversion: { en: 'payment conversion', zh: '支付转化率' },
          aov: { en: 'spend per buyer', zh: '客单价' },
        }[main.k];
        because = {
          en: `${what.en} moved (${points(share(main.v))} points)`,
          zh: `${what.zh}变化（贡献${points(share(main.v))}个百分点）`,
        };
      }
      const r = rose(up);
      out.push({
        kind: 'gmv_driver',
        severity:
          gmvFigure.baseline.status === 'abnormal'
            ? 'red'
            : gmvFigure.baseline.status === 'watch' || Math.abs(relative) >= 0.15
              ? 'amber'
              : 'info',
        metric: 'gmv',
        text: {
          en: `Payment amount ${r.en} ${pct(relative)} against ${cmp.en}, mainly because ${because.en}.`,
          zh: `支付金额较${cmp.zh}${r.zh}${pct(relative)}，主要因为${because.zh}。`,
        },
        numbers: {
          gmv_before: d.gmv_before,
          gmv_after: d.gmv_after,
          change: d.change,
          relative_change: ratio(d.change, d.gmv_before),
          driver: main.k,
          driver_amount: main.v,
          channel: top?.segment ?? null,
          channel_amount: top ? contribution : null,
        },
        link: main.k === 'traffic' ? x.links.traffic : main.k === 'conversion' ? x.links.funnel : x.links.overview,
        score: 1000 + Math.abs(relative) * 100,
      });
    }
  }
  // Figures outside their usual range, the unfavourable ones first.
  for (const m of ['uv', 'conversion', 'aov', 'buyers', 'view_to_cart', 'cart_to_checkout', 'checkout_to_pay', 'refund_rate'] as const) {
    const f = fig(m);
    const j = f.baseline;
    if (j.status !== 'watch' && j.status !== 'abnormal') continue;
    if (f.value === null || j.expected === null || j.z === null) continue;
    const bad = Math.sign(j.z) !== UNITS[m].good;
    const isLeak = m === 'view_to_cart' || m === 'cart_to_checkout' || m === 'checkout_to_pay';
    if (isLeak && !bad) continue;
    const fmt = (v: number) =>
      f.unit === 'ratio' ? `${(v * 100).toFixed(1)}%` : f.unit === 'money' ? v.toFixed(2) : v.toLocaleString('en-US');
    const r = rose(j.z > 0);
    const usual =
      x.compared.label === 'same_weekday_last_week'
        ? { en: 'the usual for this weekday', zh: '同工作日常态' }
        : { en: 'the usual week', zh: '常态周' };
    out.push({
      kind: isLeak ? 'funnel_leak' : m === 'refund_rate' ? 'refunds' : 'metric',
      severity: bad ? (j.status === 'abnormal' ? 'red' : 'amber') : 'info',
      metric: m,
      text: {
        en: `${METRIC_NAMES[m].en} ${r.en} to ${fmt(f.value)}, against ${fmt(j.expected)} ${usual.en} (z = ${j.z.toFixed(1)}).`,
        zh: `${METRIC_NAMES[m].zh}${r.zh}至${fmt(f.value)}，${usual.zh}为${fmt(j.expected)}（z = ${j.z.toFixed(1)}）。`,
      },
      numbers: { value: f.value, expected: j.expected, z: j.z },
      link: isLeak ? x.links.funnel : m === 'refund_rate' ? x.links.overview : m === 'uv' ? x.links.traffic : x.links.overview,
      score: (bad ? 100 : 10) + Math.abs(j.z),
    });
  }
  const rs = x.repurchaseSignal;
  if (rs && rs.earlier > 0 && rs.rate < 0.75 * rs.earlier) {
    out.push({
      kind: 'repurchase',
      severity: rs.rate < 0.5 * rs.earlier ? 'red' : 'amber',
      metric: 'repurchase_rate',
      text: {
        en: `Customers who first bought in ${rs.cohort.slice(0, 7)} came back within 30 days at ${pct(rs.rate)}, against ${pct(rs.earlier)} for the cohorts before.`,
        zh: `${rs.cohort.slice(0, 7)}首购客户30天内复购率为${pct(rs.rate)}，此前同期群为${pct(rs.earlier)}。`,
      },
      numbers: { cohort: rs.cohort, rate: ratio(rs.rate, 1), earlier: ratio(rs.earlier, 1) },
      link: x.links.repurchase,
      score: 100 + (1 - rs.rate / rs.earlier) * 10,
    });
  }
  return out.sort((a, b) => b.score - a.score).map(({ score: _s, ...f }, i) => ({ rank: i + 1, ...f }));
}

function healthOf(figures: FigureRow[], rs: RepurchaseSignal | null): HealthItem[] {
  const item = (area: HealthItem['area'], m: MetricKey): HealthItem => {
    const f = figures.find((x) => x.metric === m) as FigureRow;
    const j = f.baseline;
    if (j.status === 'insufficient_history' || j.z === null)
      return { area, status: 'amber', reason: { en: 'Not enough history to judge.', zh: '历史数据不足，无法判断。' } };
    const bad = Math.sign(j.z) !== UNITS[m].good;
    const status: Status = j.status;
    const light = !bad || status === 'normal' ? 'green' : status === 'watch' ? 'amber' : 'red';
    const name = METRIC_NAMES[m];
    const reason =
      light === 'green'
        ? { en: `${name.en} is within its usual range or better.`, zh: `${name.zh}处于正常或更好水平。` }
        : {
            en: `${name.en} is ${light === 'red' ? 'far ' : ''}off its usual range (z = ${j.z.toFixed(1)}).`,
            zh: `${name.zh}${light === 'red' ? '严重' : ''}偏离常态（z = ${j.z.toFixed(1)}）。`,
          };
    return { area, status: light, reason };
  };
  const repurchaseItem: HealthItem = !rs
    ? {
        area: 'repurchase',
        status: 'amber',
        reason: { en: 'Not enough cohorts with a full 30-day window to judge.', zh: '完整30天观察期的同期群不足，无法判断。' },
      }
    : rs.rate >= 0.9 * rs.earlier
      ? {
          area: 'repurchase',
          status: 'green',
          reason: {
            en: `30-day repurchase ${pct(rs.rate)} holds up against ${pct(rs.earlier)} before.`,
            zh: `30天复购率${pct(rs.rate)}，与此前${pct(rs.earlier)}相当。`,
          },
        }
      : {
          area: 'repurchase',
          status: rs.rate >= 0.75 * rs.earlier ? 'amber' : 'red',
          reason: {
            en: `30-day repurchase ${pct(rs.rate)} is below ${pct(rs.earlier)} of earlier cohorts.`,
            zh: `30天复购率${pct(rs.rate)}低于此前同期群的${pct(rs.earlier)}。`,
          },
        };
  return [item('traffic', 'uv'), item('conversion', 'conversion'), item('aov', 'aov'), repurchaseItem, item('refunds', 'refund_rate')];
}
