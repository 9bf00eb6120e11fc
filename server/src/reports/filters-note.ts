/**
 * A scheduled report's filters in words, for the message that carries its file: a file of one
 * live room's or one channel's figures must not read as the whole shop's.
 */
import { LIST_FILTERS } from '../analyses/filters.js';

/** "Only live room a; channel search, ads: …", or undefined for a report of the whole shop. */
export function filtersNote(params: Record<string, unknown>): string | undefined {
  const parts = LIST_FILTERS.flatMap(({ param }) => {
    const v = params[param];
    const values = (Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v]).map(String);
    return values.length ? [`${param.replace('_', ' ')} ${values.join(', ')}`] : [];
  });
  if (params.customer === 'new' || params.customer === 'returning') parts.push(`${params.customer} customers`);
  return parts.length ? `Only ${parts.join('; ')}: every figure counts those rows alone, as if the shop had nothing else.` : undefined;
}
