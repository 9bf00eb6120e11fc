import type { Command } from 'commander';
import { customers } from '../analyses/customers.analysis.js';
import { dateRange, overview, overviewCompared } from '../analyses/overview.analysis.js';
import { productDetail } from '../analyses/product-detail.analysis.js';
import { PRODUCT_LIMIT_MAX, PRODUCT_SORTS, products } from '../analyses/products.analysis.js';
import { realtime } from '../analyses/realtime.analysis.js';
import { REPURCHASE_WINDOWS, repurchase } from '../analyses/repurchase.analysis.js';
import { type RetentionOptions, retention } from '../analyses/retention.analysis.js';
import { TRAFFIC_DIMENSIONS, traffic } from '../analyses/traffic.analysis.js';
import { ShopsRepo } from '../metadata/index.js';
import { registerAnalyzeFunnel } from './analyze-funnel.command.js';
import { addFilterFlags, filtersFromFlags } from './filter-flags.js';
import { commaList, notice, outputFormat, printRows } from './output.js';
import { withStores } from './with-stores.js';

export function registerAnalyze(program: Command): void {
  const analyze = program.command('analyze').description('Run an analysis for a shop (same results as the API)');
  analyze
    .command('overview')
    .description('Core figures per day and in total for a date range (default: the 7 days ending yesterday)')
    .requiredOption('--shop <slug>', 'shop')
    .option('--from <date>', 'first day, YYYY-MM-DD (shop-local)')
    .option('--to <date>', 'last day, YYYY-MM-DD (shop-local)')
    .option('--channel <list>', 'only these channels, comma-separated')
    .option('--device <list>', 'only these devices, comma-separated')
    .option('--region <list>', 'only these regions, comma-separated')
    .option('--compare', 'add the previous period of the same length and each total’s change (with --json)')
    .option('--json', 'print the full result as JSON')
    .option('--csv', 'print the daily rows and a total row as CSV')
    .action(
      async (opts: {
        shop: string;
        from?: string;
        to?: string;
        channel?: string;
        device?: string;
        region?: string;
        compare?: boolean;
        json?: boolean;
        csv?: boolean;
      }) => {
        await withStores('analyze overview', async (stores) => {
          const shop = await new ShopsRepo(stores.metadata).getBySlug(opts.shop);
          const filters = filtersFromFlags(opts);
          const range = dateRange(shop, opts.from, opts.to);
          const scope = stores.warehouse.forShop(shop.id);
          const result = opts.compare ? await overviewCompared(scope, shop, range, filters) : await overview(scope, shop, range, filters);
          if (opts.json) {
            process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
            return;
          }
          const rows = [...result.daily, { day: 'total', ...result.totals }] as Array<Record<string, unknown>>;
          printRows(rows, outputFormat(opts), [
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
          ]);
          if (!opts.csv)
            notice(
              `${shop.slug}, ${result.from}..${result.to} (${shop.time_zone}, ${shop.currency}); definitions: storelens analyze overview --json`,
            );
        });
      },
    );

  analyze
    .command('traffic')
    .description('Visitors and buyers by channel, or by source/medium/campaign/live room/sharer (pass-through and last-touch)')
    .requiredOption('--shop <slug>', 'shop')
    .option('--from <date>', 'first day, YYYY-MM-DD (shop-local)')
    .option('--to <date>', 'last day, YYYY-MM-DD (shop-local)')
    .option('--by <dimension>', Object.keys(TRAFFIC_DIMENSIONS).join(' | '), 'channel')
    .option('--channel <list>', 'only these channels, comma-separated')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .action(async (opts: { shop: string; from?: string; to?: string; by: string; channel?: string; json?: boolean; csv?: boolean }) => {
      await withStores('analyze traffic', async (stores) => {
        const shop = await new ShopsRepo(stores.metadata).getBySlug(opts.shop);
        const result = await traffic(
          stores.warehouse.forShop(shop.id),
          shop,
          dateRange(shop, opts.from, opts.to),
          opts.by,
          filtersFromFlags(opts),
        );
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          return;
        }
        printRows(result.rows as unknown as Array<Record<string, unknown>>, outputFormat(opts));
      });
    });

  analyze
    .command('realtime')
    .description('Today so far, hour by hour, against yesterday and the same weekday last week')
    .requiredOption('--shop <slug>', 'shop')
    .option('--at <instant>', 'treat this ISO 8601 instant as "now" (default: the current time)')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .action(async (opts: { shop: string; at?: string; json?: boolean; csv?: boolean }) => {
      await withStores('analyze realtime', async (stores) => {
        const shop = await new ShopsRepo(stores.metadata).getBySlug(opts.shop);
        const at = opts.at ? new Date(opts.at) : new Date();
        if (Number.isNaN(at.getTime())) throw new Error(`--at ${opts.at} is not an ISO 8601 instant, e.g. 2026-11-20T07:00:00Z`);
        const result = await realtime(stores.warehouse.forShop(shop.id), shop, at, filtersFromFlags(opts));
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          return;
        }
        // One row per hour so far, today beside yesterday and last week.
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
        printRows(rows, outputFormat(opts));
        if (!opts.csv) notice(`${shop.slug}, ${today?.day} up to ${result.hour}:59 (${shop.time_zone}, ${shop.currency})`);
      });
    });

  analyze
    .command('products')
    .description('Products ranked by engagement and sales over a date range (default: the 7 days ending yesterday)')
    .requiredOption('--shop <slug>', 'shop')
    .option('--from <date>', 'first day, YYYY-MM-DD (shop-local)')
    .option('--to <date>', 'last day, YYYY-MM-DD (shop-local)')
    .option('--sort <metric>', Object.keys(PRODUCT_SORTS).join(' | '), 'gmv')
    .option('--category <list>', 'only these categories, comma-separated')
    .option('--limit <n>', `how many products (1-${PRODUCT_LIMIT_MAX})`, '50')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .action(
      async (opts: {
        shop: string;
        from?: string;
        to?: string;
        sort: string;
        category?: string;
        limit: string;
        json?: boolean;
        csv?: boolean;
      }) => {
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > PRODUCT_LIMIT_MAX)
          throw new Error(`--limit ${opts.limit} must be a whole number from 1 to ${PRODUCT_LIMIT_MAX}`);
        await withStores('analyze products', async (stores) => {
          const shop = await new ShopsRepo(stores.metadata).getBySlug(opts.shop);
          const categories = commaList(opts.category);
          const result = await products(
            stores.warehouse.forShop(shop.id),
            shop,
            dateRange(shop, opts.from, opts.to),
            {
              sort: opts.sort,
              categories,
              limit,
            },
            filtersFromFlags(opts, { category: false }),
          );
          if (opts.json) {
            process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
            return;
          }
          printRows(result.rows as unknown as Array<Record<string, unknown>>, outputFormat(opts));
          if (!opts.csv)
            notice(
              `${result.rows.length} of ${result.productsTotal} products, ${result.from}..${result.to}, by ${result.sort} (${shop.currency})`,
            );
        });
      },
    );

  analyze
    .command('product')
    .description('One product: its daily trend and the products bought together with it')
    .requiredOption('--shop <slug>', 'shop')
    .requiredOption('--product <id>', 'product id')
    .option('--from <date>', 'first day, YYYY-MM-DD (shop-local)')
    .option('--to <date>', 'last day, YYYY-MM-DD (shop-local)')
    .option('--together', 'print the products bought together instead of the trend')
    .option('--json', 'print JSON (trend and bought-together)')
    .option('--csv', 'print CSV')
    .action(
      async (opts: { shop: string; product: string; from?: string; to?: string; together?: boolean; json?: boolean; csv?: boolean }) => {
        await withStores('analyze product', async (stores) => {
          const shop = await new ShopsRepo(stores.metadata).getBySlug(opts.shop);
          const result = await productDetail(
            stores.warehouse.forShop(shop.id),
            shop,
            opts.product,
            dateRange(shop, opts.from, opts.to),
            undefined,
            filtersFromFlags(opts),
          );
          if (opts.json) {
            process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
            return;
          }
          const rows = (opts.together ? result.boughtTogether : result.trend) as unknown as Array<Record<string, unknown>>;
          printRows(rows, outputFormat(opts));
          if (!opts.csv)
            notice(`${opts.product} in ${shop.slug}, ${result.from}..${result.to}: ${result.anchorOrders} paid orders contain it`);
        });
      },
    );

  analyze
    .command('repurchase')
    .description('Repurchase by first-purchase month, days between purchases, second-order rates by first channel/category/product')
    .requiredOption('--shop <slug>', 'shop')
    .option('--from <date>', 'first day, YYYY-MM-DD (shop-local)')
    .option('--to <date>', 'last day, YYYY-MM-DD (shop-local)')
    .option('--by <section>', 'cohorts | intervals | channel | category | product', 'cohorts')
    .option('--json', 'print JSON (every section)')
    .option('--csv', 'print CSV')
    .action(async (opts: { shop: string; from?: string; to?: string; by: string; json?: boolean; csv?: boolean }) => {
      const sections = ['cohorts', 'intervals', 'channel', 'category', 'product'];
      if (!sections.includes(opts.by)) throw new Error(`--by ${opts.by} is not one of ${sections.join(', ')}`);
      await withStores('analyze repurchase', async (stores) => {
        const shop = await new ShopsRepo(stores.metadata).getBySlug(opts.shop);
        const result = await repurchase(
          stores.warehouse.forShop(shop.id),
          shop,
          dateRange(shop, opts.from, opts.to),
          undefined,
          filtersFromFlags(opts),
        );
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          return;
        }
        let rows: Array<Record<string, unknown>>;
        if (opts.by === 'cohorts')
          rows = result.cohorts.map((c) => ({
            cohort: c.cohort,
            customers: c.customers,
            ...Object.fromEntries(REPURCHASE_WINDOWS.map((w) => [`rate_${w}d`, c.windows[String(w)]?.rate ?? ''])),
          }));
        else if (opts.by === 'intervals') rows = result.intervals.histogram;
        else rows = result.secondOrder[opts.by as 'channel' | 'category' | 'product'] as unknown as Array<Record<string, unknown>>;
        printRows(rows, outputFormat(opts));
        if (!opts.csv && opts.by === 'intervals')
          notice(`${result.intervals.gaps} gaps; median ${result.intervals.median_days ?? '—'} days`);
        if (!opts.csv && opts.by === 'cohorts') notice('empty rate: the window is not yet over for any customer of the cohort');
      });
    });

  analyze
    .command('customers')
    .description('RFM segments as of the last day of the range, or the monthly lifecycle')
    .requiredOption('--shop <slug>', 'shop')
    .option('--from <date>', 'first day, YYYY-MM-DD (shop-local)')
    .option('--to <date>', 'last day and the RFM as-of day, YYYY-MM-DD (shop-local)')
    .option('--lifecycle', 'print the monthly lifecycle instead of the segments')
    .option('--json', 'print JSON (segments, R×F grid and lifecycle)')
    .option('--csv', 'print CSV')
    .action(async (opts: { shop: string; from?: string; to?: string; lifecycle?: boolean; json?: boolean; csv?: boolean }) => {
      await withStores('analyze customers', async (stores) => {
        const shop = await new ShopsRepo(stores.metadata).getBySlug(opts.shop);
        const result = await customers(
          stores.warehouse.forShop(shop.id),
          shop,
          dateRange(shop, opts.from, opts.to),
          filtersFromFlags(opts),
        );
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          return;
        }
        printRows((opts.lifecycle ? result.lifecycle : result.segments) as unknown as Array<Record<string, unknown>>, outputFormat(opts));
        if (!opts.csv) notice(`${result.customers} customers with a paid order on or before ${result.at} (${shop.currency})`);
      });
    });

  analyze
    .command('retention')
    .description('First-time cohorts and how many return in each later period (a cohort matrix)')
    .requiredOption('--shop <slug>', 'shop')
    .option('--from <date>', 'cohorts whose first day is on or after, YYYY-MM-DD (shop-local)')
    .option('--to <date>', 'cohorts whose first day is on or before, YYYY-MM-DD (shop-local)')
    .option('--cohort <event>', 'first_purchase | first_visit | first_event', 'first_purchase')
    .option('--cohort-event <name>', 'with --cohort first_event: the event that starts a cohort')
    .option('--return <event>', 'purchase | visit | event', 'purchase')
    .option('--return-event <name>', 'with --return event: the event that counts as a return')
    .option('--recurring', 'recurring cohorts: a person joins every period they did the cohort event in')
    .option('--segment <by>', 'none | first_channel | first_category', 'none')
    .option('--ltv', 'print revenue per member (cumulative) instead of rates')
    .option('--period <unit>', 'day | week | month', 'month')
    .option('--week-start <day>', 'monday | sunday', 'monday')
    .option('--on-or-after', 'count people in period k or later (cumulative)')
    .option('--periods <n>', 'periods after the first')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .action(
      async (opts: {
        shop: string;
        from?: string;
        to?: string;
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
        json?: boolean;
        csv?: boolean;
      }) => {
        const check = (name: string, value: string, allowed: string[]) => {
          if (!allowed.includes(value)) throw new Error(`--${name} ${value} is not one of ${allowed.join(', ')}`);
        };
        check('cohort', opts.cohort, ['first_purchase', 'first_visit', 'first_event']);
        check('return', opts.return, ['purchase', 'visit', 'event']);
        check('segment', opts.segment, ['none', 'first_channel', 'first_category']);
        check('period', opts.period, ['day', 'week', 'month']);
        check('week-start', opts.weekStart, ['monday', 'sunday']);
        await withStores('analyze retention', async (stores) => {
          const shop = await new ShopsRepo(stores.metadata).getBySlug(opts.shop);
          const result = await retention(
            stores.warehouse.forShop(shop.id),
            shop,
            dateRange(shop, opts.from, opts.to),
            {
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
            },
            filtersFromFlags(opts),
          );
          if (opts.json) {
            process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
            return;
          }
          const rows = result.cohorts.map((c) => ({
            ...(opts.segment === 'none' ? {} : { segment: c.segment }),
            cohort: c.cohort,
            size: c.size,
            ...Object.fromEntries((opts.ltv ? c.revenue_per_member : c.rates).map((r, k) => [`${opts.period}_${k}`, r === null ? '' : r])),
          }));
          printRows(rows, outputFormat(opts));
          if (!opts.csv)
            notice(
              opts.ltv
                ? `revenue per member, cumulative (${shop.currency}); empty = not observed yet (payments up to ${result.revenueObservedUntil ?? 'none'})`
                : `rates; empty = not observed yet (return activity up to ${result.observedUntil ?? 'none'})`,
            );
        });
      },
    );
  registerAnalyzeFunnel(analyze);
  for (const command of analyze.commands) addFilterFlags(command);
}
