-- Real-time: per hour of three shop-local days (today, yesterday, the same weekday last week),
-- plus each day's totals up to the current hour ("so far"), so today is compared like for like.
-- Parameters: shop_id, today, tz, hour (the current local hour, 0-23).
-- Output: 24 hour rows per day plus one "so far" row per day, marked hour = 255 (rows in no particular order).
WITH
days AS (SELECT [{today:Date}, {today:Date} - 1, {today:Date} - 7] AS ds),
ev AS (
    SELECT day, toHour(toTimeZone(ts, {tz:String})) AS hour, visitor_id, event_name
    FROM {{events}}
    WHERE shop_id = {shop_id:UInt32} AND day IN (SELECT arrayJoin(ds) FROM days)
),
od AS (
    SELECT toDate(assumeNotNull(paid_at), {tz:String}) AS day, toHour(toTimeZone(assumeNotNull(paid_at), {tz:String})) AS hour,
           if(customer_id != '', customer_id, concat('guest:', order_id)) AS buyer, paid_amount
    FROM {{orders}}
    WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {today:Date} - 38 AND {today:Date} AND paid_at IS NOT NULL
      AND toDate(assumeNotNull(paid_at), {tz:String}) IN (SELECT arrayJoin(ds) FROM days)
),
hourly_traffic AS (
    SELECT day, hour, uniqExact(visitor_id) AS uv, countIf(event_name IN ('page_view', 'product_view')) AS pv FROM ev GROUP BY day, hour
),
hourly_paid AS (
    SELECT day, hour, count() AS paid_orders, uniqExact(buyer) AS paying_buyers, sum(paid_amount) AS gmv FROM od GROUP BY day, hour
),
so_far_traffic AS (
    SELECT day, uniqExactIf(visitor_id, hour <= {hour:UInt8}) AS uv, countIf(event_name IN ('page_view', 'product_view') AND hour <= {hour:UInt8}) AS pv FROM ev GROUP BY day
),
so_far_paid AS (
    SELECT day, countIf(hour <= {hour:UInt8}) AS paid_orders, uniqExactIf(buyer, hour <= {hour:UInt8}) AS paying_buyers, sumIf(paid_amount, hour <= {hour:UInt8}) AS gmv FROM od GROUP BY day
)
SELECT toString(d) AS day, h AS hour,
       t.uv AS uv, t.pv AS pv, p.paid_orders AS paid_orders, p.paying_buyers AS paying_buyers, p.gmv AS gmv
FROM (SELECT arrayJoin(ds) AS d FROM days) AS dd
CROSS JOIN (SELECT toUInt8(number) AS h FROM numbers(24)) AS hh
LEFT JOIN hourly_traffic AS t ON t.day = dd.d AND t.hour = hh.h
LEFT JOIN hourly_paid AS p ON p.day = dd.d AND p.hour = hh.h
UNION ALL
SELECT toString(d), toUInt8(255), st.uv, st.pv, sp.paid_orders, sp.paying_buyers, sp.gmv
FROM (SELECT arrayJoin(ds) AS d FROM days) AS dd
LEFT JOIN so_far_traffic AS st ON st.day = dd.d
LEFT JOIN so_far_paid AS sp ON sp.day = dd.d
