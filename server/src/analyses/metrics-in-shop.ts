/**
 * The written definitions of what visitors do inside the shop session by session: the steps of
 * their paths (paths.analysis.ts) and their in-shop searches (search-terms.analysis.ts). Part of
 * the one metric catalogue (metrics-catalogue.ts), which serves them with results and renders
 * docs/metrics.md.
 */
// A type-only import: erased at run time, so the two modules do not load each other.
import type { MetricDefinition } from './metrics-catalogue.js';

export const IN_SHOP_METRICS = {
  path_step: {
    label: 'Step',
    labelZh: '路径节点',
    unit: 'text',
    definition:
      'a step of a session’s path: its event’s name, a page_view’s with its page property (page_view:home) when it has one; steps outside the N with the most events in the period are (other); events in time order (at one instant, in the order of their step names, (other) first); repeats in a row are one step; with a start step, a path begins at the session’s first event of it and sessions without one are left out',
  },
  session_share: {
    label: 'Share of sessions',
    labelZh: '访问占比',
    unit: 'ratio',
    definition: 'sessions entering at the step / all sessions of the period',
  },
  paid_sessions: {
    label: 'Paying sessions',
    labelZh: '支付访问数',
    unit: 'count',
    definition: 'sessions with an order_paid event (paths with a start step: at or after the session’s first event of it)',
  },
  session_conversion: { label: 'Session conversion', labelZh: '访问支付转化率', unit: 'ratio', definition: 'paying sessions / sessions' },
  sessions_through: {
    label: 'Sessions through',
    labelZh: '经过访问数',
    unit: 'count',
    definition: 'sessions whose path has the step anywhere, each session once',
  },
  exits: { label: 'Exits', labelZh: '离开访问数', unit: 'count', definition: 'sessions whose path ends at the step (its last event)' },
  exit_rate: { label: 'Exit rate', labelZh: '离开率', unit: 'ratio', definition: 'exits / sessions through the step' },
  search_term: {
    label: 'Search term',
    labelZh: '搜索词',
    unit: 'text',
    definition: 'the search_term of a search event in the shop, trimmed and in lower case ("Green Tea " and "green tea" are one term)',
  },
  searches: { label: 'Searches', labelZh: '搜索次数', unit: 'count', definition: 'search events with the term' },
  searchers: {
    label: 'Searchers',
    labelZh: '搜索人数',
    unit: 'count',
    definition: 'distinct visitors who searched the term (in the totals: any term, each visitor once)',
  },
  viewed_after: {
    label: 'Viewed a product after',
    labelZh: '搜索后浏览人数',
    unit: 'count',
    definition:
      'searchers with a product_view later in a session where they searched the term (at or after that session’s first search for it; a session is one session id on one local day)',
  },
  carted_after: {
    label: 'Added to cart after',
    labelZh: '搜索后加购人数',
    unit: 'count',
    definition: 'searchers with an add_to_cart later in a session where they searched the term (at or after its first search for it)',
  },
  paid_after: {
    label: 'Paid after',
    labelZh: '搜索后支付人数',
    unit: 'count',
    definition: 'searchers with an order_paid later in a session where they searched the term (at or after its first search for it)',
  },
  search_view_rate: {
    label: 'Search click-through',
    labelZh: '搜索点击率',
    unit: 'ratio',
    definition: 'viewed a product after / searchers',
  },
  search_conversion: { label: 'Search conversion', labelZh: '搜索支付转化率', unit: 'ratio', definition: 'paid after / searchers' },
  search_share: {
    label: 'Share of searches',
    labelZh: '搜索占比',
    unit: 'ratio',
    definition: 'searches of the term / all searches in the period',
  },
} as const satisfies Record<string, MetricDefinition>;
