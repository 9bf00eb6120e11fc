-- Overview, sessions: sessions, one-event (bounce) sessions and their summed length per
-- shop-local day the session started, plus a totals row (day = 1970-01-01); days without a
-- session have no row. A session may run past midnight, hence the one-day margin.
-- Parameters: shop_id, from, to (local dates, inclusive), tz (the shop's IANA zone). Filters
-- apply through {{events}} (sql/src/row-filters.ts).
SELECT toString(if(grouping(start_day) = 1, toDate(0), start_day)) AS day,
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
