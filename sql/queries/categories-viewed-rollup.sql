-- Categories: the figures of categories-viewed.sql for unfiltered categories, the catalogue's
-- products from daily_product_metrics (per shop-local day and product: product views and bitmaps
-- of the viewers' and the cart-adding visitors' numbers; migration 0007) and the products the
-- catalogue does not hold from their events (their category is the event's, which the rollup does
-- not keep). Both parts carry bitmaps, merged per category, so a visitor of both counts once, as
-- uniqExact over the events does. Equal by test (server/test/categories-golden.test.ts).
-- Rows of days without a view of the product (only cart adds) do not make it "viewed".
    SELECT cat, sum(part_views) AS views, groupBitmapMerge(part_viewers) AS visitors,
           groupBitmapMerge(part_carters) AS cart_visitors, arrayDistinct(flatten(groupArray(part_viewed_ids))) AS viewed_ids
    FROM (
        SELECT c.category AS cat, sum(r.views) AS part_views,
               groupBitmapMergeState(r.viewers) AS part_viewers, groupBitmapMergeState(r.cart_visitors) AS part_carters,
               groupUniqArrayIf(r.product_id, r.views > 0) AS part_viewed_ids
        FROM daily_product_metrics AS r INNER JOIN catalogue AS c ON c.product_id = r.product_id
        WHERE r.shop_id = {shop_id:UInt32} AND r.day BETWEEN {from:Date} AND {to:Date} AND c.category != ''
        GROUP BY cat
        UNION ALL
        SELECT toString(e.category), countIf(e.event_name = 'product_view'),
               groupBitmapStateIf(e.visitor_no, e.event_name = 'product_view'),
               groupBitmapStateIf(e.visitor_no, e.event_name = 'add_to_cart'),
               groupUniqArrayIf(e.product_id, e.event_name = 'product_view')
        FROM events AS e
        WHERE e.shop_id = {shop_id:UInt32} AND e.day BETWEEN {from:Date} AND {to:Date}
          AND e.event_name IN ('product_view', 'add_to_cart') AND e.product_id != ''
          AND e.product_id NOT IN (SELECT product_id FROM catalogue WHERE category != '')
        GROUP BY toString(e.category)
    )
    GROUP BY cat
