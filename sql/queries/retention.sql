-- Retention cohorts. A person joins a cohort by doing the cohort event: first-time cohorts take
-- each person's first occurrence ever (one cohort per person); recurring cohorts take every
-- period in which the person did it (a cohort per period). The cohort is the period (day, week
-- or month, shop-local) of that occurrence's day ("first day"). A member counts in period k when
-- they do the return event on or after their first day, k periods after the cohort's period
-- ("on"), or in period k or later ("on or after": their latest period is >= k).
-- Events: a purchase is a paid order (on its payment day); a visit is any event; a named event is
-- an event with that event_name. Person: the visitor when neither side is a purchase, otherwise
-- the customer (events then count only when signed in).
-- Segments: 'all', the channel of the member's first cohort event (the order's channel for
-- purchases), or the category of the largest line of their first paid order.
-- Revenue: paid amount of the member's orders paid on or after their first day, by period k.
-- Result rows: section 'size' (segment, value = cohort start, people), 'cell' (segment, value, k,
-- people), 'revenue' (segment, value, k, amount), 'end' (value = the last day with return
-- activity), 'end_revenue' (value = the last payment day).
-- Parameters: shop_id, from, to (cohorts whose first day is in the range), tz,
-- cohort ('first_purchase' | 'first_visit' | 'first_event'), cohort_event (event name or ''),
-- return_event ('purchase' | 'visit' | 'event'), return_name (event name or ''), recurring (0|1),
-- segment_by ('none' | 'first_channel' | 'first_category'), period ('day' | 'week' | 'month'),
-- week_mode (0 = weeks start Sunday, 1 = Monday), cumulative (0 = on, 1 = on or after),
-- periods (how many periods after the first), by_visitor (0|1).
WITH
{by_visitor:UInt8} AS by_visitor,
paid AS (
    SELECT customer_id AS person, toDate(assumeNotNull(paid_at), {tz:String}) AS act_day, assumeNotNull(paid_at) AS at,
           toString(channel) AS ch, order_id, paid_amount
    FROM {{orders}}
    WHERE shop_id = {shop_id:UInt32} AND customer_id != '' AND paid_at IS NOT NULL
),
event_acts AS (
    SELECT if(by_visitor = 1, visitor_id, customer_id) AS person, day AS act_day, ts AS at, toString(channel) AS ch, event_name
    FROM {{events}}
    WHERE shop_id = {shop_id:UInt32} AND if(by_visitor = 1, visitor_id, customer_id) != ''
      AND ({cohort:String} IN ('first_visit', 'first_event') OR {return_event:String} IN ('visit', 'event'))
),
cohort_acts AS (
    SELECT person, act_day, at, ch, order_id FROM paid WHERE {cohort:String} = 'first_purchase'
    UNION ALL
    SELECT person, act_day, at, ch, '' FROM event_acts
    WHERE {cohort:String} = 'first_visit' OR ({cohort:String} = 'first_event' AND event_name = {cohort_event:String})
),
returns AS (
    SELECT person, act_day FROM paid WHERE {return_event:String} = 'purchase'
    UNION ALL
    SELECT person, act_day FROM event_acts
    WHERE {return_event:String} = 'visit' OR ({return_event:String} = 'event' AND event_name = {return_name:String})
),
return_days AS (SELECT DISTINCT person, act_day FROM returns),
-- First-time: one group per person. Recurring: one group per person and period.
grouped AS (
    SELECT person,
           min(act_day) AS first_day,
           argMin(ch, (at, ch)) AS first_channel,
           argMin(order_id, (at, order_id)) AS first_order
    FROM (
        SELECT *, if({recurring:UInt8} = 1,
                     multiIf({period:String} = 'day', act_day, {period:String} = 'week', toStartOfWeek(act_day, {week_mode:UInt8}), toStartOfMonth(act_day)),
                     toDate(0)) AS grp
        FROM cohort_acts
    )
    GROUP BY person, grp
),
first_categories AS (
    SELECT order_id, argMin(toString(category), (-amount, toString(category))) AS category
    FROM {{order_items}}
    WHERE shop_id = {shop_id:UInt32} AND {segment_by:String} = 'first_category'
      AND order_id IN (SELECT first_order FROM grouped WHERE first_order != '')
    GROUP BY order_id
),
members AS MATERIALIZED (
    SELECT g.person AS person, g.first_day AS first_day,
           multiIf({period:String} = 'day', g.first_day, {period:String} = 'week', toStartOfWeek(g.first_day, {week_mode:UInt8}), toStartOfMonth(g.first_day)) AS cohort_start,
           multiIf({segment_by:String} = 'first_channel', g.first_channel,
                   {segment_by:String} = 'first_category', if(c.category = '', '(none)', c.category),
                   'all') AS segment
    FROM grouped AS g LEFT JOIN first_categories AS c ON c.order_id = g.first_order
    WHERE g.first_day BETWEEN {from:Date} AND {to:Date}
),
-- Every branch Int64: mixed branch types would make a Variant, which cannot be grouped.
hits AS (
    SELECT DISTINCT m.person AS person, m.cohort_start AS cohort_start, m.segment AS segment,
           multiIf({period:String} = 'day', toInt64(dateDiff('day', m.cohort_start, r.act_day)),
                   {period:String} = 'week', toInt64(intDiv(dateDiff('day', m.cohort_start, toStartOfWeek(r.act_day, {week_mode:UInt8})), 7)),
                   toInt64(dateDiff('month', m.cohort_start, toStartOfMonth(r.act_day)))) AS k
    FROM members AS m INNER JOIN return_days AS r ON r.person = m.person
    WHERE r.act_day >= m.first_day
),
counted AS (
    SELECT cohort_start, segment, k, person FROM hits WHERE {cumulative:UInt8} = 0 AND k <= {periods:UInt16}
    UNION ALL
    SELECT cohort_start, segment, toInt64(arrayJoin(range(toUInt64(least(max_k, {periods:UInt16}) + 1)))) AS k, person
    FROM (SELECT cohort_start, segment, person, max(k) AS max_k FROM hits GROUP BY cohort_start, segment, person)
    WHERE {cumulative:UInt8} = 1
),
revenue AS (
    SELECT m.cohort_start AS cohort_start, m.segment AS segment,
           multiIf({period:String} = 'day', toInt64(dateDiff('day', m.cohort_start, o.act_day)),
                   {period:String} = 'week', toInt64(intDiv(dateDiff('day', m.cohort_start, toStartOfWeek(o.act_day, {week_mode:UInt8})), 7)),
                   toInt64(dateDiff('month', m.cohort_start, toStartOfMonth(o.act_day)))) AS k,
           o.paid_amount AS amount
    FROM members AS m INNER JOIN paid AS o ON o.person = m.person
    WHERE by_visitor = 0 AND o.act_day >= m.first_day
)
SELECT 'size' AS section, segment, toString(cohort_start) AS value, toInt64(0) AS k, count() AS people, toDecimal64(0, 2) AS amount
FROM members GROUP BY segment, cohort_start
UNION ALL
SELECT 'cell', segment, toString(cohort_start), toInt64(k), uniqExact(person), toDecimal64(0, 2) FROM counted GROUP BY segment, cohort_start, k
UNION ALL
SELECT 'revenue', segment, toString(cohort_start), toInt64(k), toUInt64(0), toDecimal64(sum(amount), 2)
FROM revenue WHERE k <= {periods:UInt16} GROUP BY segment, cohort_start, k
UNION ALL
SELECT 'end', '', toString(max(act_day)), toInt64(0), toUInt64(0), toDecimal64(0, 2) FROM returns
UNION ALL
SELECT 'end_revenue', '', toString(max(act_day)), toInt64(0), toUInt64(0), toDecimal64(0, 2) FROM paid WHERE by_visitor = 0
-- members is MATERIALIZED: computed once instead of once per reference (sizes, hits, revenue);
-- largest bench shop, 90 days by week: 535-547 -> 364-423 ms, same rows. The setting turns
-- the keyword on (it is off by default in ClickHouse 26.7).
SETTINGS enable_materialized_cte = 1
