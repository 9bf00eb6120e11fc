-- Diagnostics: the figures of diagnostics-channel-visitors.sql from daily_channel_metrics
-- (migration 0007; bitmaps of visitor numbers per day and channel, ORed per period), for
-- unfiltered diagnoses. (Columns are qualified: an output alias would otherwise shadow them.)
-- Parameters: shop_id, from0, to0, from1, to1 (Date).
SELECT if(r.day BETWEEN {from1:Date} AND {to1:Date}, 1, 0) AS p, toString(r.channel) AS segment, groupBitmapMerge(r.visitors) AS uv
FROM daily_channel_metrics AS r
WHERE r.shop_id = {shop_id:UInt32} AND (r.day BETWEEN {from0:Date} AND {to0:Date} OR r.day BETWEEN {from1:Date} AND {to1:Date})
GROUP BY p, segment
ORDER BY p, segment
