-- The shop-local days a shop's data covers: the first and last day of any event (its day) or
-- order (the day it was placed). Each end is one row read in key order ((shop_id, day, …) on both
-- tables), not a scan of the shop. `sources` is 0 when the shop has no events and no orders.
-- Parameters: shop_id.
SELECT toString(min(d)) AS first_day, toString(max(d)) AS last_day, count() AS sources
FROM (
    SELECT day AS d FROM (SELECT day FROM events WHERE shop_id = {shop_id:UInt32} ORDER BY day LIMIT 1)
    UNION ALL
    SELECT day FROM (SELECT day FROM events WHERE shop_id = {shop_id:UInt32} ORDER BY day DESC LIMIT 1)
    UNION ALL
    SELECT day FROM (SELECT day FROM orders WHERE shop_id = {shop_id:UInt32} ORDER BY day LIMIT 1)
    UNION ALL
    SELECT day FROM (SELECT day FROM orders WHERE shop_id = {shop_id:UInt32} ORDER BY day DESC LIMIT 1)
)
