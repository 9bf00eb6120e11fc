-- Diagnostics: visitors of consecutive periods of `len` days (1 = days, 7 = weeks), bucket b
-- covering {start} + b*len .. {start} + b*len + len - 1 (shop-local days), b = 0 .. {buckets} - 1:
-- all visitors, and visitors with a product_view, add_to_cart, checkout_start or order_paid
-- event. Distinct over the whole bucket. Read from the events, for filtered diagnoses;
-- diagnostics-traffic-rollup.sql gives the same figures from the daily rollup.
-- Parameters: shop_id, start (Date), len (UInt16), buckets (UInt16).
WITH
{start:Date} AS s,
{len:UInt16} AS n,
toDate({start:Date} + {buckets:UInt16} * {len:UInt16} - 1) AS last_day
SELECT intDiv(dateDiff('day', s, day), n) AS b,
       uniqExact(visitor_id) AS uv,
       uniqExactIf(visitor_id, event_name = 'product_view') AS viewers,
       uniqExactIf(visitor_id, event_name = 'add_to_cart') AS carters,
       uniqExactIf(visitor_id, event_name = 'checkout_start') AS checkouts,
       uniqExactIf(visitor_id, event_name = 'order_paid') AS payers
FROM {{events}}
WHERE shop_id = {shop_id:UInt32} AND day BETWEEN s AND last_day
GROUP BY b
ORDER BY b
