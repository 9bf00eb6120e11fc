-- Products: engagement (views, visitors, cart adds) and sales (buyers, units, amount, refunds)
-- per product over a range of shop-local days, ranked by one metric, top {limit}.
-- Parameters: shop_id, from, to (local dates, inclusive), tz, categories (Array(String); empty =
-- all), listed_only (Bool) and products (Array(String)), limit. {sort} is replaced by a whitelisted column name (never by request text), and
-- the engagement CTE's body by the text of one of the two engagement files (never by request text).
WITH
engagement AS MATERIALIZED (
    -- Views, visitors, cart adds per product: products-engagement.sql from the events, or
    -- products-engagement-rollup.sql from daily_product_metrics when nothing filters the events.
    {engagement}
),
-- Orders paid in the range (payment within 31 days of placing; see the conventions) or refunded in
-- it (placed within 366 days before), each with its flags: one set of orders for one join below.
orders_in_scope AS (
    SELECT order_id, if(customer_id != '', customer_id, concat('guest:', order_id)) AS buyer,
           day >= {from:Date} - 31 AND paid_at IS NOT NULL
               AND toDate(assumeNotNull(paid_at), {tz:String}) BETWEEN {from:Date} AND {to:Date} AS paid,
           refunded_at IS NOT NULL
               AND toDate(assumeNotNull(refunded_at), {tz:String}) BETWEEN {from:Date} AND {to:Date} AS refunded,
           toFloat64(refund_amount) AS refund_amount
    FROM {{orders}}
    WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} - 366 AND {to:Date} AND (paid OR refunded)
),
lines AS (
    SELECT order_id, product_id, product_name, category, quantity, amount,
           sum(toFloat64(amount)) OVER (PARTITION BY order_id) AS order_lines_amount
    FROM {{order_items}}
    WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} - 366 AND {to:Date}
      AND order_id IN (SELECT order_id FROM orders_in_scope)
),
-- Sales (paid orders) and refunds (an order's refund shared among its lines in proportion to their
-- amounts) per product in one pass over the lines.
sales AS MATERIALIZED (
    SELECT l.product_id AS product_id,
           anyIf(l.product_name, o.paid) AS line_name, anyIf(l.category, o.paid) AS line_category,
           anyIf(l.product_name, o.refunded) AS refund_line_name, anyIf(l.category, o.refunded) AS refund_line_category,
           uniqExactIf(o.buyer, o.paid) AS buyers, uniqExactIf(l.order_id, o.paid) AS paid_orders,
           sumIf(l.quantity, o.paid) AS units, sumIf(l.amount, o.paid) AS gmv,
           sumIf(if(l.order_lines_amount > 0, o.refund_amount * toFloat64(l.amount) / l.order_lines_amount, 0), o.refunded) AS refund_amount
    FROM lines AS l INNER JOIN orders_in_scope AS o ON o.order_id = l.order_id
    GROUP BY l.product_id
),
catalogue AS (
    SELECT product_id, name, category FROM products FINAL WHERE shop_id = {shop_id:UInt32}
),
ranked AS (
    SELECT ids.product_id AS product_id,
           coalesce(nullIf(c.name, ''), nullIf(s.line_name, ''), nullIf(s.refund_line_name, ''), '') AS name,
           coalesce(nullIf(c.category, ''), nullIf(s.line_category, ''), nullIf(s.refund_line_category, ''), '') AS category,
           ifNull(e.views, 0) AS views, ifNull(e.visitors, 0) AS visitors,
           ifNull(e.cart_adds, 0) AS cart_adds, ifNull(e.cart_visitors, 0) AS cart_visitors,
           ifNull(s.buyers, 0) AS buyers, ifNull(s.paid_orders, 0) AS paid_orders, ifNull(s.units, 0) AS units,
           toFloat64(ifNull(s.gmv, 0)) AS gmv, round(ifNull(s.refund_amount, 0), 2) AS refund_amount,
           if(ifNull(e.visitors, 0) > 0, ifNull(s.buyers, 0) / e.visitors, NULL) AS view_to_pay_conversion
    FROM (
        SELECT product_id FROM engagement UNION DISTINCT SELECT product_id FROM sales
    ) AS ids
    LEFT JOIN engagement AS e ON e.product_id = ids.product_id
    LEFT JOIN sales AS s ON s.product_id = ids.product_id
    LEFT JOIN catalogue AS c ON c.product_id = ids.product_id
)
-- With listed_only, only the listed products, kept after products_total is counted:
-- a comparison period asked for the current period's rows still says how many products it had.
SELECT *
FROM (
    SELECT *, count() OVER () AS products_total
    FROM ranked
    WHERE empty({categories:Array(String)}) OR category IN {categories:Array(String)}
)
WHERE NOT {listed_only:Bool} OR product_id IN {products:Array(String)}
ORDER BY {sort} DESC, product_id
LIMIT {limit:UInt32}
-- engagement and sales are MATERIALIZED: each is read twice (the product list and its join);
-- largest bench shop, 90 days: 1,144-1,175 -> 974-989 ms, same rows; then sales and refunds from
-- one set of orders and one pass over the lines (each was read with its own IN-filter): 551-630 ->
-- 475-570 ms, same rows. The setting turns the keyword on (it is off by default in ClickHouse 26.7).
SETTINGS enable_materialized_cte = 1
