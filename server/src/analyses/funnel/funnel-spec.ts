/**
 * What a funnel is, as a caller describes it, and its validation. Everything here is checked
 * before any SQL is built: property names come from a whitelist (or are bound as a map key),
 * values are only ever bound as parameters.
 */
import { BadRequestError } from '../../errors.js';

export const FUNNEL_ORDERS = ['ordered', 'strict', 'unordered'] as const;
export const FUNNEL_ATTRIBUTIONS = ['first_touch', 'last_touch', 'all_steps'] as const;
export const FILTER_OPERATORS = ['eq', 'neq', 'contains', 'not_contains', 'gt', 'gte', 'lt', 'lte', 'is_set', 'is_not_set'] as const;
export const FUNNEL_MIN_STEPS = 2;
export const FUNNEL_MAX_STEPS = 20;
export const FUNNEL_MAX_WINDOW_SECONDS = 90 * 86_400;
export const FUNNEL_MAX_BREAKDOWN_LIMIT = 25;

/** Event columns a step filter or a breakdown may name, with the SQL that reads them. */
export const EVENT_PROPERTIES = {
  channel: 'toString(channel)',
  source: 'toString(source)',
  medium: 'toString(medium)',
  campaign: 'campaign',
  live_room_id: 'live_room_id',
  sharer_id: 'sharer_id',
  referrer: 'referrer',
  device: 'toString(device)',
  region: 'toString(region)',
  product_id: 'product_id',
  category: 'toString(category)',
  order_id: 'order_id',
  search_term: 'search_term',
  quantity: 'toString(quantity)',
  amount: 'toString(amount)',
} as const;
export type EventProperty = keyof typeof EVENT_PROPERTIES;

/**
 * Customer attributes a breakdown may name, read from the customer's latest imported record
 * (`customers`), with the SQL that reads them; `{tz}` is the shop's time zone.
 */
export const CUSTOMER_PROPERTIES = {
  'person.region': 'toString(region)',
  'person.member_level': 'toString(member_level)',
  'person.signup_month': "if(isNull(signed_up_at), '', formatDateTime(toTimeZone(assumeNotNull(signed_up_at), {tz}), '%Y-%m'))",
} as const;
export type CustomerProperty = keyof typeof CUSTOMER_PROPERTIES;

/** Person properties a breakdown may name: constant for a person, so attribution does not apply. */
export const PERSON_PROPERTIES = ['person.first_channel', ...(Object.keys(CUSTOMER_PROPERTIES) as CustomerProperty[])] as const;

export function isPersonProperty(property: string): boolean {
  return (PERSON_PROPERTIES as readonly string[]).includes(property);
}

export function isCustomerProperty(property: string): property is CustomerProperty {
  return Object.hasOwn(CUSTOMER_PROPERTIES, property);
}

/** `properties.<key>` reads a key of the event's free-form properties map. */
export const MAP_PROPERTY = /^properties\.([A-Za-z0-9_.-]{1,64})$/;
const EVENT_NAME = /^[A-Za-z0-9_.:-]{1,64}$/;

export interface PropertyFilter {
  property: string;
  operator: (typeof FILTER_OPERATORS)[number];
  /** One value, or several for eq / neq (any of / none of). Not used by is_set / is_not_set. */
  value?: string | number | Array<string | number>;
}

export interface FunnelStep {
  event: string;
  filters?: PropertyFilter[];
  /** Shown in results; defaults to the event name. */
  label?: string;
}

export interface FunnelExclusion {
  event: string;
  filters?: PropertyFilter[];
  /** The exclusion applies after step `fromStep` is reached and before step `toStep` is (1-based). */
  fromStep: number;
  toStep: number;
}

export interface FunnelSpec {
  steps: FunnelStep[];
  windowSeconds?: number;
  order?: (typeof FUNNEL_ORDERS)[number];
  exclusions?: FunnelExclusion[];
  breakdown?: { property: string; attribution?: (typeof FUNNEL_ATTRIBUTIONS)[number]; limit?: number } | null;
}

export interface NormalizedFunnelSpec {
  steps: Array<Required<FunnelStep>>;
  windowSeconds: number;
  order: (typeof FUNNEL_ORDERS)[number];
  exclusions: Array<Required<FunnelExclusion>>;
  breakdown: { property: string; attribution: (typeof FUNNEL_ATTRIBUTIONS)[number]; limit: number } | null;
}

/** "30s", "15m", "2h", "14d", "1w" or a number of seconds. */
export function parseWindow(text: string | number): number {
  if (typeof text === 'number') return text;
  const m = /^(\d+)\s*(s|m|h|d|w)?$/.exec(text.trim());
  if (!m) throw new BadRequestError(`Window "${text}" is not a duration: use a number with s, m, h, d or w (e.g. 30m, 14d).`, 'window');
  const unit = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 }[(m[2] ?? 's') as 's'];
  return Number(m[1]) * unit;
}

export function isKnownProperty(property: string): boolean {
  return Object.hasOwn(EVENT_PROPERTIES, property) || MAP_PROPERTY.test(property);
}

function checkFilters(filters: PropertyFilter[] | undefined, where: string): PropertyFilter[] {
  const list = filters ?? [];
  if (!Array.isArray(list) || list.length > 10) throw new BadRequestError(`${where}: at most 10 filters`, where);
  for (const f of list) {
    if (!isKnownProperty(f.property)) {
      throw new BadRequestError(
        `${where}: unknown property "${f.property}". Use one of ${Object.keys(EVENT_PROPERTIES).join(', ')} or properties.<key>.`,
        where,
      );
    }
    if (!(FILTER_OPERATORS as readonly string[]).includes(f.operator)) {
      throw new BadRequestError(`${where}: unknown operator "${f.operator}". Use one of ${FILTER_OPERATORS.join(', ')}.`, where);
    }
    const needsValue = f.operator !== 'is_set' && f.operator !== 'is_not_set';
    const values = Array.isArray(f.value) ? f.value : f.value === undefined ? [] : [f.value];
    if (needsValue && values.length === 0) throw new BadRequestError(`${where}: operator ${f.operator} needs a value`, where);
    if (values.length > 1 && f.operator !== 'eq' && f.operator !== 'neq') {
      throw new BadRequestError(`${where}: only eq and neq take a list of values`, where);
    }
    if (values.length > 100) throw new BadRequestError(`${where}: at most 100 values`, where);
    if (['gt', 'gte', 'lt', 'lte'].includes(f.operator) && !Number.isFinite(Number(values[0]))) {
      throw new BadRequestError(`${where}: ${f.operator} compares numbers; "${String(values[0])}" is not one`, where);
    }
  }
  return list;
}

function checkEvent(event: unknown, where: string): string {
  if (typeof event !== 'string' || !EVENT_NAME.test(event)) {
    throw new BadRequestError(`${where}: event must be an event name (letters, digits, _ . : -), got ${JSON.stringify(event)}`, where);
  }
  return event;
}

export function normalizeFunnelSpec(spec: FunnelSpec): NormalizedFunnelSpec {
  const stepsIn = spec.steps;
  if (!Array.isArray(stepsIn) || stepsIn.length < FUNNEL_MIN_STEPS || stepsIn.length > FUNNEL_MAX_STEPS) {
    throw new BadRequestError(`A funnel has ${FUNNEL_MIN_STEPS} to ${FUNNEL_MAX_STEPS} steps.`, 'steps');
  }
  const steps = stepsIn.map((s, i) => {
    const event = checkEvent(s.event, `steps[${i}]`);
    return { event, filters: checkFilters(s.filters, `steps[${i}]`), label: s.label?.slice(0, 80) || event };
  });
  const windowSeconds = spec.windowSeconds ?? 86_400;
  if (!Number.isInteger(windowSeconds) || windowSeconds < 1 || windowSeconds > FUNNEL_MAX_WINDOW_SECONDS) {
    throw new BadRequestError(`The conversion window is 1 second to ${FUNNEL_MAX_WINDOW_SECONDS / 86_400} days.`, 'window');
  }
  const order = spec.order ?? 'ordered';
  if (!(FUNNEL_ORDERS as readonly string[]).includes(order)) {
    throw new BadRequestError(`order must be one of ${FUNNEL_ORDERS.join(', ')}`, 'order');
  }
  const exclusions = (spec.exclusions ?? []).map((x, i) => {
    const where = `exclusions[${i}]`;
    const event = checkEvent(x.event, where);
    const fromStep = x.fromStep ?? 1;
    const toStep = x.toStep ?? steps.length;
    if (!Number.isInteger(fromStep) || !Number.isInteger(toStep) || fromStep < 1 || toStep > steps.length || fromStep >= toStep) {
      throw new BadRequestError(`${where}: fromStep and toStep are steps 1..${steps.length} with fromStep < toStep`, where);
    }
    if (order === 'unordered' && (fromStep !== 1 || toStep !== steps.length)) {
      throw new BadRequestError(`${where}: in an unordered funnel an exclusion spans the whole funnel (1 to ${steps.length})`, where);
    }
    return { event, filters: checkFilters(x.filters, where), fromStep, toStep };
  });
  if (exclusions.length > 10) throw new BadRequestError('At most 10 exclusions.', 'exclusions');
  let breakdown: NormalizedFunnelSpec['breakdown'] = null;
  if (spec.breakdown) {
    const { property } = spec.breakdown;
    if (!isKnownProperty(property) && !isPersonProperty(property)) {
      throw new BadRequestError(
        `Unknown breakdown "${property}". Use one of ${[...Object.keys(EVENT_PROPERTIES), ...PERSON_PROPERTIES].join(', ')} or properties.<key>.`,
        'breakdown',
      );
    }
    const attribution = spec.breakdown.attribution ?? 'first_touch';
    if (!(FUNNEL_ATTRIBUTIONS as readonly string[]).includes(attribution)) {
      throw new BadRequestError(`attribution must be one of ${FUNNEL_ATTRIBUTIONS.join(', ')}`, 'breakdown');
    }
    const limit = spec.breakdown.limit ?? 5;
    if (!Number.isInteger(limit) || limit < 1 || limit > FUNNEL_MAX_BREAKDOWN_LIMIT) {
      throw new BadRequestError(`breakdown limit is 1 to ${FUNNEL_MAX_BREAKDOWN_LIMIT}`, 'breakdown');
    }
    breakdown = { property, attribution, limit };
  }
  return { steps, windowSeconds, order, exclusions, breakdown };
}
