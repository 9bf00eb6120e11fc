-- Traffic, the visitor half, by channel and unfiltered: the rows of traffic-visitors.sql from the
-- visitor bitmaps of the daily rollups instead of every event of the shop's history (largest bench
-- shop, 90 days: 1.34 s -> 34 ms). A channel's visitors are the OR of its days' bitmaps in
-- daily_channel_metrics; its new visitors, those of them in no day before the range
-- (daily_stage_visitors holds every visitor of a day); all_visitors, the OR of the range's days.
-- Visitor sets are bitmaps of dense visitor numbers, as traffic-visitors.sql keys visitors, so the
-- counts are the same (server/test/diagnostics/rollup.test.ts). One pass over each rollup and a
-- cross join of one row: 41 -> 34 ms (largest) and 23 -> 20 ms (median shop) against scalar
-- subqueries.
-- Parameters: shop_id, from, to.
SELECT c.grp AS value,
       bitmapCardinality(c.seen) AS visitors,
       bitmapAndnotCardinality(c.seen, s.earlier) AS new_visitors,
       bitmapCardinality(s.everyone) AS all_visitors
FROM
(
    SELECT r.channel AS grp, groupBitmapMergeState(r.visitors) AS seen
    FROM daily_channel_metrics AS r
    WHERE r.shop_id = {shop_id:UInt32} AND r.day BETWEEN {from:Date} AND {to:Date}
    GROUP BY r.channel
) AS c
CROSS JOIN
(
    SELECT groupBitmapMergeStateIf(r.visitors, r.day < {from:Date}) AS earlier, groupBitmapMergeStateIf(r.visitors, r.day >= {from:Date}) AS everyone
    FROM daily_stage_visitors AS r
    WHERE r.shop_id = {shop_id:UInt32} AND r.day <= {to:Date}
) AS s
WHERE visitors > 0
