-- Price bands: the figures of price-bands-viewed.sql from daily_product_metrics (per shop-local
-- day and product, product views and a bitmap of the viewers' visitor numbers; migration 0007),
-- for unfiltered bands: the merged bitmaps of a band's products count each visitor once, as
-- uniqExact over the events does. Largest bench shop, 90 days: 1,051 ms over the events, 182 ms
-- this way (runs 43 and 64, docs/benchmarks.md). Equal by
-- test (server/test/diagnostics/rollup.test.ts). Rows of days without a view of the product (only
-- cart adds) are left out, so such a product is not "viewed".
    SELECT c.price_band AS band, groupBitmapMerge(r.viewers) AS visitors, groupUniqArray(r.product_id) AS viewed_ids
    FROM daily_product_metrics AS r LEFT JOIN catalogue AS c ON c.product_id = r.product_id
    WHERE r.shop_id = {shop_id:UInt32} AND r.day BETWEEN {from:Date} AND {to:Date} AND r.views > 0
    GROUP BY band
