-- Retention of first-time cohorts. A person joins the cohort of the period (day, week or month,
-- shop-local) of their first occurrence ever of the cohort event, and counts in period k when
-- they do the return event on or after their first day, k periods after the cohort's period
-- ("on"), or in period k or later ("on or after": their latest period is >= k).
-- Person: the visitor when cohort and return are both visits, otherwise the customer (visits then
-- count only when signed in). Result rows: section 'size' (k = 0, people = cohort size), section
-- 'cell' (k, people), section 'end' (value = the last day with return activity).
-- Parameters: shop_id, from, to (local dates: cohorts whose first day is in the range), tz,
-- cohort ('first_purchase' | 'first_visit'), return_event ('purchase' | 'visit'),
-- period ('day' | 'week' | 'month'), week_mode (0 = weeks start Sunday, 1 = Monday),
-- cumulative (0 = on, 1 = on or after), periods (how many periods after the first).
WITH
{by_visitor:UInt8} AS by_visitor,
purchases AS (
    SELECT DISTINCT customer_id AS person, toDate(assumeNotNull(paid_at), {tz:String}) AS act_day
    FROM orders FINAL
    WHERE shop_id = {shop_id:UInt32} AND customer_id != '' AND paid_at IS NOT NULL
      AND ({cohort:String} = 'first_purchase' OR {return_event:String} = 'purchase')
),
visits AS (
    SELECT DISTINCT if(by_visitor = 1, visitor_id, customer_id) AS person, day AS act_day
    FROM events
    WHERE shop_id = {shop_id:UInt32} AND if(by_visitor = 1, visitor_id, customer_id) != ''
      AND ({cohort:String} = 'first_visit' OR {return_event:String} = 'visit')
),
firsts AS (
    SELECT person, min(act_day) AS first_day
    FROM (SELECT * FROM purchases WHERE {cohort:String} = 'first_purchase' UNION ALL SELECT * FROM visits WHERE {cohort:String} = 'first_visit')
    GROUP BY person
),
returns AS (
    SELECT * FROM purchases WHERE {return_event:String} = 'purchase' UNION ALL SELECT * FROM visits WHERE {return_event:String} = 'visit'
),
members AS (
    SELECT person, first_day,
           multiIf({period:String} = 'day', first_day, {period:String} = 'week', toStartOfWeek(first_day, {week_mode:UInt8}), toStartOfMonth(first_day)) AS cohort_start
    FROM firsts
    WHERE first_day BETWEEN {from:Date} AND {to:Date}
),
hits AS (
    SELECT DISTINCT m.person AS person, m.cohort_start AS cohort_start,
           -- Every branch Int64: mixed branch types would make a Variant, which cannot be grouped.
           multiIf({period:String} = 'day', toInt64(dateDiff('day', m.cohort_start, r.act_day)),
                   {period:String} = 'week', toInt64(intDiv(dateDiff('day', m.cohort_start, toStartOfWeek(r.act_day, {week_mode:UInt8})), 7)),
                   toInt64(dateDiff('month', m.cohort_start, toStartOfMonth(r.act_day)))) AS k
    FROM members AS m INNER JOIN returns AS r ON r.person = m.person
    WHERE r.act_day >= m.first_day
),
counted AS (
    SELECT cohort_start, k, person FROM hits WHERE {cumulative:UInt8} = 0 AND k <= {periods:UInt16}
    UNION ALL
    SELECT cohort_start, toInt64(arrayJoin(range(toUInt64(least(max_k, {periods:UInt16}) + 1)))) AS k, person
    FROM (SELECT cohort_start, person, max(k) AS max_k FROM hits GROUP BY cohort_start, person)
    WHERE {cumulative:UInt8} = 1
)
SELECT 'size' AS section, toString(cohort_start) AS value, toInt64(0) AS k, count() AS people FROM members GROUP BY cohort_start
UNION ALL
SELECT 'cell', toString(cohort_start), toInt64(k), uniqExact(person) FROM counted GROUP BY cohort_start, k
UNION ALL
SELECT 'end', toString(max(act_day)), toInt64(0), toUInt64(0) FROM returns
