-- Overview, the order half: payments, new and repeat buyers, ordering buyers, discounts and refunds per
-- shop-local day, plus a totals row (day = 1970-01-01) whose distinct counts are over the whole
-- range. Visitors and sessions are overview-visitors.sql and overview-sessions.sql. This is the
-- filtered overview's path; an unfiltered overview reads overview-orders-rollup.sql (buyer_days),
-- and the two give the same rows (server/test/diagnostics/rollup.test.ts).
-- The orders are read once (a materialized CTE), not once per figure: on a small shop each extra
-- pass over `orders FINAL` (and each extra join) cost ~5 ms, which was most of the overview's time.
-- Parameters: shop_id, from, to (local dates, inclusive), tz (the shop's IANA zone). Filters
-- apply through {{orders}} (sql/src/row-filters.ts).
WITH
days AS (
    SELECT arrayJoin(arrayPushBack(arrayMap(i -> {from:Date} + i, range(toUInt32(dateDiff('day', {from:Date}, {to:Date}) + 1))), toDate(0))) AS d
),
orders_latest AS MATERIALIZED (
    -- Latest version of the orders placed up to the range's end, whenever: a payment or refund
    -- counts by its own day however long after the order it came, and a buyer's earlier payments
    -- tell new buyers from returning ones (the same rule buyer_days keeps for the unfiltered
    -- overview). A guest's order is a buyer of its own. MATERIALIZED: read once for the three
    -- places below.
    -- A buyer is keyed by a 64-bit hash of their id, as events are by a hash of theirs (a
    -- collision among a shop's buyers is ~3e-8 likely at a million buyers): sets and lookups of
    -- integers instead of strings took the largest bench shop's order half 57 -> 51 ms (7 days)
    -- and 224 -> 164 ms (90 days), same answers.
    SELECT if(customer_id != '', cityHash64(customer_id), cityHash64('guest:', order_id)) AS buyer, customer_id != '' AS known,
           paid_amount, items_amount, discount_amount, refund_amount, day AS order_day, -- the local day it was placed (of created_at)
           if(paid_at IS NULL, NULL, toDate(assumeNotNull(paid_at), {tz:String})) AS paid_day,
           if(refunded_at IS NULL, NULL, toDate(assumeNotNull(refunded_at), {tz:String})) AS refund_day
    FROM {{orders}}
    WHERE shop_id = {shop_id:UInt32} AND day <= {to:Date}
),
buyers AS (
    -- Each buyer who paid in the range, with every paid order of theirs as
    -- (paying day, amount). Grouped by buyer once, instead of ordering every buyer-day of the
    -- window in a window function, and only the range's buyers' orders are grouped (largest bench
    -- shop, 7 days: 139-148 -> 108-115 -> 61-65 ms; 90 days, where most of the window's buyers
    -- are the range's, 230-237 -> 257-264).
    SELECT buyer, any(known) AS known, groupArray((assumeNotNull(paid_day), paid_amount)) AS pays
    FROM orders_latest
    WHERE paid_day IS NOT NULL AND buyer IN (SELECT buyer FROM orders_latest WHERE paid_day BETWEEN {from:Date} AND {to:Date})
    GROUP BY buyer
),
range_buyer_days AS (
    -- Per buyer and paying day in the range: the day's paid orders and amount, the buyer's
    -- previous paying day (1970-01-01 when none), the paying day before the range,
    -- and the buyer's paid orders in the range.
    SELECT buyer, known, paid_day,
           arrayCount(p -> p.1 = paid_day, pays) AS orders,
           arraySum(arrayMap(p -> p.2, arrayFilter(p -> p.1 = paid_day, pays))) AS amount,
           arrayMax(arrayMap(p -> if(p.1 < paid_day, p.1, toDate(0)), pays)) AS previous_day,
           arrayMax(arrayMap(p -> if(p.1 < {from:Date}, p.1, toDate(0)), pays)) AS before_range,
           arrayCount(p -> p.1 BETWEEN {from:Date} AND {to:Date}, pays) AS range_orders
    FROM buyers
    ARRAY JOIN arrayDistinct(arrayFilter(d -> d BETWEEN {from:Date} AND {to:Date}, arrayMap(p -> p.1, pays))) AS paid_day
),
paid AS (
    -- Orders paid in the range, whatever happened to them later. New: no paid order in the 360
    -- days before the day (daily rows) or before the range (total row). Repeat: two or more
    -- paid orders on the day (daily rows) or in the range (total row).
    SELECT if(grouping(paid_day) = 1, toDate(0), paid_day) AS d,
           sum(orders) AS paid_orders,
           uniqExact(buyer) AS paying_buyers,
           sum(amount) AS gmv,
           uniqExactIf(buyer, NOT known OR previous_day = toDate(0) OR dateDiff('day', previous_day, paid_day) > 360) AS new_buyers_day,
           uniqExactIf(buyer, NOT known OR before_range = toDate(0) OR dateDiff('day', before_range, {from:Date}) > 360) AS new_buyers_range,
           countIf(orders >= 2) AS repeat_buyers_day,
           uniqExactIf(buyer, range_orders >= 2) AS repeat_buyers_range
    FROM range_buyer_days
    GROUP BY GROUPING SETS ((paid_day), ())
),
order_facts AS (
    -- Buyers who placed an order (by the day it was placed), the goods amount and order-level
    -- discounts of the orders paid (by the paying day, as the payment) and refund amounts (by the
    -- day of the refund), from one pass: each order stands for up to three (kind, day) facts.
    -- Columns qualified (o.): an alias named as a column would be read instead of it.
    SELECT if(grouping(fact_day) = 1, toDate(0), fact_day) AS d,
           uniqExactIf(buyer, kind = 'placed') AS ordering_buyers,
           sumIf(o.items_amount, kind = 'paid') AS items_amount,
           countIf(kind = 'paid' AND o.discount_amount > 0) AS discounted_orders,
           sumIf(o.discount_amount, kind = 'paid') AS discount_amount,
           sumIf(o.refund_amount, kind = 'refund') AS refund_amount
    FROM (
        SELECT buyer, items_amount, discount_amount, refund_amount, fact.1 AS kind, fact.2 AS fact_day
        FROM orders_latest
        ARRAY JOIN arrayFilter(
            f -> f.2 BETWEEN {from:Date} AND {to:Date},
            [('placed', order_day), ('paid', ifNull(paid_day, toDate(0))), ('refund', ifNull(refund_day, toDate(0)))]
        ) AS fact
        WHERE order_day BETWEEN {from:Date} AND {to:Date} OR paid_day BETWEEN {from:Date} AND {to:Date}
           OR refund_day BETWEEN {from:Date} AND {to:Date}
    ) AS o
    GROUP BY GROUPING SETS ((fact_day), ())
)
SELECT
    toString(days.d) AS day,
    paid.paid_orders AS paid_orders,
    paid.paying_buyers AS paying_buyers,
    paid.gmv AS gmv,
    if(days.d = toDate(0), paid.new_buyers_range, paid.new_buyers_day) AS new_buyers,
    if(days.d = toDate(0), paid.repeat_buyers_range, paid.repeat_buyers_day) AS repeat_buyers,
    order_facts.ordering_buyers AS ordering_buyers,
    order_facts.items_amount AS items_amount,
    order_facts.discounted_orders AS discounted_orders,
    order_facts.discount_amount AS discount_amount,
    order_facts.refund_amount AS refund_amount
FROM days
LEFT JOIN paid ON paid.d = days.d
LEFT JOIN order_facts ON order_facts.d = days.d
ORDER BY days.d
SETTINGS enable_materialized_cte = 1
