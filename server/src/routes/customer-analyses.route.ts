/**
 * The customer analyses' routes: RFM segments with the monthly lifecycle, how customers moved
 * between segments over a range, and the customers of a segment (a list that may leave as a file).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  CUSTOMER_LIST_DOWNLOAD_MAX,
  CUSTOMER_LIST_PAGE_MAX,
  CUSTOMER_SEGMENTS,
  customerList,
  ORIGIN_SEGMENTS,
  SEGMENT_MOVES,
  type SegmentMove,
} from '../analyses/customer-list.analysis.js';
import { customers } from '../analyses/customers.analysis.js';
import { dateRange } from '../analyses/overview.analysis.js';
import { segmentMovement } from '../analyses/segment-movement.analysis.js';
import { shopOf } from '../auth/access.js';
import { exportable, exportQuery } from '../exports/respond.js';
import type { Stores } from '../store/open-stores.js';
import {
  type CompareParams,
  DateString,
  type FilterParams,
  filterQuery,
  filtersOf,
  pageQuery,
  rangedAnalysis,
  rangedQuery,
  ShopParams,
} from './analysis-query.js';

export function customerAnalysesRoutes(app: FastifyInstance, stores: Stores): void {
  app.get(
    '/api/v1/shops/:shop/analyses/customers',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['analyses'],
        summary:
          'RFM scores and segments as of the last day of the range, and the monthly lifecycle (new, returning, resurrecting, dormant)',
        params: ShopParams,
        querystring: rangedQuery(),
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const q = request.query as { from?: string; to?: string } & FilterParams & CompareParams;
      return rangedAnalysis(request, reply, stores, 'customers', q, (range) =>
        customers(stores.warehouse.forShop(shop.id), shop, range, filtersOf(q)),
      );
    },
  );

  app.get(
    '/api/v1/shops/:shop/analyses/segment-movement',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['analyses'],
        summary: 'RFM segment movement: each customer’s segment the day before the range against their segment on its last day',
        description:
          'Both days scored as the customers analysis scores them. `moves` lists every (before, after) pair with customers; "none" before is a first paid order in the range. `segments` gives each segment’s customers before and after, those who stayed, moved in and moved out.',
        params: ShopParams,
        querystring: rangedQuery(),
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const q = request.query as { from?: string; to?: string } & FilterParams & CompareParams;
      return rangedAnalysis(request, reply, stores, 'segment_movement', q, (range) =>
        segmentMovement(stores.warehouse.forShop(shop.id), shop, range, filtersOf(q)),
      );
    },
  );

  app.get(
    '/api/v1/shops/:shop/analyses/customer-list',
    {
      config: { access: 'analyses.read' },
      schema: {
        tags: ['analyses'],
        summary: 'The customers of an RFM segment (or all scored customers), largest spenders first, for a campaign',
        description: `Scored as the customers analysis scores them, as of the range's last day; with from_segment, only those who were in that segment the day before the range (the customers behind one cell of the segment movement); with move, those behind one of the segment's flows (moved in, moved out — listed in the segment they are in now —, stayed). A page of \`limit\` customers from \`offset\`; with format= the download holds every customer of the segment (up to ${CUSTOMER_LIST_DOWNLOAD_MAX.toLocaleString('en-US')}).`,
        params: ShopParams,
        querystring: Type.Object(
          {
            from: Type.Optional(DateString),
            to: Type.Optional(DateString),
            segment: Type.Optional(Type.Union(CUSTOMER_SEGMENTS.map((s) => Type.Literal(s)))),
            from_segment: Type.Optional(
              Type.Union(
                ORIGIN_SEGMENTS.map((s) => Type.Literal(s)),
                { description: 'only customers in this segment the day before the range ("none": no paid order by then)' },
              ),
            ),
            move: Type.Optional(
              Type.Union(
                SEGMENT_MOVES.map((m) => Type.Literal(m)),
                {
                  description:
                    'with segment: in — in it now, not the day before the range; out — in it the day before, in another segment now; stayed — in it on both days',
                },
              ),
            ),
            ...pageQuery(CUSTOMER_LIST_PAGE_MAX),
            ...filterQuery(),
            ...exportQuery(),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const q = request.query as {
        from?: string;
        to?: string;
        segment?: string;
        from_segment?: string;
        move?: SegmentMove;
        limit: number;
        offset: number;
        format?: string;
      } & FilterParams;
      const range = dateRange(shop, q.from, q.to);
      // A download is the whole list, not the page on screen.
      const page = q.format ? { limit: CUSTOMER_LIST_DOWNLOAD_MAX, offset: 0 } : { limit: q.limit, offset: q.offset };
      const result = await customerList(
        stores.warehouse.forShop(shop.id),
        shop,
        range,
        { segment: q.segment, fromSegment: q.from_segment, move: q.move, ...page },
        filtersOf(q),
      );
      // Customer ids leaving in a file are personal data: exportable records who took which list.
      return exportable(request, reply, stores, 'customer_list', result);
    },
  );
}
