/**
 * The audience builder's conditions (人群圈选): the fields the API takes (server/src/analyses/audience/
 * audience-spec.ts) by kind, ready-made audiences merchants start from, and the conditions as the
 * page's `audience` URL key (JSON, as a funnel's definition is), read back defensively.
 */
import type { AudienceCondition } from '../api/types';

export type AudienceFieldKind = 'count' | 'money' | 'days' | 'segments' | 'channels' | 'categories' | 'regions' | 'texts' | 'products';
export type AudienceField = AudienceCondition['field'];
export type AudienceOperator = AudienceCondition['operator'];

/** Every field a condition may name, in the order the picker lists them, with what its value is. */
export const AUDIENCE_FIELD_KINDS: Record<AudienceField, AudienceFieldKind> = {
  segment: 'segments',
  orders_ever: 'count',
  spend_ever: 'money',
  days_since_order: 'days',
  days_since_first_order: 'days',
  orders: 'count',
  spend: 'money',
  cart_adds: 'count',
  first_channel: 'channels',
  member_level: 'texts',
  region: 'regions',
  bought_category: 'categories',
  bought_product: 'products',
  viewed_product: 'products',
  carted_product: 'products',
};
export const AUDIENCE_FIELD_LIST = Object.keys(AUDIENCE_FIELD_KINDS) as AudienceField[];
export const AUDIENCE_MAX_CONDITIONS = 10;

const isNumber = (kind: AudienceFieldKind) => kind === 'count' || kind === 'money' || kind === 'days';
export const operatorsOf = (field: AudienceField): AudienceOperator[] =>
  isNumber(AUDIENCE_FIELD_KINDS[field]) ? ['gte', 'lte', 'eq'] : ['in', 'not_in'];

/** A fresh condition on a field: "at least 1" for numbers, "is any of" nothing yet for lists. */
export function conditionOn(field: AudienceField): AudienceCondition {
  return isNumber(AUDIENCE_FIELD_KINDS[field]) ? { field, operator: 'gte', value: 1 } : { field, operator: 'in', value: [] };
}

/** A list condition's values (a number condition has none). */
export const valuesOf = (c: AudienceCondition): string[] =>
  Array.isArray(c.value) ? c.value : typeof c.value === 'string' ? [c.value] : [];

/** What is missing before the conditions can be asked: a list condition with no value, or nothing at all. */
export function incomplete(conditions: readonly AudienceCondition[]): boolean {
  return conditions.length === 0 || conditions.some((c) => !isNumber(AUDIENCE_FIELD_KINDS[c.field]) && valuesOf(c).length === 0);
}

/** Ready-made audiences: the usual starting points of retention work, each a set of conditions to adjust. */
export type AudienceTemplateId =
  | 'regulars_gone_quiet'
  | 'carts_not_paid'
  | 'one_order_no_second'
  | 'new_buyers'
  | 'never_bought'
  | 'valuable_at_risk';
export const AUDIENCE_TEMPLATES: Array<{ id: AudienceTemplateId; conditions: AudienceCondition[] }> = [
  {
    // 老客沉睡: customers who bought several times and have not for two months.
    id: 'regulars_gone_quiet',
    conditions: [
      { field: 'orders_ever', operator: 'gte', value: 2 },
      { field: 'days_since_order', operator: 'gte', value: 60 },
    ],
  },
  {
    // 加购未支付: added to the cart in the range, paid nothing in it.
    id: 'carts_not_paid',
    conditions: [
      { field: 'cart_adds', operator: 'gte', value: 1 },
      { field: 'orders', operator: 'eq', value: 0 },
    ],
  },
  {
    // 首购未复购: one order to date, a month ago or more.
    id: 'one_order_no_second',
    conditions: [
      { field: 'orders_ever', operator: 'eq', value: 1 },
      { field: 'days_since_order', operator: 'gte', value: 30 },
    ],
  },
  // 新客: a first paid order in the last 30 days — for the welcome and the second order.
  { id: 'new_buyers', conditions: [{ field: 'days_since_first_order', operator: 'lte', value: 29 }] },
  // 注册未购: known (signed in or a member record) but never paid.
  { id: 'never_bought', conditions: [{ field: 'segment', operator: 'in', value: ['none'] }] },
  {
    // 高价值流失风险: the valuable customers slipping away.
    id: 'valuable_at_risk',
    conditions: [{ field: 'segment', operator: 'in', value: ['at_risk', 'cant_lose'] }],
  },
];

/** The page's `audience` URL key as conditions: only known fields, with an operator that fits; anything else is dropped. */
export function parseAudience(text: string | null): AudienceCondition[] {
  if (!text) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw
    .filter(
      (c): c is AudienceCondition =>
        typeof c === 'object' && c !== null && Object.hasOwn(AUDIENCE_FIELD_KINDS, (c as { field?: string }).field ?? ''),
    )
    .filter((c) => operatorsOf(c.field).includes(c.operator))
    .slice(0, AUDIENCE_MAX_CONDITIONS);
}

/**
 * The audience that acts on a diagnosis finding, when one does: a cart or checkout leak — the
 * customers who carted and did not pay in the diagnosed days; a repurchase drop — those who bought
 * once, a month or more ago, and not again.
 */
export function findingAudience(finding: { kind: string; metric?: string | null }): AudienceTemplateId | null {
  if (finding.kind === 'funnel_leak' && (finding.metric === 'cart_to_checkout' || finding.metric === 'checkout_to_pay'))
    return 'carts_not_paid';
  if (finding.kind === 'repurchase') return 'one_order_no_second';
  return null;
}

/** A ready-made audience's conditions by its id. */
export const templateConditions = (id: AudienceTemplateId): AudienceCondition[] =>
  AUDIENCE_TEMPLATES.find((t) => t.id === id)?.conditions ?? [];
