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
 *
 * Answer: a row per person reaching more than step 1 somewhere (their events as parallel arrays
 * ts / masks / excl / vals / days), then rows of single-step people (single = 1) grouped by first
 * value, start days and start values, with the group's size in group_size — or, for never-signed-in
 * people when values do not matter, one group without days plus a row per day (single = 2) with
 * that day's entrants in group_size. Read by funnel-rows.ts.
 */
import type { QueryParams } from '@storelens/sql';
import {
  CUSTOMER_PROPERTIES,
  EVENT_PROPERTIES,
  type EventProperty,
  isCustomerProperty,
  MAP_PROPERTY,
  type NormalizedFunnelSpec,
  type PropertyFilter,
} from './funnel-spec.js';

export interface FunnelQuery {
  sql: string;
  params: QueryParams;
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

/**
 * A string that sorts as (time, value) does: the time in milliseconds as 8 big-endian bytes, then
 * the value (strings compare byte by byte). The least of them names the earliest event's value,
 * ties at one instant going to the smallest value — read back with `valueOfKey`. Aggregating
 * this took half the time of the same over a (time, value) tuple: largest bench shop, 90 days,
 * two million visitors' first values 1.1 → 0.5 s. Linear in the number of distinct values too.
 * Stored times are from 1990 on (imports refuse earlier ones), so the unsigned milliseconds order
 * as the times do.
 */
const timeValueKey = (ts: string, value: string): string =>
  `concat(reverse(reinterpretAsFixedString(toUInt64(toUnixTimestamp64Milli(${ts})))), ${value})`;
const valueOfKey = (key: string): string => `substring(${key}, 9)`;

/** `toUInt32(if(c0, 1, 0) + if(c1, 2, 0) + ...)`: bit i set when condition i holds. */
function maskExpr(conditions: string[]): string {
  if (conditions.length === 0) return 'toUInt32(0)';
  return `toUInt32(${conditions.map((c, i) => `if(${c}, ${2 ** i}, 0)`).join(' + ')})`;
}

export function buildFunnelQuery(spec: NormalizedFunnelSpec, range: { from: string; to: string }, timeZone: string): FunnelQuery {
  const b = new Binder();
  const stepMask = maskExpr(spec.steps.map((s) => matchExpr(s.event, s.filters, b)));
  const exclMask = maskExpr(spec.exclusions.map((x) => matchExpr(x.event, x.filters, b)));
  const property = spec.breakdown?.property ?? '';
  // Person breakdowns: one value per person, found after the events are grouped. The first channel
  // comes from the person's history; a customer attribute from the customer's latest record, and
  // a person who never signed in (or has no record) has none.
  const firstChannel = property === 'person.first_channel';
  const customerValue = isCustomerProperty(property) ? CUSTOMER_PROPERTIES[property].replace('{tz}', b.bind('String', timeZone)) : null;
  const personBreakdown = firstChannel || customerValue !== null;
  const value = spec.breakdown && !personBreakdown ? propertyExpr(property, b) : "''";
  // Ordered and strict attempts start at a step-1 event; unordered ones at any step's event.
  const startBits = spec.order === 'unordered' ? 2 ** spec.steps.length - 1 : 1;
  const starts = b.bind('UInt32', startBits);
  const from = b.bind('Date', range.from);
  const to = b.bind('Date', range.to);
  const inRange = `e.shop_id = {shop_id:UInt32} AND e.day BETWEEN ${from} AND ${to}`;
  // Events that match a step or an exclusion (every event, for strict order).
  const relevant = `(${stepMask} AS step_mask) > 0 OR (${exclMask} AS excl_mask) > 0${spec.order === 'strict' ? ' OR 1' : ''}`;
  const event = `(toFloat64(toUnixTimestamp64Milli(e.ts)), step_mask, excl_mask, ${value}, e.day)`;
  // The events read per person. For the first-channel breakdown the same pass reads the person's
  // history up to the range's end for their earliest event (instead of a second read and a join);
  // only the range's relevant events are `kept`.
  const matching = firstChannel ? `e.shop_id = {shop_id:UInt32} AND e.day <= ${to}` : `${inRange} AND (${relevant})`;
  const kept = firstChannel ? `(e.day >= ${from} AND (${relevant}))` : '1';
  const isStart = `${kept} AND bitAnd(step_mask, ${starts}) > 0`;
  // Anonymous visitors who can get past step 1: an event matching a later step or an exclusion
  // (ordered and strict), or events matching two different steps (unordered, where any step starts).
  const candidates =
    spec.order === 'unordered'
      ? `SELECT e.visitor_no FROM {{events}} AS e WHERE ${inRange} AND (${relevant})
    GROUP BY e.visitor_no HAVING bitCount(groupBitOr(step_mask)) > 1 OR groupBitOr(excl_mask) > 0`
      : `SELECT DISTINCT e.visitor_no FROM {{events}} AS e
    WHERE ${inRange} AND (bitAnd(${stepMask}, ${b.bind('UInt32', 2 ** spec.steps.length - 1 - startBits)}) > 0 OR ${exclMask} > 0)`;
  // What the tally needs of a single-step visitor: their start days, and for a breakdown either the
  // value of their first start (first or last touch: a single-step person's only credited attempt
  // is their earliest) or the values on all their starts (all_steps) — never both: each was
  // ~0.3 s over two million visitors. Distinct days from a plain array, not a hash set per
  // visitor (groupUniqArray): most visitors have one or two, and it saved ~60 ms.
  const startDays = `arraySort(arrayDistinct(groupArrayIf(e.day, ${isStart}))) AS start_days`;
  const allStepValues = spec.breakdown?.attribution === 'all_steps' && !personBreakdown;
  const singleFacts = firstChannel
    ? `${valueOfKey(`min(${timeValueKey('e.ts', 'toString(e.channel)')})`)} AS first_value, ${startDays}, [first_value] AS start_values`
    : spec.breakdown && !personBreakdown
      ? allStepValues
        ? `'' AS first_value, ${startDays}, arraySort(arrayDistinct(groupArrayIf(${value}, ${isStart}))) AS start_values`
        : `${valueOfKey(`minIf(${timeValueKey('e.ts', value)}, ${isStart})`)} AS first_value, ${startDays}, [first_value] AS start_values`
      : // Without a breakdown (or by a customer attribute, which a never-signed-in visitor does not
        // have) there are no values, and looking for the earliest start took half the time.
        `'' AS first_value, ${startDays}, [''] AS start_values`;
  // Signed-in visitors' events are gathered per visitor and customer id first and only then joined
  // with the identities: a few hundred thousand groups, not a million events, go through the join.
  // For the first-channel breakdown each group's earliest (time, channel) travels along.
  const signedGathered = `groupBitOrIf(step_mask, ${kept}) AS m, groupBitOrIf(excl_mask, ${kept}) AS x, groupArrayIf(${event}, ${kept}) AS evs${
    firstChannel ? `, min(${timeValueKey('e.ts', 'toString(e.channel)')}) AS first_touch` : ''
  }`;
  // Rows shipped for a multi-step person: their events as parallel arrays (values: the person's
  // first channel for that breakdown).
  const eventColumns = (evs: string, firstValue: string) =>
    `arrayMap(e -> e.1, ${evs}) AS ts, arrayMap(e -> e.2, ${evs}) AS masks, arrayMap(e -> e.3, ${evs}) AS excl,
       arrayMap(e -> ${personBreakdown ? firstValue : 'e.4'}, ${evs}) AS vals, arrayMap(e -> e.5, ${evs}) AS days`;
  const startsOf = (evs: string) => `arrayFilter(e -> bitAnd(e.2, ${starts}) > 0, ${evs})`;
  // Never-signed-in visitors who are not candidates reach step 1 only. When their value does not
  // matter (no breakdown, or a customer attribute, which they cannot have) the tally needs no row
  // of theirs, only how many of them started on each day and in all: bitmaps of their visitor
  // numbers per day, instead of grouping two million visitors one by one (see docs/funnels.md).
  const singlesByDay = !spec.breakdown || customerValue !== null;
  const anonymous = singlesByDay
    ? // The visitors split two ways, each as one set looked up once per event instead of two sets
      // (largest bench shop, 90 days: 80–110 ms less, medians of paired differences over 14 runs):
      // candidates who never signed in, and everyone who is not a never-signed-in single-step
      // person. (Taking one bitmap of the latter from each day's bitmap of step-1 visitors, from
      // the events or from daily_stage_visitors, measured no faster or slower.)
      `anonymous_candidates AS MATERIALIZED (
    SELECT visitor_no FROM candidates WHERE visitor_no NOT IN (SELECT visitor_no FROM identities)
),
not_single AS MATERIALIZED (
    SELECT visitor_no FROM candidates UNION DISTINCT SELECT visitor_no FROM identities
),
anonymous AS MATERIALIZED (
    SELECT groupBitOr(step_mask) AS m, groupBitOr(excl_mask) AS x,
           groupArray(${event}) AS evs, '' AS first_value
    FROM {{events}} AS e
    WHERE ${matching} AND e.visitor_no IN (SELECT visitor_no FROM anonymous_candidates)
    GROUP BY e.visitor_no
    HAVING bitAnd(m, ${starts}) > 0
),
anonymous_single_days AS MATERIALIZED (
    SELECT e.day AS day, groupBitmapState(e.visitor_no) AS visitors
    FROM {{events}} AS e
    WHERE ${inRange} AND bitAnd(${stepMask}, ${starts}) > 0
      AND e.visitor_no NOT IN (SELECT visitor_no FROM not_single)
    GROUP BY e.day
),`
    : `anonymous AS MATERIALIZED (
    SELECT groupBitOrIf(step_mask, ${kept}) AS m, groupBitOrIf(excl_mask, ${kept}) AS x,
           groupArrayIf(${event}, ${kept} AND e.visitor_no IN (SELECT visitor_no FROM candidates)) AS evs, ${singleFacts}
    FROM {{events}} AS e
    WHERE ${matching} AND e.visitor_no NOT IN (SELECT visitor_no FROM identities)
    GROUP BY e.visitor_no
    HAVING bitAnd(m, ${starts}) > 0
),`;
  // The never-signed-in single-step people: one row of all of them (counted once however many days
  // they started on) and a row per day of those who started that day (single = 2: entrants only).
  const anonymousSingles = singlesByDay
    ? `SELECT toUInt8(1), [], [], [], [], [], n, '', [], [''] FROM (
    SELECT bitmapCardinality(groupBitmapMergeState(d.visitors)) AS n FROM anonymous_single_days AS d
) WHERE n > 0
UNION ALL
SELECT toUInt8(2), [], [], [], [], [], bitmapCardinality(d.visitors), '', [d.day], ['']
FROM anonymous_single_days AS d`
    : `SELECT toUInt8(1), [], [], [], [], [], count(), a.first_value, a.start_days, a.start_values
FROM anonymous AS a WHERE a.x = 0 AND bitCount(a.m) = 1
GROUP BY a.first_value, a.start_days, a.start_values`;
  const sql = `-- Funnel: each person's events that match a step (bit masks), grouped per person.
WITH
identities AS MATERIALIZED (
    SELECT visitor_no, ${valueOfKey(`min(${timeValueKey('ts', 'customer_id')})`)} AS stitched
    FROM events
    WHERE shop_id = {shop_id:UInt32} AND customer_id != '' AND day <= ${to}
    GROUP BY visitor_no
),
candidates AS MATERIALIZED (
    ${candidates}
),
-- Visitors never signed in (no event with a customer id up to the range's end, so not in
-- identities), one row each, keyed by their dense number (migration 0006). Most of a big shop's
-- visitors only ever view products: gathering every visitor's events into arrays was most of the
-- query's time (largest bench shop, 90 days, ~1 s of ~3.3 s), so only candidates' events are
-- gathered; everyone else's row holds just what the tally needs — or, when values do not matter,
-- they have no row at all and are counted from anonymous_single_days.
${anonymous}
signed_visits AS (
    SELECT e.visitor_no AS visitor_no, e.customer_id AS customer_id, ${signedGathered}
    FROM {{events}} AS e
    WHERE ${matching} AND e.visitor_no IN (SELECT visitor_no FROM identities)
    GROUP BY e.visitor_no, e.customer_id
),
-- A signed-in visitor is one person with the customer: each event goes to its own customer id, or
-- to the visitor's first customer (ties at the same instant to the alphabetically first).
${customerValue === null ? 'signed AS MATERIALIZED' : 'signed_people AS'} (
    SELECT multiIf(v.customer_id != '', concat('c:', v.customer_id), i.stitched != '', concat('c:', i.stitched),
                   concat('v:', toString(v.visitor_no))) AS person,
           groupBitOr(v.m) AS m, groupBitOr(v.x) AS x, groupArrayArray(v.evs) AS evs${firstChannel ? `, ${valueOfKey('min(v.first_touch)')} AS person_value` : ''}
    FROM signed_visits AS v LEFT JOIN identities AS i ON i.visitor_no = v.visitor_no
    GROUP BY person
    HAVING bitAnd(m, ${starts}) > 0
),${customerValue === null ? '' : customerValues(customerValue)}
signed_singles AS (
    -- A signed-in person whose events match only one step and no exclusion reaches exactly step 1
    -- in every attempt: what the tally needs, from their events.
    SELECT ${personBreakdown ? 'p.person_value' : !spec.breakdown || allStepValues ? "''" : `arraySort(e -> (e.1, e.4), ${startsOf('p.evs')})[1].4`} AS first_value,
           arraySort(arrayDistinct(arrayMap(e -> e.5, ${startsOf('p.evs')}))) AS start_days,
           ${allStepValues ? `arraySort(arrayDistinct(arrayMap(e -> e.4, ${startsOf('p.evs')})))` : '[first_value]'} AS start_values
    FROM signed AS p
    WHERE p.x = 0 AND bitCount(p.m) = 1
)
-- A row per multi-step person, then single-step people grouped by what the tally needs
-- (first value, start days, start values) with their count in group_size. Columns are qualified
-- because an output alias would otherwise shadow them in WHERE and GROUP BY.
SELECT toUInt8(0) AS single, ${eventColumns('a.evs', 'a.first_value')},
       toUInt64(1) AS group_size, '' AS first_value, [] AS start_days, [] AS start_values
FROM anonymous AS a WHERE NOT (a.x = 0 AND bitCount(a.m) = 1)
UNION ALL
SELECT toUInt8(0), ${eventColumns('p.evs', 'p.person_value')}, toUInt64(1), '', [], []
FROM signed AS p WHERE NOT (p.x = 0 AND bitCount(p.m) = 1)
UNION ALL
${anonymousSingles}
UNION ALL
SELECT toUInt8(1), [], [], [], [], [], count(), s.first_value, s.start_days, s.start_values
FROM signed_singles AS s
GROUP BY s.first_value, s.start_days, s.start_values
-- Read as Arrow (funnel-rows.ts): strings as Utf8 and never dictionaries, whatever the server's
-- defaults. A set in IN (subquery) is not used for index analysis: the events' primary key has no
-- visitor number, and trying took ~0.3 s per set on the largest bench shop.
SETTINGS enable_materialized_cte = 1, use_index_for_in_with_subqueries = 0, output_format_arrow_string_as_string = 1,
         output_format_arrow_low_cardinality_as_dictionary = 0`;
  return { sql, params: b.params };
}

/**
 * For a breakdown by a customer attribute: each signed-in person with the value on their customer's
 * latest record (the highest version; ReplacingMergeTree may not have merged older ones away yet),
 * '' when there is no record. Adds `signed` (signed_people plus person_value).
 */
function customerValues(valueExpr: string): string {
  return `
customer_values AS (
    SELECT concat('c:', customer_id) AS person, argMax(${valueExpr}, version) AS value
    FROM customers
    WHERE shop_id = {shop_id:UInt32}
    GROUP BY customer_id
),
signed AS MATERIALIZED (
    SELECT p.person AS person, p.m AS m, p.x AS x, p.evs AS evs, ifNull(c.value, '') AS person_value
    FROM signed_people AS p LEFT JOIN customer_values AS c ON c.person = p.person
),`;
}
