-- Diagnostics, the split by channel: for two periods (p = 0: the compared period, p = 1: the
-- diagnosed one) the buyers and payment amount of the orders paid in each, by the channel the
-- order was placed through (each order in exactly one channel, so the amounts add up to the
-- shop's payment amount). A guest order is one buyer. Visitors per channel come from
-- diagnostics-channel-visitors(-rollup).sql.
-- Parameters: shop_id, from0, to0, from1, to1 (Date), tz.
SELECT p, channel AS segment, uniqExact(buyer) AS buyers, toString(sum(paid_amount)) AS gmv
FROM (
    SELECT if(customer_id != '', customer_id, concat('guest:', order_id)) AS buyer, toString(o.channel) AS channel, paid_amount,
           toDate(assumeNotNull(paid_at), {tz:String}) AS pay_day,
           if(pay_day BETWEEN {from1:Date} AND {to1:Date}, 1, 0) AS p
    FROM {{orders AS o}}
    WHERE o.shop_id = {shop_id:UInt32} AND o.paid_at IS NOT NULL
      AND o.day BETWEEN least({from0:Date}, {from1:Date}) - 31 AND greatest({to0:Date}, {to1:Date})
)
WHERE pay_day BETWEEN {from0:Date} AND {to0:Date} OR pay_day BETWEEN {from1:Date} AND {to1:Date}
GROUP BY p, segment
ORDER BY p, segment
