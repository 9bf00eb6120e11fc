-- Overview, the order half, for unfiltered overviews: the figures of overview-orders.sql from
-- buyer_days (migrations 0009, 0010, 0012: a row per buyer and day with the orders they placed, paid and
-- had refunded that day, their previous paying and placing days and their next paying day), so
-- one statement reads the range's rows of one table instead of every order of the shop
-- (largest bench shop: 7 days 54 -> 15 ms, 90 days 174 -> 26 ms, identical rows). See
-- docs/buyer-days.md.
-- A buyer has one row per day, so a day's figures count rows. The totals row counts each buyer
-- once, on their first row of the kind in the range, which needs no set of buyer ids:
--   paying buyers: paying rows whose previous paying day is before the range (only a buyer's
--   first paying day in the range has one);
--   new buyers: those rows where that previous paying day is none, or more than 360 days before
--   the range's start (guests are always new);
--   repeat buyers: those rows with 2+ paid orders, or a next paying day inside the range;
--   ordering buyers: rows with an order placed whose previous placing day is before the range.
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
           sum(r.paid_amount) AS gmv,
           sum(r.refund_amount) AS refund_amount,
           sum(r.items_amount) AS items_amount,
           sum(r.discounted_orders) AS discounted_orders,
           sum(r.discount_amount) AS discount_amount,
           countIf(r.paid_orders > 0) AS paying_day,
           countIf(r.paid_orders > 0 AND r.previous_paid_day < {from:Date}) AS paying_range,
           countIf(r.paid_orders > 0 AND (NOT r.known OR r.previous_paid_day = toDate(0) OR dateDiff('day', r.previous_paid_day, r.day) > 360)) AS new_day,
           countIf(r.paid_orders > 0 AND r.previous_paid_day < {from:Date} AND (NOT r.known OR r.previous_paid_day = toDate(0) OR dateDiff('day', r.previous_paid_day, {from:Date}) > 360)) AS new_range,
           countIf(r.paid_orders >= 2) AS repeat_day,
           countIf(r.paid_orders > 0 AND r.previous_paid_day < {from:Date} AND (r.paid_orders >= 2 OR (r.next_paid_day != toDate(0) AND r.next_paid_day <= {to:Date}))) AS repeat_range,
           countIf(r.placed_orders > 0) AS ordering_day,
           countIf(r.placed_orders > 0 AND r.previous_placed_day < {from:Date}) AS ordering_range
    FROM buyer_days AS r FINAL
    WHERE r.shop_id = {shop_id:UInt32} AND r.day BETWEEN {from:Date} AND {to:Date}
    GROUP BY GROUPING SETS ((r.day), ())
)
SELECT
    toString(days.d) AS day,
    figures.paid_orders AS paid_orders,
    if(days.d = toDate(0), figures.paying_range, figures.paying_day) AS paying_buyers,
    figures.gmv AS gmv,
    if(days.d = toDate(0), figures.new_range, figures.new_day) AS new_buyers,
    if(days.d = toDate(0), figures.repeat_range, figures.repeat_day) AS repeat_buyers,
    if(days.d = toDate(0), figures.ordering_range, figures.ordering_day) AS ordering_buyers,
    figures.items_amount AS items_amount,
    figures.discounted_orders AS discounted_orders,
    figures.discount_amount AS discount_amount,
    figures.refund_amount AS refund_amount
FROM days
LEFT JOIN figures ON figures.d = days.d
ORDER BY days.d
