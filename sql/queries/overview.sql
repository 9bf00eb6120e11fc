-- Overview: traffic, sessions, payments and refunds per shop-local day, plus a totals row
-- (day = 1970-01-01) whose distinct counts are over the whole range, not sums of days.
-- Parameters: shop_id, from, to (local dates, inclusive), tz (the shop's IANA zone). Filters
-- apply through {{events}} / {{orders}} (sql/src/row-filters.ts).
WITH
days AS (
    SELECT arrayJoin(arrayPushBack(arrayMap(i -> {from:Date} + i, range(toUInt32(dateDiff('day', {from:Date}, {to:Date}) + 1))), toDate(0))) AS d
),
traffic AS (
    SELECT if(grouping(day) = 1, toDate(0), day) AS d,
           uniqExact(visitor_id) AS uv,
           countIf(event_name IN ('page_view', 'product_view')) AS pv,
           uniqExactIf(visitor_id, event_name = 'add_to_cart') AS cart_visitors
    FROM {{events}}
    WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} AND {to:Date}
    GROUP BY GROUPING SETS ((day), ())
),
sessions AS (
    -- A session counts on the local day it started; it may run past midnight, hence the margin.
    SELECT if(grouping(start_day) = 1, toDate(0), start_day) AS d,
           count() AS sessions,
           countIf(events = 1) AS bounce_sessions,
           sum(seconds) AS session_seconds
    FROM (
        SELECT session_id, toDate(min(ts), {tz:String}) AS start_day, count() AS events, dateDiff('second', min(ts), max(ts)) AS seconds
        FROM {{events}}
        WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} - 1 AND {to:Date} + 1 AND session_id != ''
        GROUP BY session_id
    )
    WHERE start_day BETWEEN {from:Date} AND {to:Date}
    GROUP BY GROUPING SETS ((start_day), ())
),
orders_latest AS (
    -- Latest version of the orders that can matter: paid or placed in the range, or paid in the
    -- 360 days before it (to tell new buyers from returning ones).
    SELECT order_id, if(customer_id != '', customer_id, concat('guest:', order_id)) AS buyer, customer_id != '' AS known,
           paid_amount, toDate(created_at, {tz:String}) AS created_day,
           if(paid_at IS NULL, NULL, toDate(assumeNotNull(paid_at), {tz:String})) AS paid_day
    FROM {{orders}}
    WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} - 392 AND {to:Date}
),
buyer_days AS (
    -- Each buyer's distinct paying days, with the previous one, for "new vs returning".
    SELECT buyer, paid_day, lagInFrame(paid_day, 1, toDate(0)) OVER (PARTITION BY buyer ORDER BY paid_day ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS previous_day
    FROM (SELECT DISTINCT buyer, assumeNotNull(paid_day) AS paid_day FROM orders_latest WHERE paid_day IS NOT NULL AND known)
),
paid AS (
    -- Orders paid in the range, whatever happened to them later.
    SELECT if(grouping(o.paid_day) = 1, toDate(0), o.paid_day) AS d,
           count() AS paid_orders,
           uniqExact(o.buyer) AS paying_buyers,
           sum(o.paid_amount) AS gmv,
           -- New: no paid order in the 360 days before the day (daily rows) or before the range (total row).
           uniqExactIf(o.buyer, NOT o.known OR b.previous_day = toDate(0) OR dateDiff('day', b.previous_day, o.paid_day) > 360) AS new_buyers_day,
           uniqExactIf(o.buyer, NOT o.known OR b.before_range = toDate(0) OR dateDiff('day', b.before_range, {from:Date}) > 360) AS new_buyers_range
    FROM (SELECT * FROM orders_latest WHERE paid_day BETWEEN {from:Date} AND {to:Date}) AS o
    LEFT JOIN (
        SELECT buyer, paid_day, previous_day,
               argMinIf(previous_day, paid_day, paid_day >= {from:Date}) OVER (PARTITION BY buyer) AS before_range
        FROM buyer_days
    ) AS b ON b.buyer = o.buyer AND b.paid_day = o.paid_day
    GROUP BY GROUPING SETS ((o.paid_day), ())
),
repeat AS (
    -- Buyers with two or more paid orders: per day, and (repeat_total) over the whole range.
    SELECT d0 AS d, countIf(orders >= 2) AS repeat_buyers
    FROM (
        SELECT buyer, assumeNotNull(paid_day) AS d0, count() AS orders FROM orders_latest WHERE paid_day BETWEEN {from:Date} AND {to:Date} GROUP BY buyer, d0
    )
    GROUP BY d0
),
repeat_total AS (
    SELECT toDate(0) AS d, countIf(orders >= 2) AS repeat_buyers
    FROM (SELECT buyer, count() AS orders FROM orders_latest WHERE paid_day BETWEEN {from:Date} AND {to:Date} GROUP BY buyer)
),
ordering AS (
    SELECT if(grouping(created_day) = 1, toDate(0), created_day) AS d, uniqExact(buyer) AS ordering_buyers
    FROM orders_latest WHERE created_day BETWEEN {from:Date} AND {to:Date}
    GROUP BY GROUPING SETS ((created_day), ())
),
refunds AS (
    SELECT if(grouping(refund_day) = 1, toDate(0), refund_day) AS d, sum(refund_amount) AS refund_amount
    FROM (
        SELECT refund_amount, toDate(assumeNotNull(refunded_at), {tz:String}) AS refund_day
        FROM {{orders}}
        WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} - 366 AND {to:Date} AND refunded_at IS NOT NULL
    )
    WHERE refund_day BETWEEN {from:Date} AND {to:Date}
    GROUP BY GROUPING SETS ((refund_day), ())
)
SELECT
    toString(days.d) AS day,
    traffic.uv AS uv,
    traffic.pv AS pv,
    traffic.cart_visitors AS cart_visitors,
    sessions.sessions AS sessions,
    sessions.bounce_sessions AS bounce_sessions,
    sessions.session_seconds AS session_seconds,
    paid.paid_orders AS paid_orders,
    paid.paying_buyers AS paying_buyers,
    paid.gmv AS gmv,
    if(days.d = toDate(0), paid.new_buyers_range, paid.new_buyers_day) AS new_buyers,
    if(days.d = toDate(0), repeat_total.repeat_buyers, repeat.repeat_buyers) AS repeat_buyers,
    ordering.ordering_buyers AS ordering_buyers,
    refunds.refund_amount AS refund_amount
FROM days
LEFT JOIN traffic ON traffic.d = days.d
LEFT JOIN sessions ON sessions.d = days.d
LEFT JOIN paid ON paid.d = days.d
LEFT JOIN refunds ON refunds.d = days.d
LEFT JOIN repeat ON repeat.d = days.d AND days.d != toDate(0)
LEFT JOIN repeat_total ON repeat_total.d = days.d
LEFT JOIN ordering ON ordering.d = days.d
ORDER BY days.d
