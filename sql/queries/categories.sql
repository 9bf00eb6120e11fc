-- Categories (类目分析): per product category, what its products drew and sold over a range of
-- shop-local days — the catalogue products it lists, those viewed or sold, product views, the
-- distinct visitors who viewed and who carted any of its products, and of the orders paid in the
-- range (payment within 31 days of placing, as everywhere) the buyers, orders, units and line
-- amounts of its products, and those orders' refunds as they stand now, each shared among the
-- order's lines by amount (as the products ranking and the dataset builder share them).
-- A product's category is the catalogue's (which always has one); a product the catalogue does
-- not hold is in the category its event or order line carries ('' when it carries none).
-- A visitor or buyer counts once per category and in every category they viewed or bought from, so
-- categories do not add up to the shop's visitors or buyers; views, units, amounts and refunds do
-- add up to the product views' and the paid lines' totals.
-- Parameters: shop_id, from, to (local dates, inclusive), tz, listed_categories (the category
-- filter's values; empty = every category). Filters apply through {{events}}, {{orders}} and
-- {{order_items}}.
WITH
catalogue AS MATERIALIZED (
    SELECT product_id, toString(category) AS category FROM products FINAL WHERE shop_id = {shop_id:UInt32}
),
-- The catalogue's listings per category; with a category filter, of those categories only (as if
-- the shop listed only them: the filter restricts the rows read, and listings are rows too).
listed AS (
    SELECT category, count() AS products FROM catalogue
    WHERE empty({listed_categories:Array(String)}) OR category IN {listed_categories:Array(String)}
    GROUP BY category
),
viewed AS (
    -- Views, viewers, cart-adding visitors and the products viewed per category:
    -- categories-viewed.sql from the events, or categories-viewed-rollup.sql from
    -- daily_product_metrics when nothing filters the events.
    {viewed}
),
paid AS (
    SELECT order_id, if(customer_id != '', customer_id, concat('guest:', order_id)) AS buyer,
           toFloat64(refund_amount) AS refund_amount
    FROM {{orders}}
    WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} - 31 AND {to:Date} AND paid_at IS NOT NULL
      AND toDate(assumeNotNull(paid_at), {tz:String}) BETWEEN {from:Date} AND {to:Date}
),
paid_lines AS (
    SELECT l.order_id AS order_id, l.product_id AS product_id, toString(l.category) AS line_category,
           l.quantity AS quantity, l.amount AS amount,
           -- The order's lines together, for sharing its refund among them.
           sum(toFloat64(l.amount)) OVER (PARTITION BY l.order_id) AS order_lines_amount
    FROM {{order_items AS l}}
    WHERE l.shop_id = {shop_id:UInt32} AND l.day BETWEEN {from:Date} - 31 AND {to:Date}
      AND l.order_id IN (SELECT order_id FROM paid)
),
sold AS (
    SELECT if(c.category != '', c.category, li.line_category) AS cat,
           uniqExact(p.buyer) AS buyers, uniqExact(li.order_id) AS paid_orders,
           sum(li.quantity) AS units, toFloat64(sum(li.amount)) AS gmv,
           uniqExactIf(li.order_id, p.refund_amount > 0) AS refunded_orders,
           sum(if(li.order_lines_amount > 0, p.refund_amount * toFloat64(li.amount) / li.order_lines_amount, 0)) AS refund_amount,
           groupUniqArray(li.product_id) AS sold_ids
    FROM paid_lines AS li
    INNER JOIN paid AS p ON p.order_id = li.order_id
    LEFT JOIN catalogue AS c ON c.product_id = li.product_id
    GROUP BY cat
),
-- Every category the catalogue lists or the range saw.
cats AS (
    SELECT category AS cat FROM listed UNION DISTINCT SELECT cat FROM viewed UNION DISTINCT SELECT cat FROM sold
)
SELECT k.cat AS category,
       li.products AS products,
       length(arrayDistinct(arrayConcat(v.viewed_ids, s.sold_ids))) AS active_products,
       v.views AS views, v.visitors AS visitors, v.cart_visitors AS cart_visitors,
       s.buyers AS buyers, s.paid_orders AS paid_orders, s.units AS units, s.gmv AS gmv,
       s.refunded_orders AS refunded_orders, s.refund_amount AS refund_amount
FROM cats AS k
LEFT JOIN listed AS li ON li.category = k.cat
LEFT JOIN viewed AS v ON v.cat = k.cat
LEFT JOIN sold AS s ON s.cat = k.cat
-- join_use_nulls = 0: a product missing from the catalogue joins with category '' (and so takes its
-- event's or line's), a category missing from one part as zeros and empty lists.
SETTINGS enable_materialized_cte = 1, join_use_nulls = 0
