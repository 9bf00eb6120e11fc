/**
 * The written definitions of a campaign review (活动复盘): the campaign's days set beside the usual
 * days before it and the days after it. Part of the one metric catalogue (metrics-catalogue.ts),
 * which serves them with results and renders docs/metrics.md. The figures it compares (visitors,
 * payment amount, conversion …) keep their own definitions from the overview and refunds.
 */
// A type-only import: erased at run time, so the two modules do not load each other.
import type { MetricDefinition } from './metrics-catalogue.js';

const extra = (what: string) =>
  `${what}’s payment amount on the campaign’s days − its usual payment amount per day × the campaign’s days (last-touch channel for a channel, the product’s order lines for a product; below 0: less than usual)`;

export const CAMPAIGN_METRICS = {
  campaign_days: {
    label: 'Campaign days',
    labelZh: '活动天数',
    unit: 'count',
    definition:
      'the shop-local days reviewed, first through last inclusive (a marked promotion’s days, or any chosen); days not yet complete (today and later) are left out until they are',
  },
  usual_days: {
    label: 'Usual days',
    labelZh: '日常天数',
    unit: 'count',
    definition:
      'the days the usual is taken from: by default the 28 days before the campaign’s first day, or the days chosen, which must end before the campaign starts',
  },
  after_days: {
    label: 'Days after',
    labelZh: '活动后天数',
    unit: 'count',
    definition:
      'up to N days (default 7) after the campaign’s last day, through the last complete day; none while the campaign has not ended',
  },
  per_day: {
    label: 'Per day',
    labelZh: '日均',
    unit: 'average',
    definition:
      'the sum of the window’s daily figures / its days; a visitor or buyer counts once on each day they came, so for them it is not the window’s distinct total / its days',
  },
  uplift: {
    label: 'Uplift vs usual',
    labelZh: '较日常提升',
    unit: 'ratio',
    definition:
      'campaign ÷ usual − 1: for counts and amounts, of their per-day figures; for rates and averages, of the figures themselves; empty when the usual is 0 or empty',
  },
  after_change: {
    label: 'After vs usual',
    labelZh: '活动后较日常',
    unit: 'ratio',
    definition: 'days after ÷ usual − 1, taken as the uplift is (below 0: sales the campaign pulled forward, or a lull after it)',
  },
  compared_days: {
    label: 'Campaign compared with',
    labelZh: '对比活动天数',
    unit: 'count',
    definition:
      'another campaign’s days, first through last inclusive (last year’s 双11, the last 618), when asked: its figures are set beside these',
  },
  vs_compared: {
    label: 'vs compared',
    labelZh: '较对比活动',
    unit: 'ratio',
    definition:
      'this campaign ÷ the one compared with − 1, taken as the uplift is (counts and amounts per day, rates and averages as they are); empty when the other is 0 or empty',
  },
  extra_gmv: {
    label: 'Extra payment amount',
    labelZh: '增量支付金额',
    unit: 'money',
    definition: extra('the shop'),
  },
  after_gmv_gap: {
    label: 'Payment amount after vs usual',
    labelZh: '活动后支付金额增减',
    unit: 'money',
    definition: 'the payment amount of the days after − the usual payment amount per day × their days (below 0: a lull after the campaign)',
  },
  net_extra_gmv: {
    label: 'Extra net of the days after',
    labelZh: '净增量支付金额',
    unit: 'money',
    definition: 'extra payment amount + payment amount after vs usual: what the campaign added once the days after have had their say',
  },
  row_extra_gmv: {
    label: 'Extra payment amount',
    labelZh: '增量支付金额',
    unit: 'money',
    definition: extra('a channel or product'),
  },
  extra_share: {
    label: 'Share of the extra',
    labelZh: '增量贡献占比',
    unit: 'ratio',
    definition:
      'a row’s extra payment amount / the campaign’s extra payment amount; rows below usual count against it, so shares can exceed 100 % (empty when the campaign brought no extra)',
  },
  campaign_first_buyers: {
    label: 'First-time buyers',
    labelZh: '首购客户数',
    unit: 'count',
    definition: 'known customers whose first paid order ever was on the window’s days (guests are not counted)',
  },
  first_buyers_30d_rate: {
    label: '30-day repurchase of first-time buyers',
    labelZh: '首购客户30天复购率',
    unit: 'ratio',
    definition:
      'of the window’s first-time buyers whose 30 days after their first order are all observed (up to the shop’s last payment day), the share with a second paid order on a local day at most 30 days after the first (the N-day repurchase rate’s rule); the usual days’ 30 days may reach into the campaign',
  },
} as const satisfies Record<string, MetricDefinition>;
