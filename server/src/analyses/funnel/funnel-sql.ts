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
 * value, start days and start values, with the group's size in group_size. Read by funnel-rows.ts.
 */
import type { QueryParams } from '@storelens/sql';
import { EVENT_PROPERTIES, type EventProperty, MAP_PROPERTY, type NormalizedFunnelSpec, type PropertyFilter } from './funnel-spec.js';

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

/** `toUInt32(if(c0, 1, 0) + if(c1, 2, 0) + ...)`: bit i set when condition i holds. */
function maskExpr(conditions: string[]): string {
  if (conditions.length === 0) return 'toUInt32(0)';
  return `toUInt32(${conditions.map((c, i) => `if(${c}, ${2 ** i}, 0)`).join(' + ')})`;
}

const PERSON =
  "multiIf(e.customer_id != '', concat('c:', e.customer_id), i.stitched != '', concat('c:', i.stitched), concat('v:', toString(e.visitor_no)))";

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
  // A signed-in visitor is one person with the customer (identities); every other visitor is a person alone.
  const anonymous = "e.customer_id = '' AND e.visitor_no NOT IN (SELECT visitor_no FROM identities)";
  // Events that match a step or an exclusion (every event, for strict order).
  const relevant = `(${stepMask} AS step_mask) > 0 OR (${exclMask} AS excl_mask) > 0${spec.order === 'strict' ? ' OR 1' : ''}`;
  const event = `(toFloat64(toUnixTimestamp64Milli(e.ts)), step_mask, excl_mask, ${value}, e.day)`;
  // Per person: steps and exclusions matched (bit masks) and the events as (ms, step mask, exclusion
  // mask, value, day). For the first-channel breakdown the same pass reads the person's history up
  // to the range's end for their earliest event, instead of a second read of it and a join.
  const matching = personBreakdown
    ? `e.shop_id = {shop_id:UInt32} AND e.day <= ${to}`
    : `e.shop_id = {shop_id:UInt32} AND e.day BETWEEN ${from} AND ${to} AND (${relevant})`;
  const gathered = personBreakdown
    ? `groupBitOrIf(step_mask, (e.day >= ${from} AND (${relevant})) AS kept) AS m, groupBitOrIf(excl_mask, kept) AS x,
           groupArrayIf(${event}, kept) AS evs, argMin(toString(e.channel), (e.ts, toString(e.channel))) AS first_channel`
    : `groupBitOr(step_mask) AS m, groupBitOr(excl_mask) AS x, groupArray(${event}) AS evs`;
  const startsOf = (evs: string) => `arrayFilter(e -> bitAnd(e.2, ${starts}) > 0, ${evs})`;
  const sql = `-- Funnel: each person's events that match a step (bit masks), grouped per person.
WITH
identities AS MATERIALIZED (
    SELECT visitor_no, argMin(customer_id, (ts, customer_id)) AS stitched
    FROM events
    WHERE shop_id = {shop_id:UInt32} AND customer_id != '' AND day <= ${to}
    GROUP BY visitor_no
),
-- Most people are visitors never signed in: their events are grouped by visitor with no join. Only
-- the events of signed-in visitors are joined with the identities (joining every event was most of
-- the query's time on a big shop). Visitors are keyed by their dense number (migration 0006), not
-- their id string: ~10 % faster on the largest bench shop, same answers.
people AS (
    SELECT concat('v:', toString(e.visitor_no)) AS person, ${gathered}
    FROM {{events}} AS e
    WHERE ${matching} AND ${anonymous}
    GROUP BY e.visitor_no
    HAVING bitAnd(m, ${starts}) > 0
    UNION ALL
    SELECT ${PERSON} AS person, ${gathered}
    FROM {{events}} AS e LEFT JOIN identities AS i ON i.visitor_no = e.visitor_no
    WHERE ${matching} AND NOT (${anonymous})
    GROUP BY person
    HAVING bitAnd(m, ${starts}) > 0
),
shaped AS MATERIALIZED (
    -- A person whose events match only one step and no exclusion reaches exactly step 1 in every
    -- attempt: their events are not shipped, only what the tally needs (the first start's value,
    -- start days, values on start events). Most visitors of a real shop are like that. MATERIALIZED: computed
    -- once for the two reads below, which beat one GROUP BY of everyone keyed by arrays (largest
    -- bench shop, 90 days: 3.5 -> 3.0 s of engine time).
    SELECT p.person AS person, (p.x = 0 AND bitCount(p.m) = 1) AS single, if(single, [], p.evs) AS evs,
           -- The value of the first start (a multi-step person's values travel with their events).
           ${personBreakdown ? 'p.first_channel' : `if(single, arraySort(e -> (e.1, e.4), ${startsOf('p.evs')})[1].4, '')`} AS first_value,
           if(single, arraySort(arrayDistinct(arrayMap(e -> e.5, ${startsOf('p.evs')}))), []) AS start_days,
           if(single, ${personBreakdown ? '[first_value]' : `arraySort(arrayDistinct(arrayMap(e -> e.4, ${startsOf('p.evs')})))`}, []) AS start_values
    FROM people AS p
)
-- A row per multi-step person, then single-step people grouped by what the tally needs
-- (first value, start days, start values) with their count in group_size. Columns are qualified
-- (s.) because an output alias would otherwise shadow them in WHERE and GROUP BY.
SELECT s.person AS person, toUInt8(0) AS single, arrayMap(e -> e.1, s.evs) AS ts, arrayMap(e -> e.2, s.evs) AS masks,
       arrayMap(e -> e.3, s.evs) AS excl, arrayMap(e -> ${personBreakdown ? 's.first_value' : 'e.4'}, s.evs) AS vals,
       arrayMap(e -> e.5, s.evs) AS days, toUInt64(1) AS group_size, s.first_value AS first_value,
       s.start_days AS start_days, s.start_values AS start_values
FROM shaped AS s WHERE NOT s.single
UNION ALL
SELECT '#single', toUInt8(1), [], [], [], [], [], count(), s.first_value, s.start_days, s.start_values
FROM shaped AS s WHERE s.single
GROUP BY s.first_value, s.start_days, s.start_values
-- Read as Arrow (funnel-rows.ts): strings as Utf8 and never dictionaries, whatever the server's defaults.
SETTINGS enable_materialized_cte = 1, output_format_arrow_string_as_string = 1, output_format_arrow_low_cardinality_as_dictionary = 0`;
  return { sql, params: b.params };
}
