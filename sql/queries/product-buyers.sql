-- The buyers of one product over a range, defined once for the list and its summary
-- (product-buyers.analysis.ts adds the final SELECT over `paid` and `buyers`): orders paid in the
-- range (shop-local day of paid_at; refunded ones included, as everywhere a paid order counts)
-- that contain the product, each with the product's units and line amount; per known customer,
-- those orders, units, amount and the first and last day bought. Guests (no customer id) cannot be
-- listed or followed; their orders are counted apart. Read after customers-rfm-scored.sql's CTEs
-- (as of {at}, the range's last day), so each buyer carries the segment they are in now.
-- Parameters: shop_id, product_id, from, to, at (local dates), tz.
WITH
lines AS (
    SELECT order_id, sum(quantity) AS units, sum(amount) AS amount
    FROM {{order_items}}
    WHERE shop_id = {shop_id:UInt32} AND product_id = {product_id:String}
    GROUP BY order_id
),
paid AS (
    SELECT o.order_id AS order_id, o.customer_id AS customer_id, toDate(assumeNotNull(o.paid_at), {tz:String}) AS paid_day,
           l.units AS units, l.amount AS amount
    FROM {{orders AS o}}
    INNER JOIN lines AS l ON l.order_id = o.order_id
    WHERE o.shop_id = {shop_id:UInt32} AND o.paid_at IS NOT NULL
      AND toDate(assumeNotNull(o.paid_at), {tz:String}) BETWEEN {from:Date} AND {to:Date}
),
buyers AS (
    SELECT customer_id, count() AS orders, sum(units) AS units, sum(amount) AS amount_exact,
           min(paid_day) AS first_day, max(paid_day) AS last_day
    FROM paid
    WHERE customer_id != ''
    GROUP BY customer_id
)
