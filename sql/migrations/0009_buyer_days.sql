-- What each buyer did on each day — orders placed, paid (and their amount), refunded — with the
-- buyer's previous paying day, so that the unfiltered overview's order figures (paying, new,
-- returning, repeat and ordering buyers, GMV, refunds) read the range's rows of one table instead
-- of every order of the 392 days before it. See docs/buyer-days.md.
--
-- A buyer is a customer id, or a guest order on its own, keyed by a 64-bit hash as in
-- overview-orders.sql. A row is one buyer's facts of one shop-local day: orders placed that day
-- (the order's `day`), paid that day (local day of paid_at, in the shop's zone) and refunded that
-- day (of refunded_at). previous_paid_day is the buyer's latest paying day before the row's day
-- (1970-01-01 when none), which is what "new" (no paid order in the 360 days before) and "repeat"
-- need:
--   - a paying buyer is new on a day when previous_paid_day is none or more than 360 days before;
--   - new in a range when that holds against the range's start on the buyer's first paying day in
--     it (their later paying days have a previous paying day inside the range);
--   - a repeat buyer of a range when some day of theirs in it has 2+ paid orders, or a paying day
--     whose previous paying day is inside the range.
-- Not a materialized view: an order's later version (paid, refunded, a customer id added) changes
-- the buyer's other rows. The buyers a merge touched are recomputed from orders FINAL
-- (sql/queries/buyer-days-refresh.sql, under the shop's write lock); a day a buyer no longer has
-- any fact on gets a zero row. The newest computed_at wins.

CREATE TABLE IF NOT EXISTS buyer_days
(
    shop_id           UInt32,
    day               Date COMMENT 'shop-local day',
    buyer             UInt64 COMMENT 'cityHash64(customer_id), or cityHash64(''guest:'', order_id) for a guest order',
    known             UInt8 COMMENT '1 = a signed-in customer, 0 = a guest order',
    placed_orders     UInt32 COMMENT 'orders the buyer placed that day, paid or not',
    paid_orders       UInt32 COMMENT 'orders the buyer paid that day',
    paid_amount       Decimal(18, 2) COMMENT 'their paid amount',
    refund_amount     Decimal(18, 2) COMMENT 'refunds of the buyer''s orders refunded that day',
    previous_paid_day Date COMMENT 'the buyer''s latest paying day before this day; 1970-01-01 when none',
    computed_at       DateTime64(6, 'UTC') COMMENT 'the newest recompute of a row wins'
)
ENGINE = ReplacingMergeTree(computed_at)
PARTITION BY toYYYYMM(day)
ORDER BY (shop_id, day, buyer);

-- Buyers whose rows wait for a recompute, per shop: a merge of orders marks its buyers before it
-- writes any order, so a process that dies before recomputing them leaves marks that start-up
-- picks up. The highest version per buyer is its state (1 = marked, 0 = recomputed).
CREATE TABLE IF NOT EXISTS buyer_days_pending
(
    shop_id UInt32,
    buyer   UInt64,
    pending UInt8 COMMENT '1 = orders written since the buyer was last recomputed',
    version UInt64 COMMENT 'per shop, one more than the shop''s highest so far'
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (shop_id, buyer);

-- Every stored buyer is marked: paying and refund days are local days, and the shops' time zones
-- live in the metadata database, so the first start-up after this migration computes the rows
-- (the same recovery that picks up a dead import's marks).
INSERT INTO buyer_days_pending (shop_id, buyer, pending, version)
SELECT DISTINCT shop_id, if(customer_id != '', cityHash64(customer_id), cityHash64('guest:', order_id)), toUInt8(1), toUInt64(1)
FROM orders;
