-- The order-level discounts (coupons, 优惠) of each buyer day's paid orders (migration 0009), so
-- the unfiltered overview gives the goods amount, discounted orders and discount amount of the
-- orders paid in its range from the same rows as their payment (docs/buyer-days.md). Like
-- paid_amount they belong to the paying day. Every buyer is marked, so the next start-up
-- recomputes their rows with the new figures (the refresh is sql/queries/buyer-days-refresh.sql).

ALTER TABLE buyer_days
    ADD COLUMN IF NOT EXISTS items_amount Decimal(18, 2) COMMENT 'the goods amount of the orders paid that day, before order-level discounts and shipping' AFTER paid_amount,
    ADD COLUMN IF NOT EXISTS discounted_orders UInt32 COMMENT 'orders paid that day with an order-level discount' AFTER items_amount,
    ADD COLUMN IF NOT EXISTS discount_amount Decimal(18, 2) COMMENT 'the order-level discounts of the orders paid that day' AFTER discounted_orders;

INSERT INTO buyer_days_pending (shop_id, buyer, pending, version)
SELECT shop_id, buyer, toUInt8(1), (SELECT max(version) FROM buyer_days_pending) + 1
FROM buyer_days_pending
GROUP BY shop_id, buyer;
