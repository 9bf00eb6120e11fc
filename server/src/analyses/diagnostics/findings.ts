/**
 * From figures to words: the ranked findings of a diagnosis (the headline driver, figures outside
 * their usual range, funnel leaks, refunds, repurchase, the month's targets) and the health checklist, in English and
 * Chinese. Rules: docs/diagnostics.md.
 */
import type { TargetMetric } from '../../metadata/schema.js';
import { ratio } from '../rounding.js';
import type { TargetProgress } from '../target-progress.js';
import type { Status } from './baseline.js';
import type { Bucket, DiagnosisResult, FigureRow, Finding, HealthItem, Lang, MetricKey, RepurchaseSignal } from './diagnosis-model.js';
import { FIGURE_DEFINITIONS, UNITS } from './diagnosis-model.js';
import type { SegmentChange } from './segments.js';
import { targetFindings } from './target-finding.js';
import { COMPARED, METRIC_NAMES, pct, points, REFUND_REASON_NAMES, rose, segmentName } from './wording.js';

export interface FindingInput {
  figures: FigureRow[];
  decomposition: DiagnosisResult['decomposition'];
  byChannel: SegmentChange[];
  compared: DiagnosisResult['compared'];
  repurchaseSignal: RepurchaseSignal | null;
  links: Record<'overview' | 'traffic' | 'funnel' | 'repurchase' | 'refunds', { page: string; api: string }>;
  before: Bucket;
  /** The month's targets by the diagnosed day (null: none set, or a filtered diagnosis). */
  targets?: TargetProgress | null;
  /** Where a target finding leads (the Overview page on the month to date). */
  targetLink?: (metric: TargetMetric) => { page: string; api: string };
}

export function rankFindings(x: FindingInput): Finding[] {
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
        // Spend per buyer opens the Overview page on it, where the order values break it into its parts.
        link:
          main.k === 'traffic'
            ? x.links.traffic
            : main.k === 'conversion'
              ? x.links.funnel
              : { ...x.links.overview, page: `${x.links.overview.page}&metric=aov` },
        score: 1000 + Math.abs(relative) * 100,
      });
    }
  }
  // Figures outside their usual range, the unfavourable ones first.
  const watched = [
    'uv',
    'conversion',
    'aov',
    'buyers',
    'view_to_cart',
    'cart_to_checkout',
    'checkout_to_pay',
    'refund_rate',
    'discount_rate',
  ] as const;
  for (const m of watched) {
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
      // Discounting is the merchant's own decision (a promotion), so more of it is never red.
      severity: bad ? (j.status === 'abnormal' && m !== 'discount_rate' ? 'red' : 'amber') : 'info',
      metric: m,
      text: {
        en: `${METRIC_NAMES[m].en} ${r.en} to ${fmt(f.value)}, against ${fmt(j.expected)} ${usual.en} (z = ${j.z.toFixed(1)}).`,
        zh: `${METRIC_NAMES[m].zh}${r.zh}至${fmt(f.value)}，${usual.zh}为${fmt(j.expected)}（z = ${j.z.toFixed(1)}）。`,
      },
      numbers: { value: f.value, expected: j.expected, z: j.z },
      link: isLeak
        ? x.links.funnel
        : m === 'refund_rate'
          ? x.links.refunds
          : m === 'uv'
            ? x.links.traffic
            : // The Overview page with this figure charted day by day.
              { ...x.links.overview, page: `${x.links.overview.page}&metric=${FIGURE_DEFINITIONS[m]}` },
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
  if (x.targets && x.targetLink) out.push(...targetFindings(x.targets, x.targetLink));
  return out.sort((a, b) => b.score - a.score).map(({ score: _s, ...f }, i) => ({ rank: i + 1, ...f }));
}

/**
 * A refund-rate finding also says what the period's refunds were about: the given reason with the
 * largest amount, as a share of everything refunded in the period (refunds without a reason count
 * in the whole, so the share never overstates). Nothing is added when no refund gives a reason.
 */
export function withRefundReason(findings: Finding[], reasons: Array<{ reason: string; orders: number; amount: number }>): Finding[] {
  const total = reasons.reduce((a, r) => a + r.amount, 0);
  const top = reasons
    .filter((r) => r.reason !== '')
    .sort((a, b) => b.amount - a.amount || b.orders - a.orders || a.reason.localeCompare(b.reason))[0];
  if (!top || total <= 0) return findings;
  const name = REFUND_REASON_NAMES[top.reason] ?? { en: top.reason, zh: top.reason };
  const share = top.amount / total;
  return findings.map((f) =>
    f.kind !== 'refunds'
      ? f
      : {
          ...f,
          text: {
            en: `${f.text.en} The largest reason: ${name.en}, ${pct(share)} of the amount refunded (${top.orders.toLocaleString('en-US')} ${top.orders === 1 ? 'order' : 'orders'}).`,
            zh: `${f.text.zh}退款金额最多的原因：${name.zh}，占${pct(share)}（${top.orders}笔）。`,
          },
          numbers: { ...f.numbers, top_reason: top.reason, top_reason_share: ratio(share, 1), top_reason_orders: top.orders },
        },
  );
}

export function healthOf(figures: FigureRow[], rs: RepurchaseSignal | null): HealthItem[] {
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
