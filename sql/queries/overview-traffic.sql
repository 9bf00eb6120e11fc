-- Overview, the visitor half: traffic and sessions per shop-local day, plus a totals row
-- (day = 1970-01-01) whose distinct counts are over the whole range, not sums of days. The
-- order half is overview-orders.sql; the two run side by side and are joined by day.
-- Parameters: shop_id, from, to (local dates, inclusive), tz (the shop's IANA zone). Filters
-- apply through {{events}} (sql/src/row-filters.ts).
WITH
days AS (
    SELECT arrayJoin(arrayPushBack(arrayMap(i -> {from:Date} + i, range(toUInt32(dateDiff('day', {from:Date}, {to:Date}) + 1))), toDate(0))) AS d
),
traffic AS (
    SELECT if(grouping(day) = 1, toDate(0), day) AS d,
           uniqExact(visitor_id) AS uv,
           countIf(event_name IN ('page_view', 'product_view')) AS pv,
           uniqExactIf(visitor_id, event_name = 'add_to_cart') AS cart_visitors
    FROM {{events}}
    WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} AND {to:Date}
    GROUP BY GROUPING SETS ((day), ())
),
sessions AS (
    -- A session counts on the local day it started; it may run past midnight, hence the margin.
    SELECT if(grouping(start_day) = 1, toDate(0), start_day) AS d,
           count() AS sessions,
           countIf(events = 1) AS bounce_sessions,
           sum(seconds) AS session_seconds
    FROM (
        SELECT session_id, toDate(min(ts), {tz:String}) AS start_day, count() AS events, dateDiff('second', min(ts), max(ts)) AS seconds
        FROM {{events}}
        WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} - 1 AND {to:Date} + 1 AND session_id != ''
        GROUP BY session_id
    )
    WHERE start_day BETWEEN {from:Date} AND {to:Date}
    GROUP BY GROUPING SETS ((start_day), ())
)
SELECT
    toString(days.d) AS day,
    traffic.uv AS uv,
    traffic.pv AS pv,
    traffic.cart_visitors AS cart_visitors,
    sessions.sessions AS sessions,
    sessions.bounce_sessions AS bounce_sessions,
    sessions.session_seconds AS session_seconds
FROM days
LEFT JOIN traffic ON traffic.d = days.d
LEFT JOIN sessions ON sessions.d = days.d
ORDER BY days.d
