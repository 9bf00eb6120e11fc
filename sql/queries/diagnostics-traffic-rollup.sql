-- Diagnostics: the figures of diagnostics-traffic.sql from daily_stage_visitors (migrations 0004,
-- 0006), for unfiltered diagnoses: each bucket ORs its days' bitmaps of visitor numbers, so a
-- visitor seen on several days of a week counts once, exactly as over the events. (Columns are qualified: an
-- output alias of the same name would otherwise shadow them.)
-- Parameters: shop_id, start (Date), len (UInt16), buckets (UInt16).
WITH
{start:Date} AS s,
{len:UInt16} AS n,
toDate({start:Date} + {buckets:UInt16} * {len:UInt16} - 1) AS last_day
SELECT intDiv(dateDiff('day', s, r.day), n) AS b,
       groupBitmapMerge(r.visitors) AS uv,
       groupBitmapMerge(r.viewers) AS viewers,
       groupBitmapMerge(r.carters) AS carters,
       groupBitmapMerge(r.checkouts) AS checkouts,
       groupBitmapMerge(r.payers) AS payers
FROM daily_stage_visitors AS r
WHERE r.shop_id = {shop_id:UInt32} AND r.day BETWEEN s AND last_day
GROUP BY b
ORDER BY b
