-- Customer lifecycle per calendar month (shop-local) of the range: each known customer who paid
-- in the month is new (first paid order ever), returning (also paid the month before) or
-- resurrecting (paid before, but not the month before); one who paid the month before but not
-- this month is dormant. Parameters: shop_id, from, to (local dates), tz.
WITH
buys AS (
    SELECT DISTINCT customer_id, toStartOfMonth(toDate(assumeNotNull(paid_at), {tz:String})) AS month
    FROM {{orders}}
    WHERE shop_id = {shop_id:UInt32} AND customer_id != '' AND paid_at IS NOT NULL
      AND toDate(assumeNotNull(paid_at), {tz:String}) <= {to:Date}
),
seq AS (
    SELECT customer_id, month,
           lagInFrame(month, 1, toDate(0)) OVER (PARTITION BY customer_id ORDER BY month ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS previous_month,
           leadInFrame(month, 1, toDate(0)) OVER (PARTITION BY customer_id ORDER BY month ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING) AS next_month
    FROM buys
),
statuses AS (
    SELECT month AS period_start,
           multiIf(previous_month = toDate(0), 'new', previous_month = addMonths(month, -1), 'returning', 'resurrecting') AS status
    FROM seq
    UNION ALL
    SELECT addMonths(month, 1), 'dormant' FROM seq WHERE next_month != addMonths(month, 1)
)
SELECT toString(period_start) AS period, status, count() AS customers
FROM statuses
WHERE period_start BETWEEN toStartOfMonth({from:Date}) AND toStartOfMonth({to:Date})
GROUP BY period_start, status
ORDER BY period_start, status
