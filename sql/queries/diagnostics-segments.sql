-- Diagnostics: per channel or per product category, for two periods (p = 0: the compared
-- period, p = 1: the current one), the factors of that segment's payment amount:
--   channel:  visitors with an event in the channel; buyers and payment amount of the orders
--             placed through it (each order in exactly one channel, so the amounts add up to the
--             shop's payment amount);
--   category: visitors who viewed a product of the category; buyers and line amounts of the
--             category's lines on paid orders (adds up to the goods value, before shipping and
--             order-level discounts).
-- Parameters: shop_id, by ('channel' | 'category'), from0, to0, from1, to1 (Date), tz.
WITH
visits AS (
    SELECT if(day BETWEEN {from1:Date} AND {to1:Date}, 1, 0) AS p,
           if({by:String} = 'channel', toString(channel), toString(category)) AS segment,
           uniqExact(visitor_id) AS uv
    FROM {{events}}
    WHERE shop_id = {shop_id:UInt32}
      AND (day BETWEEN {from0:Date} AND {to0:Date} OR day BETWEEN {from1:Date} AND {to1:Date})
      AND ({by:String} = 'channel' OR (event_name = 'product_view' AND category != ''))
    GROUP BY p, segment
),
paid_orders AS (
    SELECT order_id, if(customer_id != '', customer_id, concat('guest:', order_id)) AS buyer, toString(channel) AS channel, paid_amount,
           toDate(assumeNotNull(paid_at), {tz:String}) AS pay_day
    FROM {{orders}}
    WHERE shop_id = {shop_id:UInt32} AND paid_at IS NOT NULL
      AND day BETWEEN least({from0:Date}, {from1:Date}) - 31 AND greatest({to0:Date}, {to1:Date})
),
in_periods AS (
    SELECT *, if(pay_day BETWEEN {from1:Date} AND {to1:Date}, 1, 0) AS p
    FROM paid_orders
    WHERE pay_day BETWEEN {from0:Date} AND {to0:Date} OR pay_day BETWEEN {from1:Date} AND {to1:Date}
),
sales AS (
    SELECT p, channel AS segment, uniqExact(buyer) AS buyers, sum(paid_amount) AS gmv
    FROM in_periods WHERE {by:String} = 'channel'
    GROUP BY p, segment
    UNION ALL
    SELECT o.p AS p, toString(i.category) AS segment, uniqExact(o.buyer) AS buyers, sum(i.amount) AS gmv
    FROM in_periods AS o INNER JOIN {{order_items AS i}} ON i.order_id = o.order_id
    WHERE {by:String} = 'category' AND i.shop_id = {shop_id:UInt32} AND i.category != ''
    GROUP BY p, segment
)
SELECT p, segment, sum(uv) AS uv, sum(buyers) AS buyers, toString(sum(gmv)) AS gmv
FROM (
    SELECT p, segment, uv, toUInt64(0) AS buyers, toDecimal128(0, 2) AS gmv FROM visits
    UNION ALL
    SELECT p, segment, toUInt64(0), buyers, toDecimal128(gmv, 2) FROM sales
)
GROUP BY p, segment
ORDER BY p, segment
