-- Two more dates on each buyer day (migration 0009), so that the overview's totals count buyers
-- with plain conditional counts instead of sets of buyer ids (90 days of the largest bench shop:
-- the order figures 55 -> 26 ms). A buyer is counted on one row of the range — the first of the
-- kind — which these tell apart:
--   - paying buyers of a range: paying rows whose previous paying day is before the range;
--   - ordering buyers of a range: rows with an order placed whose previous placing day is before it;
--   - repeat buyers of a range: on that first paying row, 2+ paid orders or a next paying day
--     inside the range.
-- See docs/buyer-days.md. Every buyer is marked, so the next start-up recomputes their rows with
-- the new dates (the refresh is sql/queries/buyer-days-refresh.sql).

ALTER TABLE buyer_days
    ADD COLUMN IF NOT EXISTS previous_placed_day Date COMMENT 'the buyer''s latest day with an order placed before this day; 1970-01-01 when none' AFTER previous_paid_day,
    ADD COLUMN IF NOT EXISTS next_paid_day Date COMMENT 'the buyer''s first paying day after this day; 1970-01-01 when none' AFTER previous_placed_day;

INSERT INTO buyer_days_pending (shop_id, buyer, pending, version)
SELECT shop_id, buyer, toUInt8(1), (SELECT max(version) FROM buyer_days_pending) + 1
FROM buyer_days_pending
GROUP BY shop_id, buyer;
