-- Repurchase of known customers (guest checkouts cannot be followed). Each customer's paid orders
-- over all history, in payment order (one sorted array per customer: cheaper than a window over
-- all of them, and read by every section); one result table with a `section` column:
--   cohort:   per month of first purchase (first purchase in the range) and window w in
--             {windows}: customers, eligible (first purchase day + w <= the shop's last payment
--             day, so the whole window is observed) and repurchased (eligible, with a second paid
--             order on a local day at most w days after the first's)
--   interval: days between consecutive paid orders of a customer, for later orders paid in the
--             range: value = the gap in days, customers = the number of such gaps
--   channel / live_room / category / product / refund / discount / value: customers whose first
--             purchase is in the range, by the first order's channel, its live room ('' when it did
--             not come from one), each category / product on it, whether it has
--             been refunded ('refunded': any amount, as the order stands now; else 'kept'),
--             whether it was bought at a discount ('discounted': an order-level discount of any
--             amount; else 'full_price'), or the band of its amount paid (value = how many of
--             {edge_cents} it reaches, as the order values' bands);
--             second_buyers = those with a second paid order (so far)
-- Customers and orders are keyed by 64-bit hashes of their ids where they are grouped and joined
-- (as buyers are in buyer_days, docs/buyer-days.md): integer keys hash and compare faster than
-- strings; the order id itself still breaks ties of the payment order.
-- Parameters: shop_id, from, to (local dates, inclusive), tz, windows (Array(UInt16)), edge_cents
-- (Array(Int64), the order-value bands' edges in cents).
WITH
paid AS (
    -- (paid_ts, not paid_at: ClickHouse lets an alias shadow the column in WHERE.)
    SELECT cityHash64(customer_id) AS buyer, order_id, cityHash64(order_id) AS order_key, assumeNotNull(paid_at) AS paid_ts, toDate(assumeNotNull(paid_at), {tz:String}) AS paid_day, channel,
           refund_amount > 0 AS refunded, discount_amount > 0 AS discounted, live_room_id,
           -- The order-value band (a UInt8, not the amount: the histories carry every order).
           toUInt8(arrayCount(e -> toInt64(paid_amount * 100) >= e, {edge_cents:Array(Int64)})) AS band
    FROM {{orders}}
    WHERE shop_id = {shop_id:UInt32} AND customer_id != '' AND paid_at IS NOT NULL
),
histories AS MATERIALIZED (
    -- Each customer's paid orders in payment order (time, then order id): (ts, order, day, channel,
    -- order key, refunded, discounted, live room, order-value band).
    SELECT buyer, arraySort(groupArray((paid_ts, order_id, paid_day, channel, order_key, refunded, discounted, live_room_id, band))) AS h
    FROM paid
    GROUP BY buyer
),
firsts AS (
    SELECT buyer,
           h[1].3 AS first_day,
           h[1].5 AS first_order_key,
           h[1].4 AS first_channel,
           h[1].6 AS first_refunded,
           h[1].7 AS first_discounted,
           h[1].8 AS first_live_room,
           h[1].9 AS first_band,
           length(h) >= 2 AS has_second,
           if(length(h) >= 2, h[2].3, toDate(0)) AS second_day
    FROM histories
),
data_end AS (SELECT max(paid_day) AS d FROM paid),
first_in_range AS MATERIALIZED (
    SELECT * FROM firsts WHERE first_day BETWEEN {from:Date} AND {to:Date}
),
first_lines AS (
    SELECT cityHash64(order_id) AS order_key, product_id, category
    FROM {{order_items}}
    WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} - 31 AND {to:Date}
)
SELECT 'cohort' AS section, toString(toStartOfMonth(first_day)) AS value, toUInt16(w) AS window_days,
       count() AS customers,
       countIf(first_day + w <= (SELECT d FROM data_end)) AS eligible,
       countIf(first_day + w <= (SELECT d FROM data_end) AND has_second AND dateDiff('day', first_day, second_day) <= w) AS repurchased
FROM first_in_range ARRAY JOIN {windows:Array(UInt16)} AS w
GROUP BY value, w
UNION ALL
SELECT 'interval', toString(gap.2), toUInt16(0), count(), 0, 0
FROM (SELECT arrayJoin(arrayMap(i -> (h[i].3, dateDiff('day', h[i - 1].3, h[i].3)), range(2, length(h) + 1))) AS gap FROM histories)
WHERE gap.1 BETWEEN {from:Date} AND {to:Date}
GROUP BY gap.2
UNION ALL
SELECT 'channel', first_channel, toUInt16(0), count(), 0, countIf(has_second)
FROM first_in_range GROUP BY first_channel
UNION ALL
SELECT 'live_room', first_live_room, toUInt16(0), count(), 0, countIf(has_second)
FROM first_in_range GROUP BY first_live_room
UNION ALL
SELECT 'refund', if(first_refunded, 'refunded', 'kept'), toUInt16(0), count(), 0, countIf(has_second)
FROM first_in_range GROUP BY first_refunded
UNION ALL
SELECT 'discount', if(first_discounted, 'discounted', 'full_price'), toUInt16(0), count(), 0, countIf(has_second)
FROM first_in_range GROUP BY first_discounted
UNION ALL
SELECT 'value', toString(first_band), toUInt16(0), count(), 0, countIf(has_second)
FROM first_in_range GROUP BY first_band
UNION ALL
-- Categories and products from one join (each first-order line counted under both; a product on
-- two lines of an order counts its customer once: uniqExact).
SELECT kv.1, kv.2, toUInt16(0), uniqExact(f.buyer), 0, uniqExactIf(f.buyer, f.has_second)
FROM first_in_range AS f INNER JOIN first_lines AS l ON l.order_key = f.first_order_key
ARRAY JOIN [('category', toString(l.category)), ('product', l.product_id)] AS kv
GROUP BY kv.1, kv.2
-- histories and first_in_range are MATERIALIZED: computed once instead of once per reference.
-- Largest bench shop, 90 days: 605-687 ms with a window function and CTEs re-run per reference ->
-- 393-441 materialized -> 277-316 with sorted arrays -> 201-224 with the order lines read once,
-- plainly (no DISTINCT, no IN-filter, not materialized) for one join serving categories and
-- products -> engine alone 233-250 (median of 15) with string keys, 190-219 with the hashed keys,
-- alternating on one machine (run 30 in docs/benchmarks.md); the same rows each time.
-- The setting turns the keyword on (it is off by default in ClickHouse 26.7).
SETTINGS enable_materialized_cte = 1
