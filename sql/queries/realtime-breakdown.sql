-- Real time, what today's figures so far are made of: per channel and per live room the visitors,
-- paid orders and payment amount of today and of yesterday up to the same hour, and today's
-- products with their visitors and views and their sales. "So far" = shop-local hours 0 .. {hour}
-- of the day.
-- Parameters: shop_id, today, tz, hour (the current local hour, 0-23).
-- Output rows: kind 'channel' (key = channel, day = today or yesterday: visitors, paid_orders, gmv),
-- kind 'live_room' (the same per live room, only visits and orders in one: 直播间实时)
-- and kind 'product' (key = product id, day = today: visitors and views from product_view events,
-- cart_adds and cart_visitors from add_to_cart events, paid_orders, gmv = line amounts and units
-- of orders paid today).
-- A channel's orders are those placed in a visit from it (last touch), so channels add up to the
-- day's paid orders; a visitor counts in every channel they came through today. Live rooms alike.
WITH
ev AS (
    SELECT day, channel, live_room_id, visitor_id
    FROM {{events}}
    WHERE shop_id = {shop_id:UInt32} AND day IN ({today:Date}, {today:Date} - 1)
      AND toHour(toTimeZone(ts, {tz:String})) <= {hour:UInt8}
),
od AS (
    SELECT toDate(assumeNotNull(paid_at), {tz:String}) AS paid_day, order_id, channel, live_room_id, paid_amount
    FROM {{orders}}
    WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {today:Date} - 38 AND {today:Date} AND paid_at IS NOT NULL
      AND toDate(assumeNotNull(paid_at), {tz:String}) IN ({today:Date}, {today:Date} - 1)
      AND toHour(toTimeZone(assumeNotNull(paid_at), {tz:String})) <= {hour:UInt8}
),
channel_visitors AS (
    SELECT day, toString(channel) AS key, uniqExact(visitor_id) AS visitors FROM ev GROUP BY day, key
),
channel_paid AS (
    SELECT paid_day AS day, toString(channel) AS key, count() AS paid_orders, sum(paid_amount) AS gmv FROM od GROUP BY day, key
),
room_visitors AS (
    SELECT day, live_room_id AS key, uniqExact(visitor_id) AS visitors FROM ev WHERE live_room_id != '' GROUP BY day, key
),
room_paid AS (
    SELECT paid_day AS day, live_room_id AS key, count() AS paid_orders, sum(paid_amount) AS gmv FROM od WHERE live_room_id != '' GROUP BY day, key
),
product_sales AS (
    SELECT product_id AS key, uniqExact(order_id) AS paid_orders, sum(amount) AS gmv, sum(quantity) AS units
    FROM {{order_items}}
    WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {today:Date} - 38 AND {today:Date}
      AND order_id IN (SELECT order_id FROM od WHERE paid_day = {today:Date})
    GROUP BY key
),
product_interest AS (
    SELECT product_id AS key,
           uniqExactIf(visitor_id, event_name = 'product_view') AS visitors,
           countIf(event_name = 'product_view') AS views,
           countIf(event_name = 'add_to_cart') AS cart_adds,
           uniqExactIf(visitor_id, event_name = 'add_to_cart') AS cart_visitors
    FROM {{events}}
    WHERE shop_id = {shop_id:UInt32} AND day = {today:Date} AND event_name IN ('product_view', 'add_to_cart') AND product_id != ''
      AND toHour(toTimeZone(ts, {tz:String})) <= {hour:UInt8}
    GROUP BY key
)
-- USING merges the keys, so a channel with orders but no visit today keeps its name.
SELECT 'channel' AS kind, key, toString(day) AS day, visitors, toUInt64(0) AS views, paid_orders, toFloat64(gmv) AS gmv,
       toUInt64(0) AS units, toUInt64(0) AS cart_adds, toUInt64(0) AS cart_visitors
FROM channel_visitors FULL OUTER JOIN channel_paid USING (day, key)
UNION ALL
SELECT 'live_room', key, toString(day), visitors, toUInt64(0), paid_orders, toFloat64(gmv), toUInt64(0), toUInt64(0), toUInt64(0)
FROM room_visitors FULL OUTER JOIN room_paid USING (day, key)
UNION ALL
-- Every product viewed, carted or sold today so far (a shop's catalogue is bounded): ranked by the
-- caller three ways, by payment amount, by visitors and by cart adds.
SELECT 'product', key, toString({today:Date}), visitors, views, paid_orders, toFloat64(gmv), toUInt64(units), cart_adds, cart_visitors
FROM product_interest FULL OUTER JOIN product_sales USING (key)
