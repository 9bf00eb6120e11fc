-- Traffic, the buyer half: per group of a dimension, buyers and payment amount both ways, as rows
-- of three kinds the analysis puts together (no join here: a group may have last-touch orders and
-- no visit in the range, and a join would lose its name):
--   kind 'pass': pass-through — a buyer counts in every group they came through in the period
--                (shares can exceed 100%), with the amount of all their paid orders of the period;
--   kind 'last': last-touch — each paid order counts in the group of the visit it was placed in;
--   kind 'total': one row, the period's whole payment amount (the last-touch share's denominator).
-- {dimension} is replaced by a column name (or the hour's expression) from a fixed whitelist in
-- code, never by user text; {order_dimension} by the orders' side of it (the same column, or the
-- hour the order was placed in).
-- Parameters: shop_id, from, to, tz. Filters apply through {{events}} / {{orders}}.
WITH
visits AS (
    SELECT {dimension} AS grp, if(customer_id != '', customer_id, visitor_id) AS person
    FROM {{events}}
    WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} AND {to:Date}
),
paid AS MATERIALIZED (
    SELECT {order_dimension} AS grp, if(customer_id != '', customer_id, if(visitor_id != '', visitor_id, concat('guest:', order_id))) AS person, paid_amount
    FROM {{orders}}
    WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} - 31 AND {to:Date} AND paid_at IS NOT NULL
      AND toDate(assumeNotNull(paid_at), {tz:String}) BETWEEN {from:Date} AND {to:Date}
),
buyer_amounts AS (
    SELECT person, sum(paid_amount) AS amount FROM paid GROUP BY person
)
SELECT 'pass' AS kind, v.grp AS value, count() AS buyers, sum(b.amount) AS amount, toUInt64(0) AS orders
FROM (SELECT DISTINCT grp, person FROM visits) AS v
INNER JOIN buyer_amounts AS b ON b.person = v.person
GROUP BY v.grp
UNION ALL
SELECT 'last', grp, uniqExact(person), sum(paid_amount), count() FROM paid GROUP BY grp
UNION ALL
SELECT 'total', '', 0, sum(paid_amount), 0 FROM paid
SETTINGS enable_materialized_cte = 1
