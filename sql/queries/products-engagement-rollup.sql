-- Products: the figures of products-engagement.sql from daily_product_metrics (migration 0007:
-- per shop-local day and product, counts and bitmaps of visitor numbers, merged over the
-- range), for unfiltered rankings: half the time of the events on the largest bench shop.
-- Equal by test.
-- (Columns are qualified: an output alias of the same name would otherwise shadow them.)
    SELECT r.product_id AS product_id,
           sum(r.views) AS views,
           groupBitmapMerge(r.viewers) AS visitors,
           sum(r.cart_adds) AS cart_adds,
           groupBitmapMerge(r.cart_visitors) AS cart_visitors
    FROM daily_product_metrics AS r
    WHERE r.shop_id = {shop_id:UInt32} AND r.day BETWEEN {from:Date} AND {to:Date}
    GROUP BY r.product_id
