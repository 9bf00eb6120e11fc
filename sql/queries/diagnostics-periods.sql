-- Diagnostics: sales of consecutive periods of `len` days (1 = days, 7 = weeks), bucket b
-- covering {start} + b*len .. {start} + b*len + len - 1 (shop-local days), b = 0 .. {buckets} - 1:
-- paid orders, paying buyers (a guest order is one buyer), payment amount, the goods amount and
-- order-level discounts of those orders, and the refund amount of refunds dated in the bucket. Distinct counts are over the whole bucket. Visitors per bucket
-- come from diagnostics-traffic(-rollup).sql.
-- Parameters: shop_id, start (Date), len (UInt16), buckets (UInt16), tz.
WITH
{start:Date} AS s,
{len:UInt16} AS n,
toDate({start:Date} + {buckets:UInt16} * {len:UInt16} - 1) AS last_day,
paid AS (
    SELECT intDiv(dateDiff('day', s, pay_day), n) AS b,
           count() AS paid_orders,
           uniqExact(if(customer_id != '', customer_id, concat('guest:', order_id))) AS buyers,
           sum(paid_amount) AS gmv,
           -- Qualified (o.): an alias named as a column would be read instead of it.
           sum(o.items_amount) AS items_amount,
           sum(o.discount_amount) AS discount_amount
    FROM (
        SELECT customer_id, order_id, paid_amount, items_amount, discount_amount, toDate(assumeNotNull(paid_at), {tz:String}) AS pay_day
        FROM {{orders}}
        WHERE shop_id = {shop_id:UInt32} AND day BETWEEN s - 31 AND last_day AND paid_at IS NOT NULL
    ) AS o
    WHERE pay_day BETWEEN s AND last_day
    GROUP BY b
),
refunds AS (
    SELECT intDiv(dateDiff('day', s, refund_day), n) AS b, sum(refund_amount) AS refund_amount
    FROM (
        SELECT refund_amount, toDate(assumeNotNull(refunded_at), {tz:String}) AS refund_day
        FROM {{orders}}
        WHERE shop_id = {shop_id:UInt32} AND day BETWEEN s - 366 AND last_day AND refunded_at IS NOT NULL
    )
    WHERE refund_day BETWEEN s AND last_day
    GROUP BY b
),
buckets AS (SELECT toInt64(arrayJoin(range(toUInt64({buckets:UInt16})))) AS b)
SELECT buckets.b AS bucket,
       paid.paid_orders AS paid_orders, paid.buyers AS buyers, toString(paid.gmv) AS gmv,
       toString(paid.items_amount) AS items_amount, toString(paid.discount_amount) AS discount_amount, toString(refunds.refund_amount) AS refund_amount
FROM buckets
LEFT JOIN paid ON paid.b = buckets.b
LEFT JOIN refunds ON refunds.b = buckets.b
ORDER BY bucket
