/**
 * Query-string parts every analysis route shares: the filters (channel, device, region, live room,
 * category, new vs returning) and the optional comparison period.
 */
import { type TObject, type TSchema, Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type CompareParams, withComparison } from '../analyses/comparison.js';
import { CUSTOMER_SEGMENTS } from '../analyses/customer-list.analysis.js';
import { type AnalysisFilters, CUSTOMER_TYPES } from '../analyses/filters.js';
import { dateRange } from '../analyses/overview.analysis.js';
import { shopOf } from '../auth/access.js';
import { exportable, exportQuery } from '../exports/respond.js';
import type { Stores } from '../store/open-stores.js';
import { FILTER_VALUE_PATTERN } from './filter-value.js';

export const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'shop-local date, YYYY-MM-DD' });
// Filter values are bound as parameters; filter-value.ts says what they may be and why.
export const FilterValues = Type.Array(
  Type.String({
    pattern: FILTER_VALUE_PATTERN,
    description: 'a value as the data holds it (at most 100 characters)',
  }),
  { maxItems: 50 },
);

/** A string that must be one of `values`, defaulting to `fallback` (unknown values are a 400). */
export const oneOf = (values: readonly string[], fallback: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { default: fallback },
  );

export const filterQuery = (options: { category?: boolean } = {}) => ({
  channel: Type.Optional(FilterValues),
  device: Type.Optional(FilterValues),
  region: Type.Optional(FilterValues),
  live_room: Type.Optional(FilterValues),
  ...(options.category === false ? {} : { category: Type.Optional(FilterValues) }),
  customer: Type.Optional(oneOf(CUSTOMER_TYPES, 'all')),
});

export const compareQuery = (fallback: 'previous' | 'none') => ({
  // previous: the period of the same length before; year: the same days a year before.
  compare: Type.Optional(oneOf(['previous', 'year', 'none'], fallback)),
  compare_from: Type.Optional(DateString),
  compare_to: Type.Optional(DateString),
});

/** A customer list's page: `limit` customers (1 to `max`, default 100) after skipping `offset`. */
export const pageQuery = (max: number) => ({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: max, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});

/** `segment`: only the customers in one RFM segment as of the range's last day. */
export const segmentQuery = (description: string) => ({
  segment: Type.Optional(
    Type.Union(
      CUSTOMER_SEGMENTS.map((s) => Type.Literal(s)),
      { description },
    ),
  ),
});

/** The path parameters of a shop's routes. */
export const ShopParams = Type.Object({ shop: Type.String() });

/**
 * The query string of a ranged analysis: from and to, the analysis's own parameters, the filters,
 * the comparison period and the export format; nothing else (unknown parameters are a 400).
 */
export function rangedQuery(
  own: Record<string, TSchema> = {},
  options: { compare?: 'previous' | 'none'; categoryFilter?: boolean } = {},
): TObject {
  return Type.Object(
    {
      from: Type.Optional(DateString),
      to: Type.Optional(DateString),
      ...own,
      ...filterQuery(options.categoryFilter === false ? { category: false } : {}),
      ...compareQuery(options.compare ?? 'none'),
      ...exportQuery(),
    },
    { additionalProperties: false },
  );
}

export interface FilterParams {
  channel?: string[];
  device?: string[];
  region?: string[];
  live_room?: string[];
  category?: string[];
  customer?: AnalysisFilters['customer'];
}

export function filtersOf(q: FilterParams): AnalysisFilters {
  return {
    channels: q.channel ?? [],
    devices: q.device ?? [],
    regions: q.region ?? [],
    liveRooms: q.live_room ?? [],
    categories: q.category ?? [],
    customer: q.customer ?? 'all',
  };
}

/**
 * The usual answer of an analysis route: the analysis for the requested range (with the
 * comparison period when asked), as JSON or, with `format=`, as a file.
 */
export async function rangedAnalysis<T extends object>(
  request: FastifyRequest,
  reply: FastifyReply,
  stores: Pick<Stores, 'warehouse' | 'metadata'>,
  analysis: string,
  q: { from?: string; to?: string } & CompareParams,
  run: (range: { from: string; to: string }, sameRowsAs?: T) => Promise<T>,
  options: { sameRows?: boolean } = {},
) {
  const shop = shopOf(request);
  return exportable(request, reply, stores, analysis, await withComparison(shop, dateRange(shop, q.from, q.to), q, 'none', run, options));
}

export type { CompareParams };
