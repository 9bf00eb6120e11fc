/** Analyses over HTTP: GET /api/v1/shops/:shop/analyses/<name>. */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { comparisonPeriod } from '../analyses/comparison.js';
import { dataDays } from '../analyses/data-days.js';
import { filterValues } from '../analyses/filter-values.js';
import { dateRange, overview, overviewCompared } from '../analyses/overview.analysis.js';
import { PATH_DEPTH, PATH_TOP, type PathsResult, paths } from '../analyses/paths.analysis.js';
import { productDetail } from '../analyses/product-detail.analysis.js';
import { PRODUCT_LIMIT_MAX, PRODUCT_SORTS, type ProductsResult, products } from '../analyses/products.analysis.js';
import { realtime } from '../analyses/realtime.analysis.js';
import { repurchase } from '../analyses/repurchase.analysis.js';
import {
  RETENTION_COHORT_TYPES,
  RETENTION_COHORTS,
  RETENTION_MAX_PERIODS,
  RETENTION_PERIODS,
  RETENTION_RETURNS,
  RETENTION_SEGMENTS,
  type RetentionOptions,
  retention,
} from '../analyses/retention.analysis.js';
import {
  SEARCH_TERM_SORTS,
  SEARCH_TERMS_LIMIT,
  type SearchTermSort,
  type SearchTermsResult,
  searchTerms,
} from '../analyses/search-terms.analysis.js';
import { TRAFFIC_DIMENSIONS, traffic } from '../analyses/traffic.analysis.js';
import { shopOf } from '../auth/access.js';
import { exportable, exportQuery } from '../exports/respond.js';
import type { Stores } from '../store/open-stores.js';
import {
  type CompareParams,
  type FilterParams,
  FilterValues,
  filterQuery,
  filtersOf,
  oneOf,
  rangedAnalysis,
  rangedQuery,
  ShopParams,
} from './analysis-query.js';

const EventName = Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$', description: 'an event name, e.g. add_to_cart' });

export function analysesRoutes(app: FastifyInstance, stores: Stores): void {
  app.get(
    '/api/v1/shops/:shop/analyses/overview',
    {
      // The Overview page and the home page's trend: dashboards every member sees (shop.view).
      config: { access: 'shop.view' },
      schema: {
        tags: ['analyses'],
        summary: 'Core figures for a date range: totals, a daily series, and each metric’s definition',
        description: 'Days are calendar days in the shop’s time zone. Default range: the 7 days ending yesterday.',
        params: ShopParams,
        querystring: rangedQuery({}, { compare: 'previous' }),
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const q = request.query as { from?: string; to?: string } & CompareParams & FilterParams;
      const range = dateRange(shop, q.from, q.to);
      const filters = filtersOf(q);
      // The scope binds this shop into the query; nothing from the request reaches SQL as text.
      const scope = stores.warehouse.forShop(shop.id);
      const other = comparisonPeriod(shop, range, q, 'previous');
      const result = other ? await overviewCompared(scope, shop, range, filters, other) : await overview(scope, shop, range, filters);
      return exportable(request, reply, stores, 'overview', result);
    },
  );

  app.get(
    '/api/v1/shops/:shop/analyses/traffic',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['analyses'],
        summary: 'Visitors and buyers by channel (or source, medium, campaign, live room, sharer), pass-through and last-touch',
        params: ShopParams,
        querystring: rangedQuery({ by: Type.Optional(oneOf(Object.keys(TRAFFIC_DIMENSIONS), 'channel')) }),
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const q = request.query as { from?: string; to?: string; by?: string } & FilterParams & CompareParams;
      return rangedAnalysis(request, reply, stores, 'traffic', q, (range) =>
        traffic(stores.warehouse.forShop(shop.id), shop, range, q.by ?? 'channel', filtersOf(q)),
      );
    },
  );

  app.get(
    '/api/v1/shops/:shop/analyses/realtime',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['analyses'],
        summary: 'Today so far, hour by hour, against yesterday and the same weekday last week (like for like up to the current hour)',
        params: ShopParams,
        querystring: Type.Object(
          {
            at: Type.Optional(
              Type.String({
                format: 'date-time',
                description: 'the instant to treat as "now" (ISO 8601); default: the current time',
              }),
            ),
            ...filterQuery(),
            ...exportQuery(),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const q = request.query as { at?: string } & FilterParams;
      return exportable(
        request,
        reply,
        stores,
        'realtime',
        await realtime(stores.warehouse.forShop(shop.id), shop, q.at ? new Date(q.at) : new Date(), filtersOf(q)),
      );
    },
  );

  app.get(
    '/api/v1/shops/:shop/filter-values',
    {
      // The filters' choices on every page, the dashboards a viewer sees included.
      config: { access: 'shop.view' },
      schema: {
        tags: ['analyses'],
        summary: 'The categories, regions and live rooms this shop’s data has, most seen first (for filter suggestions)',
        description:
          'Categories from the catalogue, product views and order lines; regions and live rooms from events and orders; at most 1,000 of each. Any other value may still be given as a filter (it then matches nothing).',
        params: ShopParams,
        // It takes nothing: a parameter given anyway is a mistake worth a 400, as on every route.
        querystring: Type.Object({}, { additionalProperties: false }),
        response: {
          200: Type.Object({
            categories: Type.Array(Type.String()),
            regions: Type.Array(Type.String()),
            live_rooms: Type.Array(Type.String()),
          }),
        },
      },
    },
    async (request) => filterValues(stores.warehouse.forShop(shopOf(request).id)),
  );

  app.get(
    '/api/v1/shops/:shop/data-days',
    {
      // Which days hold data: the notice above every page's figures, a viewer's included.
      config: { access: 'shop.view' },
      schema: {
        tags: ['analyses'],
        summary: 'The shop-local days this shop’s data covers: its first and last event or order (null when it has none)',
        params: ShopParams,
        querystring: Type.Object({}, { additionalProperties: false }),
        response: {
          200: Type.Object({ first_day: Type.Union([Type.String(), Type.Null()]), last_day: Type.Union([Type.String(), Type.Null()]) }),
        },
      },
    },
    async (request) => dataDays(stores.warehouse.forShop(shopOf(request).id)),
  );

  app.get(
    '/api/v1/shops/:shop/analyses/products',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['analyses'],
        summary: 'Products ranked by views, visitors, cart adds, buyers, orders, units, payment amount, refunds or view-to-pay conversion',
        params: ShopParams,
        querystring: rangedQuery(
          {
            sort: Type.Optional(oneOf(Object.keys(PRODUCT_SORTS), 'gmv')),
            category: Type.Optional({ ...FilterValues, description: 'products in these categories' }),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PRODUCT_LIMIT_MAX, default: 50 })),
          },
          { categoryFilter: false },
        ),
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const q = request.query as { from?: string; to?: string; sort?: string; category?: string[]; limit?: number } & FilterParams &
        CompareParams;
      // category here picks products (by their category), so it is not also a row filter.
      const filters = filtersOf({ ...q, category: [] });
      return rangedAnalysis<ProductsResult>(
        request,
        reply,
        stores,
        'products',
        q,
        (range, sameRowsAs) =>
          products(
            stores.warehouse.forShop(shop.id),
            shop,
            range,
            { sort: q.sort, categories: q.category ?? [], limit: q.limit, products: sameRowsAs?.rows.map((r) => r.product_id) },
            filters,
          ),
        { sameRows: true },
      );
    },
  );

  app.get(
    '/api/v1/shops/:shop/analyses/search-terms',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['analyses'],
        summary: 'In-shop search terms: searches, searchers, and who viewed a product, added to cart or paid after searching',
        description:
          'A term is trimmed and lower-cased; "after" is later in the same session than its first search for the term. A comparison period has the same terms as the period’s rows.',
        params: ShopParams,
        querystring: rangedQuery({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: SEARCH_TERMS_LIMIT.max, default: SEARCH_TERMS_LIMIT.default })),
          sort: Type.Optional(oneOf(SEARCH_TERM_SORTS, 'searches')),
        }),
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const q = request.query as { from?: string; to?: string; limit?: number; sort?: SearchTermSort } & FilterParams & CompareParams;
      return rangedAnalysis<SearchTermsResult>(
        request,
        reply,
        stores,
        'search_terms',
        q,
        (range, sameRowsAs) =>
          searchTerms(
            stores.warehouse.forShop(shop.id),
            shop,
            range,
            { limit: q.limit, sort: q.sort, terms: sameRowsAs?.rows.map((r) => r.term) },
            filtersOf(q),
          ),
        { sameRows: true },
      );
    },
  );

  app.get(
    '/api/v1/shops/:shop/analyses/paths',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['analyses'],
        summary: 'In-store paths: where sessions enter, the flows between their first steps, and where they leave',
        description:
          'A step is an event name (a page_view with its page property: page_view:home); repeats in a row are one step; steps outside the top N by events are (other). Sessions are the overview’s. A comparison period names the same steps as the period.',
        params: ShopParams,
        querystring: rangedQuery({
          depth: Type.Optional(
            Type.Integer({
              minimum: PATH_DEPTH.min,
              maximum: PATH_DEPTH.max,
              default: PATH_DEPTH.default,
              description: 'steps followed from the entry',
            }),
          ),
          top: Type.Optional(
            Type.Integer({
              minimum: PATH_TOP.min,
              maximum: PATH_TOP.max,
              default: PATH_TOP.default,
              description: 'steps named; the rest are (other)',
            }),
          ),
          start: Type.Optional(
            Type.String({
              minLength: 1,
              maxLength: 200,
              description:
                'begin each path at the session’s first event of this step (e.g. add_to_cart, page_view:home); sessions without one are left out',
            }),
          ),
        }),
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const q = request.query as { from?: string; to?: string; depth?: number; top?: number; start?: string } & FilterParams &
        CompareParams;
      return rangedAnalysis<PathsResult>(
        request,
        reply,
        stores,
        'paths',
        q,
        (range, sameRowsAs) =>
          paths(
            stores.warehouse.forShop(shop.id),
            shop,
            range,
            { depth: q.depth, top: q.top, start: q.start, steps: sameRowsAs?.named_steps },
            filtersOf(q),
          ),
        { sameRows: true },
      );
    },
  );

  app.get(
    '/api/v1/shops/:shop/analyses/products/:product',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['analyses'],
        summary: 'One product: its daily trend and the products bought together with it (attach rate, lift)',
        params: Type.Object({ shop: Type.String(), product: Type.String({ minLength: 1, maxLength: 200 }) }),
        querystring: rangedQuery({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PRODUCT_LIMIT_MAX, default: 20 })) }),
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const { product } = request.params as { product: string };
      const q = request.query as { from?: string; to?: string; limit?: number } & FilterParams & CompareParams;
      return rangedAnalysis(request, reply, stores, 'product', q, (range) =>
        productDetail(stores.warehouse.forShop(shop.id), shop, product, range, q.limit, filtersOf(q)),
      );
    },
  );

  app.get(
    '/api/v1/shops/:shop/analyses/repurchase',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['analyses'],
        summary:
          'Repurchase within 30/60/90/180 days by first-purchase month, days between purchases, and second-order rates by first channel, category and product',
        description:
          'Cohorts and second-order rates: customers whose first paid order falls in the range. Intervals: orders paid in the range.',
        params: ShopParams,
        querystring: rangedQuery({
          products: Type.Optional(
            Type.Integer({ minimum: 1, maximum: PRODUCT_LIMIT_MAX, default: 50, description: 'first products listed' }),
          ),
        }),
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const q = request.query as { from?: string; to?: string; products?: number } & FilterParams & CompareParams;
      return rangedAnalysis(request, reply, stores, 'repurchase', q, (range) =>
        repurchase(stores.warehouse.forShop(shop.id), shop, range, q.products, filtersOf(q)),
      );
    },
  );

  app.get(
    '/api/v1/shops/:shop/analyses/retention',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['analyses'],
        summary:
          'First-time or recurring cohorts (purchase, visit or any event) by day, week or month: how many return in each later period, and revenue per member (LTV)',
        description:
          'from/to select cohorts by their first day. Default: first purchase → purchase, first-time, by month, 6 periods, "on". cohort=first_event needs cohort_event; return=event needs return_event; segment splits by first channel or first category.',
        params: ShopParams,
        querystring: rangedQuery({
          cohort: Type.Optional(oneOf(RETENTION_COHORTS, 'first_purchase')),
          cohort_event: Type.Optional(EventName),
          return: Type.Optional(oneOf(RETENTION_RETURNS, 'purchase')),
          return_event: Type.Optional(EventName),
          cohort_type: Type.Optional(oneOf(RETENTION_COHORT_TYPES, 'first_time')),
          segment: Type.Optional(oneOf(RETENTION_SEGMENTS, 'none')),
          period: Type.Optional(oneOf(RETENTION_PERIODS, 'month')),
          week_start: Type.Optional(oneOf(['monday', 'sunday'], 'monday')),
          mode: Type.Optional(oneOf(['on', 'on_or_after'], 'on')),
          periods: Type.Optional(Type.Integer({ minimum: 1, maximum: RETENTION_MAX_PERIODS })),
        }),
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const q = request.query as {
        from?: string;
        to?: string;
        cohort?: RetentionOptions['cohort'];
        cohort_event?: string;
        return?: RetentionOptions['returnEvent'];
        return_event?: string;
        cohort_type?: RetentionOptions['cohortType'];
        segment?: RetentionOptions['segmentBy'];
        period?: RetentionOptions['period'];
        week_start?: 'monday' | 'sunday';
        mode?: 'on' | 'on_or_after';
        periods?: number;
      } & FilterParams &
        CompareParams;
      const options: RetentionOptions = {
        cohort: q.cohort,
        cohortEvent: q.cohort_event,
        returnEvent: q.return,
        returnName: q.return_event,
        cohortType: q.cohort_type,
        segmentBy: q.segment,
        period: q.period,
        weekStart: q.week_start,
        cumulative: q.mode === 'on_or_after',
        periods: q.periods,
      };
      return rangedAnalysis(request, reply, stores, 'retention', q, (range) =>
        retention(stores.warehouse.forShop(shop.id), shop, range, options, filtersOf(q)),
      );
    },
  );
}
