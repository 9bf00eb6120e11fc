-- Diagnostics, the split by product category: for two periods (p = 0: the compared period,
-- p = 1: the diagnosed one) the buyers and line amounts of each category's lines on the orders
-- paid in the period (these add up to the goods value, before shipping and order-level
-- discounts). A guest order is one buyer. Viewers per category come from
-- diagnostics-category-visitors(-rollup).sql.
-- Parameters: shop_id, from0, to0, from1, to1 (Date), tz.
WITH
in_periods AS (
    SELECT order_id, buyer, p
    FROM (
        SELECT order_id, if(customer_id != '', customer_id, concat('guest:', order_id)) AS buyer,
               toDate(assumeNotNull(paid_at), {tz:String}) AS pay_day,
               if(pay_day BETWEEN {from1:Date} AND {to1:Date}, 1, 0) AS p
        FROM {{orders}}
        WHERE shop_id = {shop_id:UInt32} AND paid_at IS NOT NULL
          AND day BETWEEN least({from0:Date}, {from1:Date}) - 31 AND greatest({to0:Date}, {to1:Date})
    )
    WHERE pay_day BETWEEN {from0:Date} AND {to0:Date} OR pay_day BETWEEN {from1:Date} AND {to1:Date}
)
SELECT o.p AS p, toString(i.category) AS segment, uniqExact(o.buyer) AS buyers, toString(sum(i.amount)) AS gmv
FROM in_periods AS o INNER JOIN {{order_items AS i}} ON i.order_id = o.order_id
WHERE i.shop_id = {shop_id:UInt32} AND i.category != ''
GROUP BY p, segment
ORDER BY p, segment
