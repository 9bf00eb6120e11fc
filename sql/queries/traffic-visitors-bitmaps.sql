-- Traffic, the visitor half, unfiltered, by a dimension the rollups do not keep (source, medium,
-- campaign, live room, sharer, device, region, hour): the rows of traffic-visitors.sql with each group's visitors as a
-- bitmap of dense visitor numbers built from the range's events only; its new visitors, those of
-- them in no day before the range, and all_visitors, from daily_stage_visitors (which holds every
-- visitor of a day), as traffic-visitors-channel-rollup.sql does. traffic-visitors.sql instead
-- groups every event of the shop's history per visitor (largest bench shop, 90 days, by source:
-- ~1.3 s -> ~0.4 s). Equal answers: server/test/diagnostics/rollup.test.ts.
-- {dimension} is replaced by a column name (or the hour's expression over ts, unqualified: only
-- events is read here) from a fixed whitelist in code, never by user text.
-- Parameters: shop_id, from, to (and tz, by hour).
SELECT c.grp AS value,
       bitmapCardinality(c.seen) AS visitors,
       bitmapAndnotCardinality(c.seen, s.earlier) AS new_visitors,
       bitmapCardinality(s.everyone) AS all_visitors
FROM
(
    SELECT {dimension} AS grp, groupBitmapState(e.visitor_no) AS seen
    FROM events AS e
    WHERE e.shop_id = {shop_id:UInt32} AND e.day BETWEEN {from:Date} AND {to:Date}
    GROUP BY grp
) AS c
CROSS JOIN
(
    SELECT groupBitmapMergeStateIf(r.visitors, r.day < {from:Date}) AS earlier, groupBitmapMergeStateIf(r.visitors, r.day >= {from:Date}) AS everyone
    FROM daily_stage_visitors AS r
    WHERE r.shop_id = {shop_id:UInt32} AND r.day <= {to:Date}
) AS s
