-- Overview, visitors: distinct visitors, page views and cart-adding visitors per shop-local day,
-- plus a totals row (day = 1970-01-01) whose distinct counts are over the whole range, not sums
-- of days; every day of the range has a row. Unfiltered overviews read the same figures from the
-- daily rollup (overview-visitors-rollup.sql, equal by test). The overview joins it with
-- overview-sessions.sql into one statement, run beside overview-orders.sql.
-- Parameters: shop_id, from, to (local dates, inclusive). Filters apply through {{events}}
-- (sql/src/row-filters.ts).
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
)
SELECT toString(days.d) AS day, traffic.uv AS uv, traffic.pv AS pv, traffic.cart_visitors AS cart_visitors
FROM days
LEFT JOIN traffic ON traffic.d = days.d
ORDER BY days.d
