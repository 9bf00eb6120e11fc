-- Refunds of the range's sales (售后): the orders paid in the range (the shop-local day of payment,
-- as everywhere a payment is counted), as they stand now — how many came back refunded, for how
-- much, and how many days after the payment. Sections:
--   day      per paying day (the totals are their sums: every order has one paying day)
--   delay    refunded orders per number of shop-local days from the payment's day to the refund's,
--            and per reason (`reason`), so the histogram and each reason's median come from one read
--   day_reason  refunded orders per paying day and refund reason as the order records it ('' when
--            not given; `reason`): the reasons' trend, and summed over the days, each reason's totals
--   channel_reason, live_room_reason, category_reason, product_reason  refunded orders per
--            channel, live room, category or product and given reason (`reason`), for each row's
--            most common reason
--   channel  per the order's channel
--   live_room  per the live room the order was placed in ('' = not in a live room)
--   category, product  per the category or product of the orders' lines: an order counts under
--            each it holds; the amount is the lines' amounts, and the order's refund is shared among
--            its lines in proportion to their amounts (the products ranking's rule for refunds)
-- Each row: paid_orders, gmv, refunded_orders (a refund of any amount), full_refunds (the refund is
-- at least the amount paid), refund_amount, and reason (delay and *_reason rows; '' elsewhere).
-- Parameters: shop_id, from, to (local dates, inclusive), tz. Filters through {{orders}} and
-- {{order_items}}.
WITH
sales AS MATERIALIZED (
    SELECT order_id, channel, live_room_id, paid_amount, refund_amount,
           toDate(assumeNotNull(paid_at), {tz:String}) AS paid_day,
           refund_amount > 0 AS refunded,
           -- A reason counts only with a refund (a cancelled unpaid order may carry one too).
           if(refund_amount > 0, refund_reason, '') AS reason,
           refund_amount > 0 AND refund_amount >= paid_amount AS full_refund,
           -- A refund imported without its time has no delay; it still counts as refunded. One
           -- recorded before its payment (two systems' clocks) counts as the same day, so the
           -- histogram always adds up to the refunded orders with a time.
           if(refund_amount > 0 AND refunded_at IS NOT NULL,
              greatest(toInt32(dateDiff('day', paid_day, toDate(assumeNotNull(refunded_at), {tz:String}))), 0), NULL) AS delay
    FROM {{orders}}
    WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} - 31 AND {to:Date} AND paid_at IS NOT NULL
      AND toDate(assumeNotNull(paid_at), {tz:String}) BETWEEN {from:Date} AND {to:Date}
),
lines AS (
    SELECT l.order_id AS order_id, l.product_id AS product_id, l.category AS category,
           toFloat64(l.amount) AS amount, s.refunded AS refunded, s.full_refund AS full_refund,
           toFloat64(s.refund_amount) AS order_refund, s.reason AS reason
    FROM {{order_items AS l}}
    INNER JOIN sales AS s ON s.order_id = l.order_id
    WHERE l.shop_id = {shop_id:UInt32} AND l.day BETWEEN {from:Date} - 31 AND {to:Date}
),
shared AS MATERIALIZED (
    -- Each line's part of its order's refund; an order whose lines add up to nothing shares it equally.
    -- Kept once for the four sections that read it (computed again for each, 90 days of the largest
    -- bench shop took 236 ms instead of 130).
    SELECT order_id, product_id, category, amount, refunded, full_refund, reason,
           order_refund * if(lines_amount = 0, 1 / lines_count, amount / lines_amount) AS refund_share
    FROM (
        SELECT *, sum(amount) OVER (PARTITION BY order_id) AS lines_amount, count() OVER (PARTITION BY order_id) AS lines_count
        FROM lines
    )
)
SELECT 'day' AS section, toString(paid_day) AS value, count() AS paid_orders, toFloat64(sum(paid_amount)) AS gmv,
       countIf(refunded) AS refunded_orders, countIf(full_refund) AS full_refunds, toFloat64(sum(refund_amount)) AS refund_amount,
       '' AS reason
FROM sales GROUP BY paid_day
UNION ALL
SELECT 'delay', toString(assumeNotNull(delay)), 0, 0, count(), countIf(full_refund), toFloat64(sum(refund_amount)), reason
FROM sales WHERE delay IS NOT NULL GROUP BY delay, reason
UNION ALL
SELECT 'day_reason', toString(paid_day), 0, 0, count(), countIf(full_refund), toFloat64(sum(refund_amount)), reason
FROM sales WHERE refunded GROUP BY paid_day, reason
UNION ALL
SELECT 'channel', channel, count(), toFloat64(sum(paid_amount)), countIf(refunded), countIf(full_refund), toFloat64(sum(refund_amount)), ''
FROM sales GROUP BY channel
UNION ALL
SELECT 'live_room', live_room_id, count(), toFloat64(sum(paid_amount)), countIf(refunded), countIf(full_refund), toFloat64(sum(refund_amount)), ''
FROM sales GROUP BY live_room_id
UNION ALL
SELECT 'category', category, uniqExact(order_id), sum(amount), uniqExactIf(order_id, refunded), uniqExactIf(order_id, full_refund), sum(refund_share), ''
FROM shared GROUP BY category
UNION ALL
SELECT 'product', product_id, uniqExact(order_id), sum(amount), uniqExactIf(order_id, refunded), uniqExactIf(order_id, full_refund), sum(refund_share), ''
FROM shared GROUP BY product_id
UNION ALL
SELECT 'channel_reason', channel, 0, 0, count(), countIf(full_refund), toFloat64(sum(refund_amount)), reason
FROM sales WHERE reason != '' GROUP BY channel, reason
UNION ALL
SELECT 'live_room_reason', live_room_id, 0, 0, count(), countIf(full_refund), toFloat64(sum(refund_amount)), reason
FROM sales WHERE reason != '' GROUP BY live_room_id, reason
UNION ALL
SELECT 'category_reason', category, 0, 0, uniqExact(order_id), uniqExactIf(order_id, full_refund), sum(refund_share), reason
FROM shared WHERE reason != '' GROUP BY category, reason
UNION ALL
SELECT 'product_reason', product_id, 0, 0, uniqExact(order_id), uniqExactIf(order_id, full_refund), sum(refund_share), reason
FROM shared WHERE reason != '' GROUP BY product_id, reason
SETTINGS enable_materialized_cte = 1
