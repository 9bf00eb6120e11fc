/**
 * POST /api/v1/shops/:shop/analyses/funnel: a funnel is a structured definition (steps with
 * filters, exclusions, breakdown), so it travels as a JSON body rather than a query string. It
 * only reads; cookie callers still send the CSRF token as for any POST.
 */
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { withComparison } from '../analyses/comparison.js';
import { funnel } from '../analyses/funnel/funnel.analysis.js';
import {
  EVENT_PROPERTIES,
  FILTER_OPERATORS,
  FUNNEL_ATTRIBUTIONS,
  FUNNEL_MAX_BREAKDOWN_LIMIT,
  FUNNEL_MAX_STEPS,
  FUNNEL_MIN_STEPS,
  FUNNEL_ORDERS,
  type FunnelSpec,
  PERSON_PROPERTIES,
  parseWindow,
} from '../analyses/funnel/funnel-spec.js';
import { dateRange } from '../analyses/overview.analysis.js';
import { shopOf } from '../auth/access.js';
import { exportable, exportQuery } from '../exports/respond.js';
import type { Stores } from '../store/open-stores.js';
import { type CompareParams, compareQuery, type FilterParams, filterQuery, filtersOf, ShopParams } from './analysis-query.js';

const Name = Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' });
const PROPERTY_PATTERN = '^(person\\.[a-z_]{1,32}|[a-z_]{1,32}|properties\\.[A-Za-z0-9_.-]{1,64})$';
const Property = Type.String({ pattern: PROPERTY_PATTERN });
const BreakdownProperty = Type.String({
  pattern: PROPERTY_PATTERN,
  description: `an event property (${Object.keys(EVENT_PROPERTIES).join(', ')}, or properties.<key>) or a person property (${PERSON_PROPERTIES.join(', ')}: one value per person, read from the first event or the customer's latest imported record; attribution does not apply). Rules: docs/funnels.md, rule 11`,
});
const Value = Type.Union([Type.String({ maxLength: 200 }), Type.Number()]);
const Filter = Type.Object(
  {
    property: Property,
    operator: Type.Union(FILTER_OPERATORS.map((o) => Type.Literal(o))),
    value: Type.Optional(Type.Union([Value, Type.Array(Value, { maxItems: 100 })])),
  },
  { additionalProperties: false },
);
const Filters = Type.Optional(Type.Array(Filter, { maxItems: 10 }));

export const FunnelBody = Type.Object(
  {
    from: Type.Optional(
      Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'shop-local date; default 7 days ending yesterday' }),
    ),
    to: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
    steps: Type.Array(
      Type.Object({ event: Name, label: Type.Optional(Type.String({ maxLength: 80 })), filters: Filters }, { additionalProperties: false }),
      {
        minItems: FUNNEL_MIN_STEPS,
        maxItems: FUNNEL_MAX_STEPS,
      },
    ),
    window: Type.Optional(
      Type.Union([Type.Integer({ minimum: 1 }), Type.String({ pattern: '^\\d+\\s*[smhdw]?$' })], {
        description: 'conversion window: seconds, or 30m / 2h / 14d / 1w (default 1d)',
      }),
    ),
    order: Type.Optional(Type.Union(FUNNEL_ORDERS.map((o) => Type.Literal(o)))),
    exclusions: Type.Optional(
      Type.Array(
        Type.Object(
          { event: Name, filters: Filters, from_step: Type.Integer({ minimum: 1 }), to_step: Type.Integer({ minimum: 2 }) },
          { additionalProperties: false },
        ),
        { maxItems: 10 },
      ),
    ),
    ...filterQuery(),
    ...compareQuery('none'),
    ...exportQuery(),
    breakdown: Type.Optional(
      Type.Object(
        {
          property: BreakdownProperty,
          attribution: Type.Optional(
            Type.Union(
              FUNNEL_ATTRIBUTIONS.map((a) => Type.Literal(a)),
              {
                description:
                  'first_touch (default): the value on step 1 of the winning attempt; last_touch: on its furthest step; all_steps: the funnel within each value',
              },
            ),
          ),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: FUNNEL_MAX_BREAKDOWN_LIMIT })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type FunnelBodyType = Static<typeof FunnelBody>;

/** The API's snake_case body as the analysis's spec. */
export function funnelSpecOf(body: FunnelBodyType): FunnelSpec {
  return {
    steps: body.steps,
    windowSeconds: body.window === undefined ? undefined : parseWindow(body.window),
    order: body.order,
    exclusions: body.exclusions?.map((x) => ({ event: x.event, filters: x.filters, fromStep: x.from_step, toStep: x.to_step })),
    breakdown: body.breakdown ?? null,
  } as FunnelSpec;
}

export function funnelRoutes(app: FastifyInstance, stores: Stores): void {
  app.post(
    '/api/v1/shops/:shop/analyses/funnel',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['analyses'],
        summary: 'A funnel of 2–20 steps: people per step, conversion, time to convert, daily trend and breakdown',
        description:
          'Rules (PostHog’s): a person counts once per step; every step-1 event starts an attempt and the furthest attempt wins; the window runs from the attempt’s first step and is inclusive; one event fills one step; equal time stamps apply in step order; an exclusion between its steps removes the attempt. Full text: docs/funnels.md.',
        params: ShopParams,
        body: FunnelBody,
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const body = request.body as FunnelBodyType & CompareParams & FilterParams;
      const spec = funnelSpecOf(body);
      const result = await withComparison(shop, dateRange(shop, body.from, body.to), body, 'none', (range) =>
        funnel(stores.warehouse.forShop(shop.id), shop, range, spec, filtersOf(body)),
      );
      return exportable(request, reply, stores, 'funnel', result);
    },
  );
}
