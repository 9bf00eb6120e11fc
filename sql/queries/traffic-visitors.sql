-- Traffic, the visitor half: per group of a dimension (channel, or source / medium / campaign /
-- live room / sharer / device / region / hour of the day), the range's visitors who came through
-- it and how many of them were new (no event before the range); every row also carries
-- all_visitors, the range's distinct visitors in all (for the shares). The buyer half is
-- traffic-buyers.sql; the analysis joins the two by group.
-- {dimension} is replaced by a column name (or the hour's expression) from a fixed whitelist in
-- code, never by user text.
-- Unfiltered by channel, traffic-visitors-channel-rollup.sql gives the same rows from the bitmaps.
-- Parameters: shop_id, from, to (and tz, by hour). Filters apply through {{events}}.
WITH
-- Per visitor, over their history up to the range's end: the groups they came through in the range,
-- and whether they are new. One pass instead of a set of the range's visitors looked up in the
-- earlier events (largest bench shop, 90 days: 3.3 -> ~1.8 s), keyed by the visitor's dense number
-- rather than the id string (a further 2.0 -> 1.7-1.8 s).
visitor_groups AS (
    SELECT visitor_no, min(day) >= {from:Date} AS is_new, groupUniqArrayIf({dimension}, day >= {from:Date}) AS grps
    FROM {{events}}
    WHERE shop_id = {shop_id:UInt32} AND day <= {to:Date}
    GROUP BY visitor_no
    HAVING notEmpty(grps)
),
-- The range's visitors in all, counted on the way.
with_total AS (
    SELECT *, count() OVER () AS all_visitors FROM visitor_groups
)
SELECT grp AS value, count() AS visitors, countIf(is_new) AS new_visitors, any(all_visitors) AS all_visitors
FROM with_total ARRAY JOIN grps AS grp
GROUP BY grp
