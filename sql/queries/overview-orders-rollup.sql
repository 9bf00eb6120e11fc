-- Overview, the order half, for unfiltered overviews: the figures of overview-orders.sql from
-- buyer_days (migration 0009: a row per buyer and day with the orders they placed, paid and had
-- refunded that day and their previous paying day), so one statement reads the range's rows of
-- one table instead of every order of the 392 days before it (largest bench shop, 7 days:
-- 54 -> ~20 ms, identical rows). See docs/buyer-days.md.
-- Per day a buyer has one row, so per-day figures count rows; the totals row counts buyers:
--   new in the range: the buyer's first paying day in it has no previous paying day within 360
--   days of the range's start (their later paying days have one inside the range, so the
--   condition cannot hold there); a repeat buyer of the range: a day with 2+ paid orders, or a
--   paying day whose previous paying day is inside the range.
-- Payments and refunds count by their own day however long after the order they came, as in the
-- raw query.
-- Parameters: shop_id, from, to (local dates, inclusive).
WITH
days AS (
    SELECT arrayJoin(arrayPushBack(arrayMap(i -> {from:Date} + i, range(toUInt32(dateDiff('day', {from:Date}, {to:Date}) + 1))), toDate(0))) AS d
),
figures AS (
    SELECT if(grouping(r.day) = 1, toDate(0), r.day) AS d,
           sum(r.paid_orders) AS paid_orders,
           uniqExactIf(r.buyer, r.paid_orders > 0) AS paying_buyers,
           sum(r.paid_amount) AS gmv,
           countIf(r.paid_orders > 0 AND (NOT r.known OR r.previous_paid_day = toDate(0) OR dateDiff('day', r.previous_paid_day, r.day) > 360)) AS new_buyers_day,
           uniqExactIf(r.buyer, r.paid_orders > 0 AND (NOT r.known OR r.previous_paid_day = toDate(0) OR dateDiff('day', r.previous_paid_day, {from:Date}) > 360)) AS new_buyers_range,
           countIf(r.paid_orders >= 2) AS repeat_buyers_day,
           uniqExactIf(r.buyer, r.paid_orders >= 2 OR (r.paid_orders > 0 AND r.previous_paid_day >= {from:Date})) AS repeat_buyers_range,
           uniqExactIf(r.buyer, r.placed_orders > 0) AS ordering_buyers,
           sum(r.refund_amount) AS refund_amount
    FROM buyer_days AS r FINAL
    WHERE r.shop_id = {shop_id:UInt32} AND r.day BETWEEN {from:Date} AND {to:Date}
    GROUP BY GROUPING SETS ((r.day), ())
)
SELECT
    toString(days.d) AS day,
    figures.paid_orders AS paid_orders,
    figures.paying_buyers AS paying_buyers,
    figures.gmv AS gmv,
    if(days.d = toDate(0), figures.new_buyers_range, figures.new_buyers_day) AS new_buyers,
    if(days.d = toDate(0), figures.repeat_buyers_range, figures.repeat_buyers_day) AS repeat_buyers,
    figures.ordering_buyers AS ordering_buyers,
    figures.refund_amount AS refund_amount
FROM days
LEFT JOIN figures ON figures.d = days.d
ORDER BY days.d
