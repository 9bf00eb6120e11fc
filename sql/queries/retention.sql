-- Retention cohorts. A person joins a cohort by doing the cohort event: first-time cohorts take
-- each person's first occurrence ever (one cohort per person); recurring cohorts take every
-- period in which the person did it (a cohort per period). The cohort is the period (day, week
-- or month, shop-local) of that occurrence's day ("first day"). A member counts in period k when
-- they do the return event on or after their first day, k periods after the cohort's period
-- ("on"), or in period k or later ("on or after": their latest period is >= k).
-- Events: a purchase is a paid order (on its payment day); a visit is any event; a named event is
-- an event with that event_name. Person: the visitor when neither side is a purchase, otherwise
-- the customer (events then count only when signed in). A person is keyed by an integer: the
-- visitor's dense number, or a 64-bit hash of the customer id (largest bench shop, same results:
-- first visit / visit 5.6 -> 5.0-5.3 s, recurring add-to-cart / paid 342 -> 302 ms).
-- Segments: 'all', the channel of the member's first cohort event (the order's channel for
-- purchases), the category of the largest line of their first paid order, whether that order
-- was bought at an order-level discount ('discounted' / 'full_price'), or the band of its amount
-- paid on the order values' ladder ({value_labels}[1 + how many of {value_edge_cents} it reaches]).
-- (The band travels as a UInt8, like the discount's Bool: only the first act's is read.)
-- Revenue: paid amount of the member's orders paid on or after their first day, by period k.
-- Result rows: section 'size' (segment, value = cohort start, people), 'cell' (segment, value, k,
-- people), 'revenue' (segment, value, k, amount), 'end' (value = the last day with return
-- activity), 'end_revenue' (value = the last payment day).
-- Parameters: shop_id, from, to (cohorts whose first day is in the range), tz,
-- cohort ('first_purchase' | 'first_visit' | 'first_event'), cohort_event (event name or ''),
-- return_event ('purchase' | 'visit' | 'event'), return_name (event name or ''), recurring (0|1),
-- segment_by ('none' | 'first_channel' | 'first_category' | 'first_discount' | 'first_value'),
-- value_edge_cents (Array(Int64)), value_labels (Array(String)), period ('day' | 'week' | 'month'),
-- week_mode (0 = weeks start Sunday, 1 = Monday), cumulative (0 = on, 1 = on or after),
-- periods (how many periods after the first), by_visitor (0|1).
-- Acts carry a channel only when a split needs it (the first channel, or the channel tie-break
-- before the first order's category) and an order id only for the category split: otherwise they
-- decide nothing, and carrying ~200k strings through the per-person arrays cost the largest bench
-- shop's 90-day weekly retention ~12 % (engine medians 222/213 -> 187/192 ms, the same rows for
-- every split).
WITH
{by_visitor:UInt8} AS by_visitor,
paid AS (
    SELECT cityHash64(customer_id) AS person, toDate(assumeNotNull(paid_at), {tz:String}) AS act_day, assumeNotNull(paid_at) AS at,
           if({segment_by:String} = 'none', '', toString(channel)) AS ch,
           if({segment_by:String} = 'first_category', order_id, '') AS order_id, paid_amount,
           {segment_by:String} = 'first_discount' AND discount_amount > 0 AS discounted,
           toUInt8(if({segment_by:String} = 'first_value',
                      arrayCount(e -> toInt64(paid_amount * 100) >= e, {value_edge_cents:Array(Int64)}), 0)) AS value_band
    FROM {{orders}}
    WHERE shop_id = {shop_id:UInt32} AND customer_id != '' AND paid_at IS NOT NULL
),
event_acts AS (
    SELECT if(by_visitor = 1, toUInt64(visitor_no), cityHash64(customer_id)) AS person, day AS act_day, ts AS at,
           if({segment_by:String} = 'none', '', toString(channel)) AS ch, event_name
    FROM {{events}}
    WHERE shop_id = {shop_id:UInt32} AND (by_visitor = 1 OR customer_id != '')
      AND ({cohort:String} IN ('first_visit', 'first_event') OR {return_event:String} IN ('visit', 'event'))
),
returns AS (
    SELECT act_day FROM paid WHERE {return_event:String} = 'purchase'
    UNION ALL
    SELECT act_day FROM event_acts
    WHERE {return_event:String} = 'visit' OR ({return_event:String} = 'event' AND event_name = {return_name:String})
),
-- Each person's acts in one row: cohort acts (day, time, channel, order, discounted), return days, and
-- payments (day, amount) for revenue. Grouping once per person and working on the arrays beats
-- joining members with return days and with payments (largest bench shop, 90 days by week:
-- 347-413 -> 209-246 ms; first visit / visit 10.6 -> 5.6 s; the same results in seven set-ups).
people AS (
    SELECT person,
           groupArrayIf((act_day, at, ch, order_id, discounted, value_band), is_cohort) AS cohort_acts,
           groupUniqArrayIf(act_day, is_return) AS return_days,
           groupArrayIf((act_day, amount), is_payment) AS payments
    FROM (
        SELECT person, act_day, at, ch, order_id, discounted, value_band, paid_amount AS amount,
               {cohort:String} = 'first_purchase' AS is_cohort,
               {return_event:String} = 'purchase' AS is_return,
               by_visitor = 0 AS is_payment
        FROM paid
        UNION ALL
        SELECT person, act_day, at, ch, '', false, toUInt8(0), toDecimal64(0, 2),
               {cohort:String} = 'first_visit' OR ({cohort:String} = 'first_event' AND event_name = {cohort_event:String}),
               {return_event:String} = 'visit' OR ({return_event:String} = 'event' AND event_name = {return_name:String}),
               false
        FROM event_acts
    )
    WHERE is_cohort OR is_return OR is_payment
    GROUP BY person
    HAVING notEmpty(cohort_acts)
),
-- First-time: one cohort per person (all their cohort acts). Recurring: one per period in which
-- they did the cohort event (that period's acts). The first act (by instant, then channel, then
-- order: ties at the same instant go to the alphabetically first) gives the day, the channel and
-- the order.
grouped AS (
    SELECT person, return_days, payments, arraySort(x -> (x.2, x.3, x.4), acts)[1] AS first_act,
           first_act.1 AS first_day, first_act.3 AS first_channel, first_act.4 AS first_order, first_act.5 AS first_discounted,
           first_act.6 AS first_value_band
    FROM people
    ARRAY JOIN if({recurring:UInt8} = 1,
                  arrayDistinct(arrayMap(x -> multiIf({period:String} = 'day', x.1, {period:String} = 'week', toStartOfWeek(x.1, {week_mode:UInt8}), toStartOfMonth(x.1)), cohort_acts)),
                  [toDate(0)]) AS grp
    ARRAY JOIN [arrayFilter(x -> {recurring:UInt8} = 0
                                 OR multiIf({period:String} = 'day', x.1, {period:String} = 'week', toStartOfWeek(x.1, {week_mode:UInt8}), toStartOfMonth(x.1)) = grp,
                            cohort_acts)] AS acts
),
-- The main category of every order of the shop, joined to the first orders below (an IN-filter by
-- the first orders ran the whole per-person grouping a second time: 411 -> 298 ms on the largest
-- bench shop, same rows).
first_categories AS (
    SELECT order_id, argMin(toString(category), (-amount, toString(category))) AS category
    FROM {{order_items}}
    WHERE shop_id = {shop_id:UInt32} AND {segment_by:String} = 'first_category'
    GROUP BY order_id
),
members AS (
    SELECT g.person AS person, g.first_day AS first_day, g.return_days AS return_days, g.payments AS payments,
           multiIf({period:String} = 'day', g.first_day, {period:String} = 'week', toStartOfWeek(g.first_day, {week_mode:UInt8}), toStartOfMonth(g.first_day)) AS cohort_start,
           multiIf({segment_by:String} = 'first_channel', g.first_channel,
                   {segment_by:String} = 'first_category', if(c.category = '', '(none)', c.category),
                   {segment_by:String} = 'first_discount', if(g.first_discounted, 'discounted', 'full_price'),
                   {segment_by:String} = 'first_value', {value_labels:Array(String)}[g.first_value_band + 1],
                   'all') AS segment
    FROM grouped AS g LEFT JOIN first_categories AS c ON c.order_id = g.first_order
    WHERE g.first_day BETWEEN {from:Date} AND {to:Date}
),
-- Per member: the periods after the cohort's in which they returned (on or after their first day).
-- Every branch Int64: mixed branch types would make a Variant, which cannot be grouped.
member_periods AS (
    SELECT person, cohort_start, segment, payments, first_day,
           arrayDistinct(arrayMap(d -> multiIf({period:String} = 'day', toInt64(dateDiff('day', cohort_start, d)),
                                              {period:String} = 'week', toInt64(intDiv(dateDiff('day', cohort_start, toStartOfWeek(d, {week_mode:UInt8})), 7)),
                                              toInt64(dateDiff('month', cohort_start, toStartOfMonth(d)))),
                                  arrayFilter(d -> d >= first_day, return_days))) AS ks
    FROM members
),
-- One row per member and fact: the member itself (size), each period counted (cell: "on" = the
-- periods returned in; "on or after" = every period up to the latest returned in), each payment
-- on or after the first day (revenue). A member is in one cohort once, so counts are people.
facts AS (
    SELECT segment, cohort_start, f.1 AS section, f.2 AS k, f.3 AS amount
    FROM member_periods
    ARRAY JOIN arrayConcat(
        [('size', toInt64(0), toDecimal64(0, 2))],
        arrayMap(k -> ('cell', k, toDecimal64(0, 2)),
                 if({cumulative:UInt8} = 0,
                    arrayFilter(k -> k <= {periods:UInt16}, ks),
                    if(empty(ks), [], arrayMap(i -> toInt64(i), range(toUInt64(least(arrayMax(ks), {periods:UInt16}) + 1)))))),
        arrayFilter(x -> x.2 <= {periods:UInt16},
                    arrayMap(p -> ('revenue',
                                   multiIf({period:String} = 'day', toInt64(dateDiff('day', cohort_start, p.1)),
                                           {period:String} = 'week', toInt64(intDiv(dateDiff('day', cohort_start, toStartOfWeek(p.1, {week_mode:UInt8})), 7)),
                                           toInt64(dateDiff('month', cohort_start, toStartOfMonth(p.1)))),
                                   toDecimal64(p.2, 2)),
                             arrayFilter(p -> p.1 >= first_day, payments)))
    ) AS f
)
SELECT section, segment, toString(cohort_start) AS value, k, count() AS people, toDecimal64(sum(amount), 2) AS amount
FROM facts GROUP BY section, segment, cohort_start, k
UNION ALL
SELECT 'end', '', toString(max(act_day)), toInt64(0), toUInt64(0), toDecimal64(0, 2) FROM returns
UNION ALL
SELECT 'end_revenue', '', toString(max(act_day)), toInt64(0), toUInt64(0), toDecimal64(0, 2) FROM paid WHERE by_visitor = 0
