/**
 * Builds the one query a funnel needs: every person's events in the range that match a step or
 * an exclusion (every event, for strict order), tagged with which steps and exclusions each one
 * matches as bit masks. The SQL text only ever contains whitelisted column expressions and
 * parameter placeholders named here; every value a caller gave is bound.
 *
 * A person is the customer when the visitor was ever signed in (before the range ended), and
 * otherwise the visitor: a visitor who signs in at checkout is the same person who browsed.
 * Ties at the same instant (first customer, first channel) go to the alphabetically first value.
 * Events are read through {{events}}, so analysis filters apply; identities come from all events.
 */
import type { QueryParams } from '@storelens/sql';
import { EVENT_PROPERTIES, type EventProperty, MAP_PROPERTY, type NormalizedFunnelSpec, type PropertyFilter } from './funnel-spec.js';

export interface FunnelQuery {
  sql: string;
  params: QueryParams;
}

/**
 * Row shape: one person, their matching events in arbitrary order (the engine sorts them); or,
 * for single-step people (one step, no exclusion), one row per group sharing the first value,
 * start days and start values, with the group's size in first_t.
 */
export interface FunnelPersonRow {
  person: string;
  single: boolean | number;
  first_t: number;
  first_value: string;
  first_day: string;
  start_days: string[];
  start_values: string[];
  ts: number[];
  masks: number[];
  excl: number[];
  vals: string[];
  days: string[];
}

class Binder {
  readonly params: QueryParams = {};
  private n = 0;
  bind(type: string, value: unknown): string {
    const name = `p${this.n++}`;
    this.params[name] = value;
    return `{${name}:${type}}`;
  }
}

function propertyExpr(property: string, b: Binder): string {
  const m = MAP_PROPERTY.exec(property);
  if (m) return `properties[${b.bind('String', m[1])}]`;
  return EVENT_PROPERTIES[property as EventProperty];
}

function filterExpr(f: PropertyFilter, b: Binder): string {
  const v = propertyExpr(f.property, b);
  const values = (Array.isArray(f.value) ? f.value : f.value === undefined ? [] : [f.value]).map(String);
  switch (f.operator) {
    case 'eq':
      return `${v} IN ${b.bind('Array(String)', values)}`;
    case 'neq':
      return `${v} NOT IN ${b.bind('Array(String)', values)}`;
    case 'contains':
      return `positionCaseInsensitiveUTF8(${v}, ${b.bind('String', values[0])}) > 0`;
    case 'not_contains':
      return `positionCaseInsensitiveUTF8(${v}, ${b.bind('String', values[0])}) = 0`;
    case 'gt':
      return `ifNull(toFloat64OrNull(${v}) > ${b.bind('Float64', Number(values[0]))}, 0)`;
    case 'gte':
      return `ifNull(toFloat64OrNull(${v}) >= ${b.bind('Float64', Number(values[0]))}, 0)`;
    case 'lt':
      return `ifNull(toFloat64OrNull(${v}) < ${b.bind('Float64', Number(values[0]))}, 0)`;
    case 'lte':
      return `ifNull(toFloat64OrNull(${v}) <= ${b.bind('Float64', Number(values[0]))}, 0)`;
    case 'is_set':
      return `${v} != ''`;
    case 'is_not_set':
      return `${v} = ''`;
  }
}

function matchExpr(event: string, filters: PropertyFilter[], b: Binder): string {
  return [`event_name = ${b.bind('String', event)}`, ...filters.map((f) => filterExpr(f, b))].map((c) => `(${c})`).join(' AND ');
}

/** `toUInt32(if(c0, 1, 0) + if(c1, 2, 0) + ...)`: bit i set when condition i holds. */
function maskExpr(conditions: string[]): string {
  if (conditions.length === 0) return 'toUInt32(0)';
  return `toUInt32(${conditions.map((c, i) => `if(${c}, ${2 ** i}, 0)`).join(' + ')})`;
}

const PERSON =
  "multiIf(e.customer_id != '', concat('c:', e.customer_id), i.stitched != '', concat('c:', i.stitched), concat('v:', e.visitor_id))";

export function buildFunnelQuery(spec: NormalizedFunnelSpec, range: { from: string; to: string }): FunnelQuery {
  const b = new Binder();
  const stepMask = maskExpr(spec.steps.map((s) => matchExpr(s.event, s.filters, b)));
  const exclMask = maskExpr(spec.exclusions.map((x) => matchExpr(x.event, x.filters, b)));
  const personBreakdown = spec.breakdown?.property === 'person.first_channel';
  const value = spec.breakdown && !personBreakdown ? propertyExpr(spec.breakdown.property, b) : "''";
  // Ordered and strict attempts start at a step-1 event; unordered ones at any step's event.
  const startBits = spec.order === 'unordered' ? 2 ** spec.steps.length - 1 : 1;
  const starts = b.bind('UInt32', startBits);
  const from = b.bind('Date', range.from);
  const to = b.bind('Date', range.to);
  const firstChannels = personBreakdown
    ? `,
first_channels AS (
    SELECT ${PERSON} AS person, argMin(toString(e.channel), (e.ts, toString(e.channel))) AS first_channel
    FROM {{events}} AS e LEFT JOIN identities AS i ON i.visitor_id = e.visitor_id
    WHERE e.shop_id = {shop_id:UInt32} AND e.day <= ${to}
    GROUP BY person
)`
    : '';
  const sql = `-- Funnel: each person's events that match a step (bit masks), grouped per person.
WITH
identities AS (
    SELECT visitor_id, argMin(customer_id, (ts, customer_id)) AS stitched
    FROM events
    WHERE shop_id = {shop_id:UInt32} AND customer_id != '' AND day <= ${to}
      -- Only visitors seen in the range can be in the funnel: a set lookup instead of grouping all history.
      AND visitor_id IN (SELECT visitor_id FROM events WHERE shop_id = {shop_id:UInt32} AND day BETWEEN ${from} AND ${to})
    GROUP BY visitor_id
),
tagged AS (
    SELECT ${PERSON} AS person,
           toFloat64(toUnixTimestamp64Milli(e.ts)) AS t,
           toString(e.day) AS d,
           ${stepMask} AS step_mask,
           ${exclMask} AS excl_mask,
           ${value} AS bvalue
    FROM {{events}} AS e LEFT JOIN identities AS i ON i.visitor_id = e.visitor_id
    WHERE e.shop_id = {shop_id:UInt32} AND e.day BETWEEN ${from} AND ${to}
),
people AS (
    -- A person whose events match only one step and no exclusion reaches exactly step 1 in every
    -- attempt: their events are not shipped, only what the tally needs (first start, start days,
    -- values on start events). Most visitors of a real shop are like that.
    SELECT person,
           (groupBitOr(excl_mask) = 0 AND bitCount(groupBitOr(step_mask)) = 1) AS single,
           if(single, [], groupArray(t)) AS ts,
           if(single, [], groupArray(step_mask)) AS masks,
           if(single, [], groupArray(excl_mask)) AS excl,
           if(single, [], groupArray(bvalue)) AS vals,
           if(single, [], groupArray(d)) AS days,
           argMinIf(t, (t, bvalue), bitAnd(step_mask, ${starts}) > 0) AS first_t,
           argMinIf(bvalue, (t, bvalue), bitAnd(step_mask, ${starts}) > 0) AS first_value,
           argMinIf(d, (t, bvalue), bitAnd(step_mask, ${starts}) > 0) AS first_day,
           if(single, groupUniqArrayIf(d, bitAnd(step_mask, ${starts}) > 0), []) AS start_days,
           if(single, groupUniqArrayIf(bvalue, bitAnd(step_mask, ${starts}) > 0), []) AS start_values
    FROM tagged
    ${spec.order === 'strict' ? '' : 'WHERE step_mask > 0 OR excl_mask > 0'}
    GROUP BY person
    HAVING bitAnd(groupBitOr(step_mask), ${starts}) > 0
)${firstChannels},
shaped AS (
    SELECT p.person AS person, p.single AS single, p.ts AS ts, p.masks AS masks, p.excl AS excl,
           ${personBreakdown ? 'arrayMap(x -> f.first_channel, p.vals)' : 'p.vals'} AS vals, p.days AS days,
           p.first_t AS first_t, ${personBreakdown ? 'f.first_channel' : 'p.first_value'} AS first_value, p.first_day AS first_day,
           p.start_days AS start_days, ${personBreakdown ? 'if(p.single, [f.first_channel], [])' : 'p.start_values'} AS start_values
    FROM people AS p${personBreakdown ? ' LEFT JOIN first_channels AS f ON f.person = p.person' : ''}
)
-- One pass: a row per multi-step person; single-step people grouped by what the tally needs
-- (first value, start days, start values) with their count in first_t.
-- Columns are qualified (s.) because output aliases would otherwise shadow them in GROUP BY.
SELECT if(s.single, '#single', any(s.person)) AS person, toUInt8(s.single) AS single,
       any(s.ts) AS ts, any(s.masks) AS masks, any(s.excl) AS excl, any(s.vals) AS vals, any(s.days) AS days,
       if(s.single, toFloat64(count()), any(s.first_t)) AS first_t, any(s.first_value) AS first_value, any(s.first_day) AS first_day,
       s.start_days AS start_days, s.start_values AS start_values
FROM shaped AS s
GROUP BY if(s.single, '', s.person), s.single, if(s.single, s.first_value, ''), s.start_days, s.start_values`;
  return { sql, params: b.params };
}
