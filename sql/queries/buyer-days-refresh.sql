-- Recomputes buyer_days (migrations 0009, 0010) for the shop's marked buyers, from the latest
-- version of their orders: one row per buyer and day with what happened that day — orders placed
-- (by the order's day), orders paid with their amount, goods amount and order-level discounts
-- (by the local day of paid_at; migration 0012), refunds (by
-- the local day of refunded_at) — with the buyer's latest paying and placing days before it and
-- next paying day after it (1970-01-01 for none); plus a zero row for each
-- stored day a marked buyer no longer has (an order paid on another day, erased, or given to
-- another customer). The figures are those the raw overview-orders.sql computes (the rollup = raw
-- overview test holds the two together). Idempotent: a rerun writes the same rows with a newer
-- computed_at. All of the largest bench shop's 247k orders: ~0.3 s.
-- Parameters: shop_id, tz (the shop's IANA zone, for the local paying and refund days).
INSERT INTO buyer_days (shop_id, day, buyer, known, placed_orders, paid_orders, paid_amount, items_amount, discounted_orders, discount_amount, refund_amount, previous_paid_day, previous_placed_day, next_paid_day, computed_at)
WITH
marked AS MATERIALIZED (
    -- Read once for both of its uses: grouping every buyer the shop ever marked is most of a
    -- small recompute's time (~20 ms for the largest bench shop's 215k buyers).
    SELECT buyer FROM buyer_days_pending
    WHERE shop_id = {shop_id:UInt32}
    GROUP BY buyer
    HAVING argMax(pending, version) = 1
),
fresh AS MATERIALIZED (
    SELECT day, buyer, known, placed_orders, paid_orders, paid_amount, items_amount, discounted_orders, discount_amount, refund_amount,
           -- The latest earlier day with a payment (with an order placed), 1970-01-01 (the empty
           -- frame's max) when none; the next later day with a payment (2149-06-06, the largest
           -- Date, stands for none until the select below).
           max(if(paid_orders > 0, day, toDate(0))) OVER (PARTITION BY buyer ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS previous_paid_day,
           max(if(placed_orders > 0, day, toDate(0))) OVER (PARTITION BY buyer ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS previous_placed_day,
           min(if(paid_orders > 0, day, toDate('2149-06-06'))) OVER (PARTITION BY buyer ORDER BY day ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_paid_raw
    FROM
    (
        SELECT fact_day AS day, buyer,
               toUInt8(max(known)) AS known,
               toUInt32(countIf(kind = 'placed')) AS placed_orders,
               toUInt32(countIf(kind = 'paid')) AS paid_orders,
               sumIf(paid_amount, kind = 'paid') AS paid_amount,
               -- Qualified (f.): an alias named as a column would be read instead of it.
               sumIf(f.items_amount, kind = 'paid') AS items_amount,
               toUInt32(countIf(kind = 'paid' AND f.discount_amount > 0)) AS discounted_orders,
               sumIf(f.discount_amount, kind = 'paid') AS discount_amount,
               sumIf(refund_amount, kind = 'refund') AS refund_amount
        FROM
        (
            -- Each order stands for up to three (day, fact) pairs.
            SELECT if(customer_id != '', cityHash64(customer_id), cityHash64('guest:', order_id)) AS buyer,
                   customer_id != '' AS known, paid_amount, items_amount, discount_amount, refund_amount, fact.1 AS fact_day, fact.2 AS kind
            FROM orders FINAL
            ARRAY JOIN arrayConcat(
                [(day, 'placed')],
                if(paid_at IS NULL, [], [(toDate(assumeNotNull(paid_at), {tz:String}), 'paid')]),
                if(refunded_at IS NULL, [], [(toDate(assumeNotNull(refunded_at), {tz:String}), 'refund')])
            ) AS fact
            WHERE shop_id = {shop_id:UInt32}
              AND if(customer_id != '', cityHash64(customer_id), cityHash64('guest:', order_id)) IN (SELECT buyer FROM marked)
        ) AS f
        GROUP BY fact_day, buyer
    )
)
SELECT {shop_id:UInt32}, day, buyer, known, placed_orders, paid_orders, paid_amount, items_amount, discounted_orders, discount_amount, refund_amount, previous_paid_day, previous_placed_day,
       if(next_paid_raw IN (toDate(0), toDate('2149-06-06')), toDate(0), next_paid_raw), now64(6, 'UTC')
FROM fresh
UNION ALL
SELECT {shop_id:UInt32}, s.day, s.buyer, s.known, 0, 0, 0, 0, 0, 0, 0, toDate(0), toDate(0), toDate(0), now64(6, 'UTC')
FROM buyer_days AS s FINAL
WHERE s.shop_id = {shop_id:UInt32} AND (s.placed_orders > 0 OR s.paid_orders > 0 OR s.refund_amount != 0)
  AND s.buyer IN (SELECT buyer FROM marked)
  AND (s.day, s.buyer) NOT IN (SELECT day, buyer FROM fresh)
SETTINGS enable_materialized_cte = 1
