-- Price bands (价格带): the shop's products grouped by the price band of their catalogue price
-- (products.price_band, set at import from the price with the shop currency's band edges), and
-- per band how many products the catalogue has, how many were viewed or sold in the period, the
-- visitors who viewed any product of the band and the buyers, orders, units and amount of the
-- paid lines of its products. A product not in the catalogue has no band ('').
-- A visitor or buyer counts once per band (a buyer of two products of one band once), and in
-- every band they viewed or bought from, so bands do not add up to the shop's visitors or buyers;
-- units and amount do add up to the paid lines' totals. Paid lines: of orders paid in the period
-- (payment within 31 days of placing, as everywhere).
-- Parameters: shop_id, from, to (local dates, inclusive), tz, listed_categories (the category
-- filter's values; empty = all). Filters apply through {{events}},
-- {{orders}} and {{order_items}}. The viewed CTE's body is the text of one of the two files named
-- there (never request text).
WITH
catalogue AS MATERIALIZED (
    SELECT product_id, price_band, toString(category) AS category FROM products FINAL WHERE shop_id = {shop_id:UInt32}
),
-- The catalogue's listings per band; with a category filter, of those categories' products only
-- (listings are rows the filter restricts too, as the categories analysis counts them).
listed AS (
    SELECT price_band AS band, count() AS products FROM catalogue
    WHERE empty({listed_categories:Array(String)}) OR category IN {listed_categories:Array(String)}
    GROUP BY band
),
viewed AS (
    -- Visitors and the products viewed per band: price-bands-viewed.sql from the events, or
    -- price-bands-viewed-rollup.sql from daily_product_metrics when nothing filters the events.
    {viewed}
),
paid AS (
    SELECT order_id, if(customer_id != '', customer_id, concat('guest:', order_id)) AS buyer
    FROM {{orders}}
    WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} - 31 AND {to:Date} AND paid_at IS NOT NULL
      AND toDate(assumeNotNull(paid_at), {tz:String}) BETWEEN {from:Date} AND {to:Date}
),
sold AS (
    SELECT c.price_band AS band, uniqExact(p.buyer) AS buyers, uniqExact(l.order_id) AS paid_orders,
           sum(l.quantity) AS units, toFloat64(sum(l.amount)) AS gmv, groupUniqArray(l.product_id) AS sold_ids
    FROM {{order_items AS l}}
    INNER JOIN paid AS p ON p.order_id = l.order_id
    LEFT JOIN catalogue AS c ON c.product_id = l.product_id
    WHERE l.shop_id = {shop_id:UInt32} AND l.day BETWEEN {from:Date} - 31 AND {to:Date}
    GROUP BY band
),
bands AS (
    SELECT band FROM listed UNION DISTINCT SELECT band FROM viewed UNION DISTINCT SELECT band FROM sold
)
SELECT b.band AS band,
       li.products AS products,
       length(arrayDistinct(arrayConcat(v.viewed_ids, s.sold_ids))) AS active_products,
       v.visitors AS visitors,
       s.buyers AS buyers,
       s.paid_orders AS paid_orders,
       s.units AS units,
       s.gmv AS gmv
FROM bands AS b
LEFT JOIN listed AS li ON li.band = b.band
LEFT JOIN viewed AS v ON v.band = b.band
LEFT JOIN sold AS s ON s.band = b.band
-- join_use_nulls = 0: a product missing from the catalogue joins as band '', a band missing from
-- one part as zeros and empty lists.
SETTINGS enable_materialized_cte = 1, join_use_nulls = 0
