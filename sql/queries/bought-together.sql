-- Products bought together with one product: among orders paid in the range, those containing
-- the product, and which other products they contain. Parameters: shop_id, product_id, from, to
-- (local dates, inclusive), tz, limit.
WITH
paid_in_range AS (
    SELECT order_id
    FROM {{orders}}
    WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} - 31 AND {to:Date} AND paid_at IS NOT NULL
      AND toDate(assumeNotNull(paid_at), {tz:String}) BETWEEN {from:Date} AND {to:Date}
),
lines AS (
    -- One row per (order, product): a product on two lines of an order counts once.
    SELECT DISTINCT order_id, product_id
    FROM {{order_items}}
    WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} - 31 AND {to:Date}
      AND order_id IN (SELECT order_id FROM paid_in_range)
),
anchor_orders AS (
    SELECT order_id FROM lines WHERE product_id = {product_id:String}
),
product_orders AS (
    SELECT product_id, count() AS orders FROM lines GROUP BY product_id
),
together AS (
    SELECT product_id, count() AS orders_together
    FROM lines
    WHERE order_id IN (SELECT order_id FROM anchor_orders) AND product_id != {product_id:String}
    GROUP BY product_id
)
-- Names and categories are added by the caller for the rows kept (server/src/analyses/product-labels.ts).
SELECT t.product_id AS product_id, t.orders_together AS orders_together,
       (SELECT count() FROM anchor_orders) AS anchor_orders,
       (SELECT uniqExact(order_id) FROM lines) AS all_orders,
       po.orders AS product_orders
FROM together AS t
LEFT JOIN product_orders AS po ON po.product_id = t.product_id
ORDER BY orders_together DESC, product_id
LIMIT {limit:UInt32}
