-- Diagnostics: the refunds dated in the diagnosed period (the shop-local day of the refund, as the
-- refund rate counts them) by the reason each records ('' when none was given): refunded orders
-- and the amount. Read only when the refund rate is a finding, to say what the refunds are about.
-- Parameters: shop_id, from, to (local dates, inclusive), tz. Filters through {{orders}}.
SELECT reason, count() AS orders, toString(sum(refund_amount)) AS amount
FROM (
    SELECT refund_reason AS reason, refund_amount, toDate(assumeNotNull(refunded_at), {tz:String}) AS refund_day
    FROM {{orders}}
    -- An order is refunded within a year of being placed (the refund rate's own read looks as far back).
    WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} - 366 AND {to:Date}
      AND refunded_at IS NOT NULL AND refund_amount > 0
)
WHERE refund_day BETWEEN {from:Date} AND {to:Date}
GROUP BY reason
