/** Analyses over HTTP: GET /api/v1/shops/:shop/analyses/<name>. */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { customers } from '../analyses/customers.analysis.js';
import { dateRange, overview, overviewCompared, previousPeriod } from '../analyses/overview.analysis.js';
import { productDetail } from '../analyses/product-detail.analysis.js';
import { PRODUCT_LIMIT_MAX, PRODUCT_SORTS, products } from '../analyses/products.analysis.js';
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
import { TRAFFIC_DIMENSIONS, traffic } from '../analyses/traffic.analysis.js';
import { shopOf } from '../auth/access.js';
import type { Stores } from '../store/open-stores.js';

const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'shop-local date, YYYY-MM-DD' });
// Filter values are bound as parameters; the pattern only turns obvious garbage into a 400.
const EventName = Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$', description: 'an event name, e.g. add_to_cart' });
const FilterValues = Type.Array(Type.String({ pattern: '^[\\p{L}\\p{N} _.:/-]{1,64}$' }), { maxItems: 50 });

/** A string that must be one of `values`, defaulting to `fallback` (unknown values are a 400). */
const oneOf = (values: readonly string[], fallback: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { default: fallback },
  );

export function analysesRoutes(app: FastifyInstance, stores: Stores): void {
  app.get(
    '/api/v1/shops/:shop/analyses/overview',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['analyses'],
        summary: 'Core figures for a date range: totals, a daily series, and each metric’s definition',
        description: 'Days are calendar days in the shop’s time zone. Default range: the 7 days ending yesterday.',
        params: Type.Object({ shop: Type.String() }),
        querystring: Type.Object(
          {
            from: Type.Optional(DateString),
            to: Type.Optional(DateString),
            compare: Type.Optional(oneOf(['previous', 'none'], 'previous')),
            compare_from: Type.Optional(DateString),
            compare_to: Type.Optional(DateString),
            channel: Type.Optional(FilterValues),
            device: Type.Optional(FilterValues),
            region: Type.Optional(FilterValues),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const shop = shopOf(request);
      const q = request.query as {
        from?: string;
        to?: string;
        compare?: 'previous' | 'none';
        compare_from?: string;
        compare_to?: string;
        channel?: string[];
        device?: string[];
        region?: string[];
      };
      const range = dateRange(shop, q.from, q.to);
      const filters = { channels: q.channel ?? [], devices: q.device ?? [], regions: q.region ?? [] };
      // The scope binds this shop into the query; nothing from the request reaches SQL as text.
      const scope = stores.warehouse.forShop(shop.id);
      if (q.compare === 'none') return overview(scope, shop, range, filters);
      const compareTo = q.compare_from || q.compare_to ? dateRange(shop, q.compare_from, q.compare_to) : previousPeriod(range);
      return overviewCompared(scope, shop, range, filters, compareTo);
    },
  );

  app.get(
    '/api/v1/shops/:shop/analyses/traffic',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['analyses'],
        summary: 'Visitors and buyers by channel (or source, medium, campaign, live room, sharer), pass-through and last-touch',
        params: Type.Object({ shop: Type.String() }),
        querystring: Type.Object(
          {
            from: Type.Optional(DateString),
            to: Type.Optional(DateString),
            by: Type.Optional(oneOf(Object.keys(TRAFFIC_DIMENSIONS), 'channel')),
            channel: Type.Optional(FilterValues),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const shop = shopOf(request);
      const q = request.query as { from?: string; to?: string; by?: string; channel?: string[] };
      return traffic(stores.warehouse.forShop(shop.id), shop, dateRange(shop, q.from, q.to), q.by ?? 'channel', q.channel ?? []);
    },
  );

  app.get(
    '/api/v1/shops/:shop/analyses/realtime',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['analyses'],
        summary: 'Today so far, hour by hour, against yesterday and the same weekday last week (like for like up to the current hour)',
        params: Type.Object({ shop: Type.String() }),
        querystring: Type.Object(
          {
            at: Type.Optional(
              Type.String({
                format: 'date-time',
                description: 'the instant to treat as "now" (ISO 8601); default: the current time',
              }),
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const shop = shopOf(request);
      const q = request.query as { at?: string };
      return realtime(stores.warehouse.forShop(shop.id), shop, q.at ? new Date(q.at) : new Date());
    },
  );

  app.get(
    '/api/v1/shops/:shop/analyses/products',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['analyses'],
        summary: 'Products ranked by views, visitors, cart adds, buyers, orders, units, payment amount, refunds or view-to-pay conversion',
        params: Type.Object({ shop: Type.String() }),
        querystring: Type.Object(
          {
            from: Type.Optional(DateString),
            to: Type.Optional(DateString),
            sort: Type.Optional(oneOf(Object.keys(PRODUCT_SORTS), 'gmv')),
            category: Type.Optional(FilterValues),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PRODUCT_LIMIT_MAX, default: 50 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const shop = shopOf(request);
      const q = request.query as { from?: string; to?: string; sort?: string; category?: string[]; limit?: number };
      return products(stores.warehouse.forShop(shop.id), shop, dateRange(shop, q.from, q.to), {
        sort: q.sort,
        categories: q.category ?? [],
        limit: q.limit,
      });
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
        querystring: Type.Object(
          {
            from: Type.Optional(DateString),
            to: Type.Optional(DateString),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PRODUCT_LIMIT_MAX, default: 20 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const shop = shopOf(request);
      const { product } = request.params as { product: string };
      const q = request.query as { from?: string; to?: string; limit?: number };
      return productDetail(stores.warehouse.forShop(shop.id), shop, product, dateRange(shop, q.from, q.to), q.limit);
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
        params: Type.Object({ shop: Type.String() }),
        querystring: Type.Object(
          {
            from: Type.Optional(DateString),
            to: Type.Optional(DateString),
            products: Type.Optional(
              Type.Integer({ minimum: 1, maximum: PRODUCT_LIMIT_MAX, default: 50, description: 'first products listed' }),
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const shop = shopOf(request);
      const q = request.query as { from?: string; to?: string; products?: number };
      return repurchase(stores.warehouse.forShop(shop.id), shop, dateRange(shop, q.from, q.to), q.products);
    },
  );

  app.get(
    '/api/v1/shops/:shop/analyses/customers',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['analyses'],
        summary:
          'RFM scores and segments as of the last day of the range, and the monthly lifecycle (new, returning, resurrecting, dormant)',
        params: Type.Object({ shop: Type.String() }),
        querystring: Type.Object({ from: Type.Optional(DateString), to: Type.Optional(DateString) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const shop = shopOf(request);
      const q = request.query as { from?: string; to?: string };
      return customers(stores.warehouse.forShop(shop.id), shop, dateRange(shop, q.from, q.to));
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
        params: Type.Object({ shop: Type.String() }),
        querystring: Type.Object(
          {
            from: Type.Optional(DateString),
            to: Type.Optional(DateString),
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
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
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
      };
      return retention(stores.warehouse.forShop(shop.id), shop, dateRange(shop, q.from, q.to), {
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
      });
    },
  );
}
