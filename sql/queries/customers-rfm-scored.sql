-- RFM as of a day, defined once for the segment grid and the customer lists (customers.analysis.ts
-- and customer-list.analysis.ts add their own final SELECT over `scored`): every known customer with
-- a paid order on or before {at}, scored 1-5 on recency (days since the last paid order; fewer is
-- better), frequency (paid orders) and monetary (payment amount). A score is
-- 1 + floor(5 × the share of customers with a strictly worse value), so equal values always get
-- equal scores.
-- Parameters: shop_id, at (local date), tz.
WITH
customers AS (
    SELECT customer_id,
           dateDiff('day', max(toDate(assumeNotNull(paid_at), {tz:String})), {at:Date}) AS recency_days,
           count() AS orders,
           -- Summed as decimals, so equal amounts are equal (and score alike) however they add up.
           sum(paid_amount) AS spend_exact,
           -- Of them, those bought with an order-level discount (a coupon): how much the customer
           -- buys on a discount, for who to send one to.
           countIf(discount_amount > 0) AS discounted_orders,
           toFloat64(spend_exact) AS spend,
           min(toDate(assumeNotNull(paid_at), {tz:String})) AS first_paid_day,
           max(toDate(assumeNotNull(paid_at), {tz:String})) AS last_paid_day
    FROM {{orders}}
    WHERE shop_id = {shop_id:UInt32} AND customer_id != '' AND paid_at IS NOT NULL
      AND toDate(assumeNotNull(paid_at), {tz:String}) <= {at:Date}
    GROUP BY customer_id
),
scored AS (
    SELECT *,
           count() OVER () AS n,
           -- rank() - 1 = how many customers have a strictly worse value.
           1 + intDiv(5 * (rank() OVER (ORDER BY recency_days DESC) - 1), n) AS r,
           1 + intDiv(5 * (rank() OVER (ORDER BY orders ASC) - 1), n) AS f,
           1 + intDiv(5 * (rank() OVER (ORDER BY spend_exact ASC) - 1), n) AS m
    FROM customers
)
