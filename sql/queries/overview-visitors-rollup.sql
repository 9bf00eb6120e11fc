-- Overview, visitors, for unfiltered overviews: the figures of overview-visitors.sql from the
-- daily rollup daily_stage_visitors (bitmaps of visitor numbers per day, ORed over the range for
-- the totals row, so a visitor of several days counts once; page views summed). On the largest
-- bench shop 7 days read in ~8 ms instead of ~95 ms over the events. (Columns are qualified: an
-- output alias of the same name would otherwise shadow them.)
-- Parameters: shop_id, from, to (local dates, inclusive).
WITH
days AS (
    SELECT arrayJoin(arrayPushBack(arrayMap(i -> {from:Date} + i, range(toUInt32(dateDiff('day', {from:Date}, {to:Date}) + 1))), toDate(0))) AS d
),
traffic AS (
    SELECT if(grouping(r.day) = 1, toDate(0), r.day) AS d,
           groupBitmapMerge(r.visitors) AS uv,
           sum(r.page_views) AS pv,
           groupBitmapMerge(r.carters) AS cart_visitors
    FROM daily_stage_visitors AS r
    WHERE r.shop_id = {shop_id:UInt32} AND r.day BETWEEN {from:Date} AND {to:Date}
    GROUP BY GROUPING SETS ((r.day), ())
)
SELECT toString(days.d) AS day, traffic.uv AS uv, traffic.pv AS pv, traffic.cart_visitors AS cart_visitors
FROM days
LEFT JOIN traffic ON traffic.d = days.d
ORDER BY days.d
