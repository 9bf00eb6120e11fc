/**
 * A filtered result's file name says whose rows it holds ("…-only-live_room-evening.csv"), so an
 * analyst's folder of downloads does not pass one room's or channel's figures off as the shop's.
 * ASCII only (a Content-Disposition file name): other characters become "_"; at most 60 long.
 */
import { type AnalysisFilters, LIST_FILTERS } from '../analyses/filters.js';

/** "-only-channel-search+ads", or "" when nothing filters the result. */
export function filtersSlug(filters: AnalysisFilters | undefined): string {
  if (!filters) return '';
  const parts = LIST_FILTERS.flatMap(({ param, field }) => (filters[field]?.length ? [`${param}-${filters[field]?.join('+')}`] : []));
  if (filters.customer && filters.customer !== 'all') parts.push(`${filters.customer}_customers`);
  if (parts.length === 0) return '';
  return `-only-${parts.join('-')}`.replace(/[^A-Za-z0-9._+-]+/g, '_').slice(0, 60);
}
