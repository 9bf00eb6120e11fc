/** `storelens analyze NAME --shop SLUG ...`: every analysis of the API, from the command line. */
import type { Command } from 'commander';
import { comparisonPeriod } from '../analyses/comparison.js';
import {
  CUSTOMER_LIST_DOWNLOAD_MAX,
  CUSTOMER_SEGMENTS,
  customerList,
  moveProblem,
  ORIGIN_SEGMENTS,
  SEGMENT_MOVES,
  type SegmentMove,
} from '../analyses/customer-list.analysis.js';
import { customers } from '../analyses/customers.analysis.js';
import { dateRange, OVERVIEW_METRICS, overview, overviewCompared } from '../analyses/overview.analysis.js';
import { productDetail } from '../analyses/product-detail.analysis.js';
import { PRODUCT_LIMIT_MAX, PRODUCT_SORTS, type ProductsResult, products } from '../analyses/products.analysis.js';
import { realtime } from '../analyses/realtime.analysis.js';
import { REPURCHASE_WINDOWS, repurchase } from '../analyses/repurchase.analysis.js';
import { RETENTION_SEGMENTS, type RetentionOptions, retention } from '../analyses/retention.analysis.js';
import { TRAFFIC_DIMENSIONS, traffic } from '../analyses/traffic.analysis.js';
import {
  type AnalysisFlags,
  addCompareFlags,
  addOutputFlags,
  analysisCommand,
  asRows,
  type CompareFlags,
  compareParamsOf,
  limitFromFlag,
  pageFromFlags,
  runAnalysis,
  runRangedAnalysis,
} from './analysis-command.js';
import { registerAnalyzeAudience } from './analyze-audience.command.js';
import { registerAnalyzeCampaignReview } from './analyze-campaign-review.command.js';
import { registerAnalyzeCategories } from './analyze-categories.command.js';
import { registerAnalyzeCustomer } from './analyze-customer.command.js';
import { registerAnalyzeDataset } from './analyze-dataset.command.js';
import { registerAnalyzeFunnel } from './analyze-funnel.command.js';
import { registerAnalyzeOrderValues } from './analyze-order-values.command.js';
import { registerAnalyzePaths } from './analyze-paths.command.js';
import { registerAnalyzePriceBands } from './analyze-price-bands.command.js';
import { registerAnalyzeProductBuyers } from './analyze-product-buyers.command.js';
import { registerAnalyzeProductDiagnosis } from './analyze-product-diagnosis.command.js';
import { registerAnalyzeRefundCustomers } from './analyze-refund-customers.command.js';
import { registerAnalyzeRefunds } from './analyze-refunds.command.js';
import { registerAnalyzeSearchTerms } from './analyze-search-terms.command.js';
import { registerAnalyzeSegmentMovement } from './analyze-segment-movement.command.js';
import { registerAnalyzeShops } from './analyze-shops.command.js';
import { registerAnalyzeTargets } from './analyze-targets.command.js';
import { addFilterFlags, filtersFromFlags } from './filter-flags.js';
import { commaList } from './output.js';

/** Refuses a flag value outside its allowed set, naming them. */
function oneOf(flag: string, value: string, allowed: readonly string[]): void {
  if (!allowed.includes(value)) throw new Error(`--${flag} ${value} is not one of ${allowed.join(', ')}`);
}

export function registerAnalyze(program: Command): void {
  const analyze = program.command('analyze').description('Run an analysis for a shop (same results as the API)');

  addOutputFlags(
    analysisCommand(analyze, 'overview', 'Core figures per day and in total for a date range (default: the 7 days ending yesterday)'),
    {
      json: 'print the full result as JSON (with --compare: the comparison period’s totals and each total’s change)',
      csv: 'print the daily rows and a total row as CSV',
    },
  ).action(async (opts: AnalysisFlags & CompareFlags) => {
    const compare = compareParamsOf(opts);
    await runAnalysis(
      'overview',
      opts,
      (scope, shop) => {
        const range = dateRange(shop, opts.from, opts.to);
        const filters = filtersFromFlags(opts);
        const other = comparisonPeriod(shop, range, compare, 'none');
        return other ? overviewCompared(scope, shop, range, filters, other) : overview(scope, shop, range, filters);
      },
      (result, shop) => ({
        rows: [...result.daily, { day: 'total', ...result.totals }],
        columns: [
          'day',
          'uv',
          'pv',
          'sessions',
          'bounce_rate',
          'paying_buyers',
          'paid_orders',
          'gmv',
          'refund_amount',
          'conversion_rate',
          'aov',
          'uv_value',
        ],
        // A file holds every figure (sessions, buyers new and returning, coupons …), as the API's does.
        csvColumns: ['day', ...OVERVIEW_METRICS],
        note: `${shop.slug}, ${result.from}..${result.to} (${shop.time_zone}, ${shop.currency}); definitions: storelens analyze overview --json`,
      }),
    );
  });

  addOutputFlags(
    analysisCommand(
      analyze,
      'traffic',
      'Visitors and buyers by channel, or by source/medium/campaign/live room/sharer (pass-through and last-touch)',
    ).option('--by <dimension>', Object.keys(TRAFFIC_DIMENSIONS).join(' | '), 'channel'),
  ).action(async (opts: AnalysisFlags & CompareFlags & { by: string }) => {
    await runRangedAnalysis(
      'traffic',
      opts,
      (scope, shop, range) => traffic(scope, shop, range, opts.by, filtersFromFlags(opts)),
      (result) => ({ rows: asRows(result.rows) }),
    );
  });

  addOutputFlags(
    analysisCommand(analyze, 'realtime', 'Today so far, hour by hour, against yesterday and the same weekday last week', {
      range: false,
    }).option('--at <instant>', 'treat this ISO 8601 instant as "now" (default: the current time)'),
  ).action(async (opts: AnalysisFlags & { at?: string }) => {
    const at = opts.at ? new Date(opts.at) : new Date();
    if (Number.isNaN(at.getTime())) throw new Error(`--at ${opts.at} is not an ISO 8601 instant, e.g. 2026-11-20T07:00:00Z`);
    await runAnalysis(
      'realtime',
      opts,
      (scope, shop) => realtime(scope, shop, at, filtersFromFlags(opts)),
      (result, shop) => {
        // One row per hour so far, today beside yesterday and last week, then the totals so far.
        const [today, yesterday, lastWeek] = result.days;
        const rows: Array<Record<string, unknown>> = [];
        for (let h = 0; h <= result.hour; h++) {
          rows.push({
            hour: h,
            uv: today?.hourly[h]?.uv,
            uv_yesterday: yesterday?.hourly[h]?.uv,
            uv_last_week: lastWeek?.hourly[h]?.uv,
            gmv: today?.hourly[h]?.gmv,
            gmv_yesterday: yesterday?.hourly[h]?.gmv,
            gmv_last_week: lastWeek?.hourly[h]?.gmv,
          });
        }
        rows.push({
          hour: 'so far',
          uv: today?.soFar.uv,
          uv_yesterday: yesterday?.soFar.uv,
          uv_last_week: lastWeek?.soFar.uv,
          gmv: today?.soFar.gmv,
          gmv_yesterday: yesterday?.soFar.gmv,
          gmv_last_week: lastWeek?.soFar.gmv,
        });
        return { rows, note: `${shop.slug}, ${today?.day} up to ${result.hour}:59 (${shop.time_zone}, ${shop.currency})` };
      },
    );
  });

  addOutputFlags(
    analysisCommand(analyze, 'products', 'Products ranked by engagement and sales over a date range (default: the 7 days ending yesterday)')
      .option('--sort <metric>', Object.keys(PRODUCT_SORTS).join(' | '), 'gmv')
      .option('--category <list>', 'only these categories, comma-separated')
      .option('--limit <n>', `how many products (1-${PRODUCT_LIMIT_MAX})`, '50'),
  ).action(async (opts: AnalysisFlags & CompareFlags & { sort: string; category?: string; limit: string }) => {
    const limit = limitFromFlag(opts.limit, PRODUCT_LIMIT_MAX);
    await runRangedAnalysis<ProductsResult>(
      'products',
      opts,
      (scope, shop, range, sameRowsAs) =>
        products(
          scope,
          shop,
          range,
          { sort: opts.sort, categories: commaList(opts.category), limit, products: sameRowsAs?.rows.map((r) => r.product_id) },
          filtersFromFlags(opts, { category: false }),
        ),
      (result, shop) => ({
        rows: asRows(result.rows),
        note: `${result.rows.length} of ${result.productsTotal} products, ${result.from}..${result.to}, by ${result.sort} (${shop.currency})`,
      }),
      { sameRows: true },
    );
  });

  addOutputFlags(
    analysisCommand(analyze, 'product', 'One product: its daily trend and the products bought together with it')
      .requiredOption('--product <id>', 'product id')
      .option('--together', 'print the products bought together instead of the trend'),
    { json: 'print JSON (trend and bought-together)' },
  ).action(async (opts: AnalysisFlags & CompareFlags & { product: string; together?: boolean }) => {
    await runRangedAnalysis(
      'product',
      opts,
      (scope, shop, range) => productDetail(scope, shop, opts.product, range, undefined, filtersFromFlags(opts)),
      (result, shop) => ({
        rows: asRows(opts.together ? result.boughtTogether : result.trend),
        note: `${opts.product} in ${shop.slug}, ${result.from}..${result.to}: ${result.anchorOrders} paid orders contain it`,
      }),
    );
  });

  const sections = ['cohorts', 'intervals', 'channel', 'live_room', 'category', 'product', 'refund', 'discount', 'value'] as const;
  addOutputFlags(
    analysisCommand(
      analyze,
      'repurchase',
      'Repurchase by first-purchase month, days between purchases, second-order rates by first channel/category/product',
    ).option('--by <section>', sections.join(' | '), 'cohorts'),
    { json: 'print JSON (every section)' },
  ).action(async (opts: AnalysisFlags & CompareFlags & { by: string }) => {
    oneOf('by', opts.by, sections);
    await runRangedAnalysis(
      'repurchase',
      opts,
      (scope, shop, range) => repurchase(scope, shop, range, undefined, filtersFromFlags(opts)),
      (result) => {
        if (opts.by === 'cohorts')
          return {
            rows: result.cohorts.map((c) => ({
              cohort: c.cohort,
              customers: c.customers,
              ...Object.fromEntries(REPURCHASE_WINDOWS.map((w) => [`rate_${w}d`, c.windows[String(w)]?.rate ?? ''])),
            })),
            note: 'empty rate: the window is not yet over for any customer of the cohort',
          };
        if (opts.by === 'intervals')
          return {
            rows: result.intervals.histogram,
            note: `${result.intervals.gaps} gaps; median ${result.intervals.median_days ?? '—'} days`,
          };
        return { rows: asRows(result.secondOrder[opts.by as keyof typeof result.secondOrder]) };
      },
    );
  });

  addOutputFlags(
    analysisCommand(analyze, 'customers', 'RFM segments as of the last day of the range, or the monthly lifecycle', {
      to: 'last day and the RFM as-of day, YYYY-MM-DD (shop-local)',
    }).option('--lifecycle', 'print the monthly lifecycle instead of the segments'),
    { json: 'print JSON (segments, R×F grid and lifecycle)' },
  ).action(async (opts: AnalysisFlags & CompareFlags & { lifecycle?: boolean }) => {
    await runRangedAnalysis(
      'customers',
      opts,
      (scope, shop, range) => customers(scope, shop, range, filtersFromFlags(opts)),
      (result, shop) => ({
        rows: asRows(opts.lifecycle ? result.lifecycle : result.segments),
        note: `${result.customers} customers with a paid order on or before ${result.at} (${shop.currency})`,
      }),
    );
  });

  addOutputFlags(
    analysisCommand(analyze, 'customer-list', 'The customers of an RFM segment (or all scored ones), largest spenders first', {
      to: 'the RFM as-of day, YYYY-MM-DD (shop-local)',
    })
      .option('--segment <name>', CUSTOMER_SEGMENTS.join(' | '))
      .option('--from-segment <name>', `only those in this segment the day before the range: ${ORIGIN_SEGMENTS.join(' | ')}`)
      .option(
        '--move <flow>',
        `with --segment, the customers behind one of its flows: ${SEGMENT_MOVES.join(' | ')} (out: listed in the segment they are in now)`,
      )
      .option('--limit <n>', `customers to print (at most ${CUSTOMER_LIST_DOWNLOAD_MAX})`, '100')
      .option('--offset <n>', 'skip this many first', '0'),
    { json: 'print JSON (with the total and definitions)', csv: 'print the customers as CSV' },
  ).action(async (opts: AnalysisFlags & { segment?: string; fromSegment?: string; move?: string; limit: string; offset: string }) => {
    if (opts.segment) oneOf('segment', opts.segment, CUSTOMER_SEGMENTS);
    if (opts.fromSegment) oneOf('from-segment', opts.fromSegment, ORIGIN_SEGMENTS);
    if (opts.move) oneOf('move', opts.move, SEGMENT_MOVES);
    const move = (opts.move ?? null) as SegmentMove | null;
    const problem = moveProblem(opts.segment ?? null, opts.fromSegment ?? null, move);
    if (problem) throw new Error(problem);
    const { limit, offset } = pageFromFlags(opts, CUSTOMER_LIST_DOWNLOAD_MAX);
    await runAnalysis(
      'customer-list',
      opts,
      (scope, shop) =>
        customerList(
          scope,
          shop,
          dateRange(shop, opts.from, opts.to),
          {
            ...(opts.segment ? { segment: opts.segment } : {}),
            ...(opts.fromSegment ? { fromSegment: opts.fromSegment } : {}),
            ...(move ? { move } : {}),
            limit,
            offset,
          },
          filtersFromFlags(opts),
        ),
      (result, shop) => ({
        rows: asRows(result.customers),
        note: `${result.customers.length} of ${result.total} customers${result.segment ? ` in ${result.segment}` : ''}${result.from_segment ? ` who were ${result.from_segment} on ${result.before}` : ''}${result.move ? ` (moved ${result.move} since ${result.before})` : ''}, scored as of ${result.at} (${shop.currency})`,
      }),
    );
  });

  addOutputFlags(
    analysisCommand(analyze, 'retention', 'First-time cohorts and how many return in each later period (a cohort matrix)', {
      from: 'cohorts whose first day is on or after, YYYY-MM-DD (shop-local)',
      to: 'cohorts whose first day is on or before, YYYY-MM-DD (shop-local)',
    })
      .option('--cohort <event>', 'first_purchase | first_visit | first_event', 'first_purchase')
      .option('--cohort-event <name>', 'with --cohort first_event: the event that starts a cohort')
      .option('--return <event>', 'purchase | visit | event', 'purchase')
      .option('--return-event <name>', 'with --return event: the event that counts as a return')
      .option('--recurring', 'recurring cohorts: a person joins every period they did the cohort event in')
      .option('--segment <by>', RETENTION_SEGMENTS.join(' | '), 'none')
      .option('--ltv', 'print revenue per member (cumulative) instead of rates')
      .option('--period <unit>', 'day | week | month', 'month')
      .option('--week-start <day>', 'monday | sunday', 'monday')
      .option('--on-or-after', 'count people in period k or later (cumulative)')
      .option('--periods <n>', 'periods after the first'),
  ).action(
    async (
      opts: AnalysisFlags &
        CompareFlags & {
          cohort: string;
          cohortEvent?: string;
          return: string;
          returnEvent?: string;
          recurring?: boolean;
          segment: string;
          ltv?: boolean;
          period: string;
          weekStart: string;
          onOrAfter?: boolean;
          periods?: string;
        },
    ) => {
      oneOf('cohort', opts.cohort, ['first_purchase', 'first_visit', 'first_event']);
      oneOf('return', opts.return, ['purchase', 'visit', 'event']);
      oneOf('segment', opts.segment, RETENTION_SEGMENTS);
      oneOf('period', opts.period, ['day', 'week', 'month']);
      oneOf('week-start', opts.weekStart, ['monday', 'sunday']);
      const options: RetentionOptions = {
        cohort: opts.cohort as RetentionOptions['cohort'],
        cohortEvent: opts.cohortEvent,
        returnEvent: opts.return as RetentionOptions['returnEvent'],
        returnName: opts.returnEvent,
        cohortType: opts.recurring ? 'recurring' : 'first_time',
        segmentBy: opts.segment as RetentionOptions['segmentBy'],
        period: opts.period as RetentionOptions['period'],
        weekStart: opts.weekStart as 'monday' | 'sunday',
        cumulative: Boolean(opts.onOrAfter),
        periods: opts.periods === undefined ? undefined : Number(opts.periods),
      };
      await runRangedAnalysis(
        'retention',
        opts,
        (scope, shop, range) => retention(scope, shop, range, options, filtersFromFlags(opts)),
        (result, shop) => ({
          rows: result.cohorts.map((c) => ({
            ...(opts.segment === 'none' ? {} : { segment: c.segment }),
            cohort: c.cohort,
            size: c.size,
            ...Object.fromEntries((opts.ltv ? c.revenue_per_member : c.rates).map((r, k) => [`${opts.period}_${k}`, r === null ? '' : r])),
          })),
          note: opts.ltv
            ? `revenue per member, cumulative (${shop.currency}); empty = not observed yet (payments up to ${result.revenueObservedUntil ?? 'none'})`
            : `rates; empty = not observed yet (return activity up to ${result.observedUntil ?? 'none'})`,
        }),
      );
    },
  );
  registerAnalyzeFunnel(analyze);
  registerAnalyzePaths(analyze);
  registerAnalyzeSearchTerms(analyze);
  registerAnalyzePriceBands(analyze);
  registerAnalyzeCategories(analyze);
  registerAnalyzeOrderValues(analyze);
  registerAnalyzeTargets(analyze);
  registerAnalyzeCampaignReview(analyze);
  registerAnalyzeProductDiagnosis(analyze);
  registerAnalyzeRefunds(analyze);
  registerAnalyzeRefundCustomers(analyze);
  registerAnalyzeSegmentMovement(analyze);
  registerAnalyzeProductBuyers(analyze);
  registerAnalyzeAudience(analyze);
  registerAnalyzeShops(analyze);
  registerAnalyzeDataset(analyze);
  for (const command of analyze.commands) addFilterFlags(command);
  // One customer is one customer: no filters to take (a flag given anyway is an unknown option).
  registerAnalyzeCustomer(analyze);
  // Every analysis over a date range takes a comparison period, as on the API (the overview's
  // comparison carries each total's change); real time compares with yesterday and last week,
  // and a customer list has no comparison.
  const compared = [
    'overview',
    'traffic',
    'products',
    'product',
    'repurchase',
    'customers',
    'retention',
    'funnel',
    'paths',
    'search-terms',
    'price-bands',
    'categories',
    'order-values',
    'refunds',
    'segment-movement',
    // Always compared (with the period before by default): the flags pick another period.
    'product-diagnosis',
  ];
  for (const command of analyze.commands) if (compared.includes(command.name())) addCompareFlags(command);
}
