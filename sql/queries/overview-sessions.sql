-- Overview, sessions: sessions, one-event (bounce) sessions and their summed length per
-- shop-local day, plus a totals row (day = 1970-01-01) that adds the days up; days without a
-- session have no row. A session ends at midnight (as in Universal Analytics): one session id's
-- events on one local day are one session of that day, so a day's figures never depend on the
-- range asked for. Sessions are grouped by a hash of their id, as daily-sessions-refresh.sql
-- groups them to keep daily_sessions, which unfiltered overviews read
-- (overview-sessions-rollup.sql).
-- Parameters: shop_id, from, to (local dates, inclusive). Filters apply through {{events}}
-- (sql/src/row-filters.ts).
SELECT toString(if(grouping(s.day) = 1, toDate(0), s.day)) AS day,
       count() AS sessions,
       countIf(s.events = 1) AS bounce_sessions,
       sum(s.seconds) AS session_seconds
FROM (
    SELECT day, count() AS events, toUInt64(dateDiff('second', min(ts), max(ts))) AS seconds
    FROM {{events}}
    WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} AND {to:Date} AND session_id != ''
    GROUP BY day, cityHash64(session_id)
) AS s
GROUP BY GROUPING SETS ((s.day), ())
