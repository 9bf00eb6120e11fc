-- Diagnostics, the split by product category: visitors who viewed a product of each category,
-- for two periods (p = 0: the compared period, p = 1: the diagnosed one), distinct over the
-- period. From the events, for filtered diagnoses; diagnostics-category-visitors-rollup.sql gives
-- the same from daily_category_viewers.
-- Parameters: shop_id, from0, to0, from1, to1 (Date).
SELECT if(day BETWEEN {from1:Date} AND {to1:Date}, 1, 0) AS p, toString(category) AS segment, uniqExact(visitor_id) AS uv
FROM {{events}}
WHERE shop_id = {shop_id:UInt32}
  AND (day BETWEEN {from0:Date} AND {to0:Date} OR day BETWEEN {from1:Date} AND {to1:Date})
  AND event_name = 'product_view' AND category != ''
GROUP BY p, segment
ORDER BY p, segment
