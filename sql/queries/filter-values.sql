-- The values a shop's free-text filters can take, most seen first (at most 1,000 of each), for the
-- dashboard's suggestions. Categories: the catalogue, product views (daily_category_viewers, one
-- row per day and category) and order lines — a shop without a catalogue still has its lines' and
-- views' categories, ranked by catalogue products + days with views + order lines together.
-- Regions and live rooms: events and orders, ranked by rows. `n` only ranks; it is not a metric.
-- Parameters: shop_id.
SELECT 'category' AS dimension, value, sum(n) AS n
FROM (
    SELECT category AS value, uniqExact(product_id) AS n FROM products WHERE shop_id = {shop_id:UInt32} AND category != '' GROUP BY value
    UNION ALL
    -- Days, not rows: a day's rows are one only once the rollup's parts have merged.
    SELECT category, uniqExact(day) FROM daily_category_viewers WHERE shop_id = {shop_id:UInt32} GROUP BY category
    UNION ALL
    SELECT category, count() FROM order_items WHERE shop_id = {shop_id:UInt32} AND category != '' GROUP BY category
)
GROUP BY value
ORDER BY n DESC, value
LIMIT 1000
UNION ALL
SELECT 'region', value, sum(n)
FROM (
    SELECT region AS value, count() AS n FROM events WHERE shop_id = {shop_id:UInt32} AND region != '' GROUP BY value
    UNION ALL
    SELECT region, count() FROM orders WHERE shop_id = {shop_id:UInt32} AND region != '' GROUP BY region
)
GROUP BY value
ORDER BY sum(n) DESC, value
LIMIT 1000
UNION ALL
-- A pass of its own: one pass for regions and rooms together (ARRAY JOIN of the two columns) took
-- 529 ms on the largest bench shop against 81 for the two (it doubles the rows and groups strings).
SELECT 'live_room', value, sum(n)
FROM (
    SELECT live_room_id AS value, count() AS n FROM events WHERE shop_id = {shop_id:UInt32} AND live_room_id != '' GROUP BY value
    UNION ALL
    SELECT live_room_id, count() FROM orders WHERE shop_id = {shop_id:UInt32} AND live_room_id != '' GROUP BY live_room_id
)
GROUP BY value
ORDER BY sum(n) DESC, value
LIMIT 1000
