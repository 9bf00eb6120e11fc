-- Who asked for refunds (退款客户), defined once for the list and its summary
-- (refund-customers.analysis.ts adds the final SELECT over `sales` and `claimants`): the orders paid
-- in the range (shop-local day of payment, as the refunds analysis reads them), as they stand now;
-- per known customer with at least one of them refunded, their paid orders and payment amount,
-- the refunded ones and the amount refunded, the day of their latest refund, and the reasons their
-- refunds gave (each once, in order; none when no refund gave one). Guests cannot be
-- listed or followed; their refunded orders are counted apart. Read after
-- customers-rfm-scored.sql's CTEs (as of {at}, the range's last day), so each customer carries the
-- segment they are in now — a refunded champion is the call to make first.
-- Parameters: shop_id, from, to, at (local dates), tz.
WITH
sales AS (
    SELECT customer_id, paid_amount, refund_amount, refund_reason,
           if(refunded_at IS NULL, NULL, toDate(assumeNotNull(refunded_at), {tz:String})) AS refund_day
    FROM {{orders}}
    WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} - 31 AND {to:Date} AND paid_at IS NOT NULL
      AND toDate(assumeNotNull(paid_at), {tz:String}) BETWEEN {from:Date} AND {to:Date}
),
claimants AS (
    SELECT customer_id, count() AS paid_orders, sum(paid_amount) AS gmv_exact,
           countIf(refund_amount > 0) AS refunded_orders, sumIf(refund_amount, refund_amount > 0) AS refund_exact,
           maxIf(refund_day, refund_amount > 0) AS last_refund_day,
           arraySort(groupUniqArrayIf(refund_reason, refund_amount > 0 AND refund_reason != '')) AS refund_reasons
    FROM sales
    WHERE customer_id != ''
    GROUP BY customer_id
    HAVING refunded_orders > 0
)
