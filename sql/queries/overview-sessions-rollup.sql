-- Overview, sessions, for unfiltered overviews: the figures of overview-sessions.sql from the
-- daily rollup daily_sessions (migration 0008; one row per day, kept current by every merge), so
-- 7 days of the largest bench shop read a handful of rows instead of grouping ~1.1M events by
-- session. A session ends at midnight, so days simply add up.
-- Parameters: shop_id, from, to (local dates, inclusive).
SELECT toString(if(grouping(r.day) = 1, toDate(0), r.day)) AS day,
       sum(r.sessions) AS sessions,
       sum(r.bounce_sessions) AS bounce_sessions,
       sum(r.session_seconds) AS session_seconds
FROM daily_sessions AS r FINAL
WHERE r.shop_id = {shop_id:UInt32} AND r.day BETWEEN {from:Date} AND {to:Date}
GROUP BY GROUPING SETS ((r.day), ())
