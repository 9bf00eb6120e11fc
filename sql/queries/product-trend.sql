-- One product's day-by-day figures over a range of shop-local days (every day present; quiet
-- days are zero). Parameters: shop_id, product_id, from, to (local dates, inclusive), tz.
WITH
days AS (
    SELECT arrayJoin(arrayMap(i -> {from:Date} + i, range(toUInt32(dateDiff('day', {from:Date}, {to:Date}) + 1)))) AS d
),
engagement AS (
    SELECT day AS d,
           countIf(event_name = 'product_view') AS views,
           uniqExactIf(visitor_id, event_name = 'product_view') AS visitors,
           countIf(event_name = 'add_to_cart') AS cart_adds,
           uniqExactIf(visitor_id, event_name = 'add_to_cart') AS cart_visitors
    FROM {{events}}
    WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} AND {to:Date} AND product_id = {product_id:String}
    GROUP BY day
),
paid_in_range AS (
    -- Orders paid in the range (payment within 31 days of placing; see the conventions).
    SELECT order_id, if(customer_id != '', customer_id, concat('guest:', order_id)) AS buyer,
           toDate(assumeNotNull(paid_at), {tz:String}) AS paid_day
    FROM {{orders}}
    WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} - 31 AND {to:Date} AND paid_at IS NOT NULL
      AND toDate(assumeNotNull(paid_at), {tz:String}) BETWEEN {from:Date} AND {to:Date}
),
sales AS (
    SELECT p.paid_day AS d, uniqExact(p.buyer) AS buyers, uniqExact(l.order_id) AS paid_orders,
           sum(l.quantity) AS units, sum(l.amount) AS gmv
    FROM (
        SELECT order_id, quantity, amount FROM {{order_items}}
        WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} - 31 AND {to:Date} AND product_id = {product_id:String}
    ) AS l
    INNER JOIN paid_in_range AS p ON p.order_id = l.order_id
    GROUP BY p.paid_day
)
SELECT toString(days.d) AS day,
       ifNull(e.views, 0) AS views, ifNull(e.visitors, 0) AS visitors,
       ifNull(e.cart_adds, 0) AS cart_adds, ifNull(e.cart_visitors, 0) AS cart_visitors,
       ifNull(s.buyers, 0) AS buyers, ifNull(s.paid_orders, 0) AS paid_orders, ifNull(s.units, 0) AS units,
       toFloat64(ifNull(s.gmv, 0)) AS gmv
FROM days
LEFT JOIN engagement AS e ON e.d = days.d
LEFT JOIN sales AS s ON s.d = days.d
ORDER BY days.d
