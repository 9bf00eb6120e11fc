/**
 * What an audience (人群圈选) is, as a caller describes it: conditions on a customer's facts, all of
 * which must hold. Fields come from a fixed list, each with the SQL that reads it and the facts it
 * needs; values are only ever bound as parameters. Checked here, before any SQL is built.
 */
import { BadRequestError } from '../../errors.js';
import { FILTER_VALUE_PATTERN, FILTER_VALUE_RULE } from '../../routes/filter-value.js';
import { CUSTOMER_SEGMENTS } from '../customer-list.analysis.js';
import { UNSCORED } from '../segment-movement.analysis.js';

const FILTER_VALUE = new RegExp(FILTER_VALUE_PATTERN, 'u');
export const AUDIENCE_MAX_CONDITIONS = 10;
export const AUDIENCE_MAX_VALUES = 100;
/** Segment values: the RFM segments, or "none" for a known customer with no paid order by the day. */
export const AUDIENCE_SEGMENTS = [UNSCORED, ...CUSTOMER_SEGMENTS];

/** Facts a condition may need beyond the RFM scoring and the range's orders (each one more read). */
export type AudienceFacts = 'bought' | 'activity' | 'record';

type NumberField = { kind: 'count' | 'money' | 'days'; sql: string; needs?: AudienceFacts; meaning: string };
type SetField = { kind: 'set'; sql: string; needs?: AudienceFacts; meaning: string; values?: readonly string[] };

/**
 * The fields a condition may name. Aliases in `sql`: s = the RFM scoring as of the range's last day
 * (s.customer_id is '' for a customer with no paid order by then), g = the range's paid orders,
 * fi = first facts, rc = the imported customer record, b = what was bought in the range, a = signed-in
 * activity in the range.
 */
export const AUDIENCE_FIELDS = {
  orders: { kind: 'count', sql: 'g.orders', meaning: 'paid orders in the range' },
  spend: { kind: 'money', sql: 'g.spend_exact', meaning: 'payment amount of the paid orders in the range' },
  orders_ever: { kind: 'count', sql: 's.orders', meaning: 'paid orders on or before the range’s last day' },
  spend_ever: { kind: 'money', sql: 's.spend_exact', meaning: 'payment amount of the paid orders on or before the range’s last day' },
  days_since_order: {
    kind: 'days',
    sql: 's.recency_days',
    meaning: 'days from the last paid order to the range’s last day (a customer who never paid matches no condition on it)',
  },
  days_since_first_order: {
    kind: 'days',
    sql: "dateDiff('day', s.first_paid_day, {to:Date})",
    meaning:
      'days from the first paid order to the range’s last day (0: a first order that day; a customer who never paid matches no condition on it)',
  },
  cart_adds: { kind: 'count', sql: 'a.cart_adds', needs: 'activity', meaning: 'add-to-cart events in the range' },
  segment: {
    kind: 'set',
    sql: "if(s.customer_id = '', 0, toUInt8(10 * s.r + s.f))",
    values: AUDIENCE_SEGMENTS,
    meaning: 'RFM segment as of the range’s last day ("none": no paid order by then)',
  },
  first_channel: { kind: 'set', sql: 'fi.first_channel', meaning: 'channel of the first signed-in event, else of the first paid order' },
  member_level: {
    kind: 'set',
    sql: 'rc.member_level',
    needs: 'record',
    meaning: 'member level on the customer’s imported record (the latest import; "" without one)',
  },
  region: {
    kind: 'set',
    sql: 'rc.region',
    needs: 'record',
    meaning: 'region on the customer’s imported record (the latest import; "" without one)',
  },
  bought_category: { kind: 'set', sql: 'b.categories', needs: 'bought', meaning: 'a category bought in the range' },
  bought_product: { kind: 'set', sql: 'b.products', needs: 'bought', meaning: 'a product bought in the range' },
  viewed_product: { kind: 'set', sql: 'a.viewed', needs: 'activity', meaning: 'a product viewed in the range' },
  carted_product: { kind: 'set', sql: 'a.carted', needs: 'activity', meaning: 'a product added to the cart in the range' },
} as const satisfies Record<string, NumberField | SetField>;
export type AudienceField = keyof typeof AUDIENCE_FIELDS;
export const AUDIENCE_FIELD_NAMES = Object.keys(AUDIENCE_FIELDS) as AudienceField[];

export const NUMBER_OPERATORS = ['gte', 'lte', 'eq'] as const;
export const SET_OPERATORS = ['in', 'not_in'] as const;
export const AUDIENCE_OPERATORS = [...NUMBER_OPERATORS, ...SET_OPERATORS] as const;
export type AudienceOperator = (typeof AUDIENCE_OPERATORS)[number];

export interface AudienceCondition {
  field: AudienceField;
  operator: AudienceOperator;
  /** A number for gte / lte / eq; one value or a list for in / not_in (any of / none of). */
  value: number | string | Array<string>;
}

const isNumberField = (f: AudienceField) => AUDIENCE_FIELDS[f].kind !== 'set';

/** The conditions, checked: known fields, operators that fit them, values of the right shape. */
export function checkedConditions(conditions: readonly AudienceCondition[]): AudienceCondition[] {
  if (conditions.length === 0) throw new BadRequestError('An audience needs at least one condition.', 'conditions');
  if (conditions.length > AUDIENCE_MAX_CONDITIONS)
    throw new BadRequestError(`An audience takes at most ${AUDIENCE_MAX_CONDITIONS} conditions.`, 'conditions');
  return conditions.map((c, i) => checkedCondition(c, `conditions/${i}`));
}

function checkedCondition(c: AudienceCondition, where: string): AudienceCondition {
  const field = AUDIENCE_FIELDS[c.field as AudienceField];
  if (!field) throw new BadRequestError(`Unknown field "${c.field}"; use one of ${AUDIENCE_FIELD_NAMES.join(', ')}.`, `${where}/field`);
  if (isNumberField(c.field)) {
    if (!(NUMBER_OPERATORS as readonly string[]).includes(c.operator))
      throw new BadRequestError(`${c.field} is a number: compare it with ${NUMBER_OPERATORS.join(', ')}.`, `${where}/operator`);
    const n = typeof c.value === 'number' ? c.value : typeof c.value === 'string' && c.value.trim() !== '' ? Number(c.value) : Number.NaN;
    if (!Number.isFinite(n) || n < 0)
      throw new BadRequestError(`${c.field} needs a number of 0 or more, not ${JSON.stringify(c.value)}.`, `${where}/value`);
    if (field.kind !== 'money' && !Number.isInteger(n))
      throw new BadRequestError(`${c.field} counts whole ${field.kind === 'days' ? 'days' : 'events'}; ${n} is not one.`, `${where}/value`);
    if (field.kind === 'money' && Math.abs(Math.round(n * 100) - n * 100) > 1e-6)
      throw new BadRequestError(`${c.field} is an amount in cents at most; ${n} has more decimals.`, `${where}/value`);
    return { field: c.field, operator: c.operator, value: n };
  }
  if (!(SET_OPERATORS as readonly string[]).includes(c.operator))
    throw new BadRequestError(`${c.field} is a list of values: use ${SET_OPERATORS.join(' or ')}.`, `${where}/operator`);
  const values = (Array.isArray(c.value) ? c.value : [c.value]).map(String);
  if (values.length === 0 || values.length > AUDIENCE_MAX_VALUES)
    throw new BadRequestError(`${c.field} needs 1 to ${AUDIENCE_MAX_VALUES} values.`, `${where}/value`);
  // Values as the filters take them (bound either way; this turns what no name could be into a 400),
  // or "" — no value, as a customer without a record has no member level.
  const odd = values.find((v) => v !== '' && !FILTER_VALUE.test(v));
  if (odd !== undefined)
    throw new BadRequestError(`${c.field} value ${JSON.stringify(odd.slice(0, 40))} ${FILTER_VALUE_RULE}.`, `${where}/value`);
  const allowed = 'values' in field ? field.values : undefined;
  const unknown = allowed ? values.find((v) => !allowed.includes(v)) : undefined;
  if (unknown !== undefined) throw new BadRequestError(`"${unknown}" is not a ${c.field}; use ${allowed?.join(', ')}.`, `${where}/value`);
  return { field: c.field, operator: c.operator, value: values };
}

/** The events the activity conditions read: cart adds, and product views only when asked about. */
export function activityEvents(conditions: readonly AudienceCondition[]): string[] {
  const events = new Set(['add_to_cart']);
  if (conditions.some((c) => c.field === 'viewed_product')) events.add('product_view');
  return [...events];
}

/** The facts the conditions need read. */
export function factsNeeded(conditions: readonly AudienceCondition[]): Set<AudienceFacts> {
  const out = new Set<AudienceFacts>();
  for (const c of conditions) {
    const needs = (AUDIENCE_FIELDS[c.field] as { needs?: AudienceFacts }).needs;
    if (needs) out.add(needs);
  }
  return out;
}

const CLI_OPERATORS: Array<[string, AudienceOperator]> = [
  ['>=', 'gte'],
  ['<=', 'lte'],
  ['=', 'eq'],
];

/**
 * A condition written as on the command line: `spend_ever>=500`, `orders=0`,
 * `segment in at_risk,cant_lose`, `bought_category not_in tents`.
 */
export function parseConditionText(text: string): AudienceCondition {
  const set = /^\s*([a-z_]+)\s+(in|not_in)\s+(.+?)\s*$/.exec(text);
  if (set) {
    const [, field, operator, list] = set as unknown as [string, string, string, string];
    return { field: field as AudienceField, operator: operator as AudienceOperator, value: list.split(',').map((v) => v.trim()) };
  }
  for (const [symbol, operator] of CLI_OPERATORS) {
    const at = text.indexOf(symbol);
    if (at > 0) {
      const field = text.slice(0, at).trim();
      return { field: field as AudienceField, operator, value: text.slice(at + symbol.length).trim() };
    }
  }
  throw new BadRequestError(
    `Cannot read the condition "${text}": write FIELD>=N, FIELD<=N, FIELD=N, or FIELD in A,B / FIELD not_in A,B.`,
    'where',
  );
}
