-- Order values (客单价分布): the orders paid in the range (the shop-local day of payment, as
-- everywhere a payment is counted), as they stand now, grouped by what was paid for them. Sections:
--   band   per band of the amount paid (`key` = how many of the edges the amount reaches: 0 is
--          below the first edge, the last band has no upper edge; a band holds its lower edge)
--   units  per number of units on the order's lines (`key` 1-4, 5 = five or more, 0 = an order
--          with no lines imported)
--   channel  per the order's channel (`key` the channel's code): which channels bring big baskets
--   total  one row (`key` '') with the median amount paid and the amount paid for the orders with
--          lines (`lines_cents`, for the amount per unit) besides the counts
--   threshold  one row per amount of {threshold_cents} (`key` the amount in cents; none when the
--          list is empty — a tiered 满减 is weighed tier by tier): of the orders' goods amounts
--          (items, before the order-level discount and without shipping — what a 满减 threshold is
--          compared with), those at or above it (`orders`, `gmv_cents`) and those short of it by at
--          most a fifth (`near_orders`, `near_cents`, and `gap_cents`, what they were short of it in all)
-- Each row: orders, gmv_cents (amount paid), buyers (distinct; a guest order is its own buyer), units,
-- orders_with_lines, multi_unit_orders (2+ units), discounted_orders (an order-level discount),
-- refunded_orders (a refund of any amount), median_cents, near_orders, near_cents, gap_cents (the
-- last four only where said). Amounts are whole cents, so an edge of 199.99 splits exactly and
-- sums are exact.
-- Parameters: shop_id, from, to (local dates, inclusive), tz, edge_cents (ascending), threshold_cents
-- (Array(Int64), possibly empty).
-- Filters through {{orders}} and {{order_items}} (a category filter keeps orders with a line in it
-- and counts those lines' units).
WITH
paid AS (
    SELECT order_id, if(customer_id != '', customer_id, concat('guest:', order_id)) AS buyer, channel,
           toInt64(paid_amount * 100) AS cents, toInt64(items_amount * 100) AS goods_cents,
           discount_amount > 0 AS discounted, refund_amount > 0 AS refunded
    FROM {{orders}}
    WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} - 31 AND {to:Date} AND paid_at IS NOT NULL
      AND toDate(assumeNotNull(paid_at), {tz:String}) BETWEEN {from:Date} AND {to:Date}
),
line_units AS (
    SELECT l.order_id AS order_id, sum(l.quantity) AS units
    FROM {{order_items AS l}}
    WHERE l.shop_id = {shop_id:UInt32} AND l.day BETWEEN {from:Date} - 31 AND {to:Date}
    GROUP BY l.order_id
),
sold AS MATERIALIZED (
    SELECT p.order_id AS order_id, p.buyer AS buyer, p.channel AS channel, p.cents AS cents, p.goods_cents AS goods_cents,
           p.discounted AS discounted, p.refunded AS refunded,
           u.order_id != '' AS has_lines, toInt64(u.units) AS order_units,
           arrayCount(e -> p.cents >= e, {edge_cents:Array(Int64)}) AS band
    FROM paid AS p
    LEFT JOIN line_units AS u ON u.order_id = p.order_id
)
SELECT 'band' AS section, toString(band) AS key, count() AS orders, sum(cents) AS gmv_cents, uniqExact(buyer) AS buyers,
       sum(order_units) AS units, countIf(has_lines) AS orders_with_lines, countIf(order_units >= 2) AS multi_unit_orders,
       countIf(discounted) AS discounted_orders, countIf(refunded) AS refunded_orders,
       0 AS median_cents, 0 AS near_orders, 0 AS near_cents, 0 AS gap_cents, 0 AS lines_cents
FROM sold GROUP BY band
UNION ALL
SELECT 'units', toString(if(has_lines, least(order_units, 5), 0)), count(), sum(cents), uniqExact(buyer),
       sum(order_units), countIf(has_lines), countIf(order_units >= 2), countIf(discounted), countIf(refunded), 0, 0, 0, 0, 0
FROM sold GROUP BY if(has_lines, least(order_units, 5), 0)
UNION ALL
SELECT 'channel', toString(channel), count(), sum(cents), uniqExact(buyer),
       sum(order_units), countIf(has_lines), countIf(order_units >= 2), countIf(discounted), countIf(refunded), 0, 0, 0, 0, 0
FROM sold GROUP BY channel
UNION ALL
-- The median of an even count is the mean of the middle two (as every median here).
SELECT 'total', '', count(), sum(cents), uniqExact(buyer), sum(order_units), countIf(has_lines), countIf(order_units >= 2),
       countIf(discounted), countIf(refunded),
       if(count() = 0, 0, (quantileExactLow(0.5)(cents) + quantileExactHigh(0.5)(cents)) / 2), 0, 0, 0, sumIf(cents, has_lines)
FROM sold
UNION ALL
SELECT 'threshold', toString(t),
       countIf(goods_cents >= t), sumIf(cents, goods_cents >= t), 0, 0, 0, 0, 0, 0, 0,
       countIf(goods_cents < t AND goods_cents * 5 >= t * 4),
       sumIf(cents, goods_cents < t AND goods_cents * 5 >= t * 4),
       sumIf(t - goods_cents, goods_cents < t AND goods_cents * 5 >= t * 4),
       0
FROM sold ARRAY JOIN {threshold_cents:Array(Int64)} AS t
GROUP BY t
-- join_use_nulls = 0: an order without lines joins with order_id '' and 0 units.
SETTINGS enable_materialized_cte = 1, join_use_nulls = 0
