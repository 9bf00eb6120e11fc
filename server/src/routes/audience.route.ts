/**
 * POST /api/v1/shops/:shop/analyses/audience: an audience (人群圈选) is a list of conditions, so it
 * travels as a JSON body, as a funnel does. It only reads; cookie callers still send the CSRF token
 * as for any POST.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AUDIENCE_DOWNLOAD_MAX, AUDIENCE_MAX_FOLLOW_DAYS, AUDIENCE_PAGE_MAX, audience } from '../analyses/audience/audience.analysis.js';
import {
  AUDIENCE_FIELD_NAMES,
  AUDIENCE_FIELDS,
  AUDIENCE_MAX_CONDITIONS,
  AUDIENCE_MAX_VALUES,
  AUDIENCE_OPERATORS,
  type AudienceCondition,
} from '../analyses/audience/audience-spec.js';
import { dateRange } from '../analyses/overview.analysis.js';
import { shopOf } from '../auth/access.js';
import { exportable, exportQuery } from '../exports/respond.js';
import type { Stores } from '../store/open-stores.js';
import { DateString, ShopParams } from './analysis-query.js';

const FIELDS_DESCRIBED = AUDIENCE_FIELD_NAMES.map((f) => `${f}: ${AUDIENCE_FIELDS[f].meaning}`).join('; ');

const Condition = Type.Object(
  {
    field: Type.Union(
      AUDIENCE_FIELD_NAMES.map((f) => Type.Literal(f)),
      { description: FIELDS_DESCRIBED },
    ),
    operator: Type.Union(
      AUDIENCE_OPERATORS.map((o) => Type.Literal(o)),
      { description: 'gte, lte, eq for numbers; in, not_in (any of, none of) for lists' },
    ),
    value: Type.Union([
      Type.Number(),
      Type.String({ maxLength: 200 }),
      Type.Array(Type.String({ maxLength: 200 }), { minItems: 1, maxItems: AUDIENCE_MAX_VALUES }),
    ]),
  },
  { additionalProperties: false },
);

export const AudienceBody = Type.Object(
  {
    from: Type.Optional(DateString),
    to: Type.Optional(DateString),
    conditions: Type.Array(Condition, { minItems: 1, maxItems: AUDIENCE_MAX_CONDITIONS }),
    follow_days: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: AUDIENCE_MAX_FOLLOW_DAYS,
        description:
          'follow the audience for this many days after the range: who bought, their orders and spend (a campaign sent on the last day, and who came back)',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: AUDIENCE_PAGE_MAX, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    ...exportQuery(),
  },
  { additionalProperties: false },
);

export function audienceRoutes(app: FastifyInstance, stores: Stores): void {
  app.post(
    '/api/v1/shops/:shop/analyses/audience',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['analyses'],
        summary: 'An audience (人群圈选): the known customers matching every condition, by RFM segment, and listed',
        description: `Conditions on each known customer's facts, all of which must hold: ${FIELDS_DESCRIBED}. Counted by RFM segment with what they spend; listed largest spend to date first, a page of \`limit\` from \`offset\`; with format= the download holds every customer (up to ${AUDIENCE_DOWNLOAD_MAX.toLocaleString('en-US')}). The top bar's filters do not apply: the conditions say who.`,
        params: ShopParams,
        body: AudienceBody,
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const b = request.body as {
        from?: string;
        to?: string;
        conditions: AudienceCondition[];
        follow_days?: number;
        limit: number;
        offset: number;
        format?: string;
      };
      // A download is every customer of the audience, not the page on screen.
      const page = b.format ? { limit: AUDIENCE_DOWNLOAD_MAX, offset: 0 } : { limit: b.limit ?? 100, offset: b.offset ?? 0 };
      const range = dateRange(shop, b.from, b.to);
      const result = await audience(stores.warehouse.forShop(shop.id), shop, range, b.conditions, page, b.follow_days ?? null);
      return exportable(request, reply, stores, 'audience', result);
    },
  );
}
