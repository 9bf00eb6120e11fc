-- Why an order was refunded (售后原因), as the storefront recorded it: one of the suggested codes
-- (docs/import-schemas.md: changed_mind, not_as_described, quality, wrong_size, damaged,
-- wrong_item, late_delivery, other) or the source's own words, trimmed and in lower case; empty
-- when not given. Like the refund itself it belongs to the order's latest version.
ALTER TABLE orders
    ADD COLUMN IF NOT EXISTS refund_reason LowCardinality(String) DEFAULT '' COMMENT 'why it was refunded; empty when not given' AFTER refunded_at;
