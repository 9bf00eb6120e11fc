-- Customer first facts (first seen, first channel, first paid order) kept current by
-- materialized views: a late-arriving earlier event or order still wins because min/argMin
-- states merge. Read with min(...) and argMinMerge(...) grouped by (shop_id, customer_id).

CREATE TABLE IF NOT EXISTS customer_first_facts
(
    shop_id             UInt32,
    customer_id         String,
    first_seen_at       SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    first_channel       AggregateFunction(argMin, String, DateTime64(3, 'UTC')),
    first_order_at      SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    first_order_id      AggregateFunction(argMin, String, DateTime64(3, 'UTC')),
    first_order_channel AggregateFunction(argMin, String, DateTime64(3, 'UTC'))
)
ENGINE = AggregatingMergeTree
ORDER BY (shop_id, customer_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS customer_first_facts_from_events_mv TO customer_first_facts AS
SELECT
    shop_id,
    customer_id,
    min(toNullable(ts)) AS first_seen_at,
    argMinState(toString(channel), ts) AS first_channel
FROM events
WHERE customer_id != ''
GROUP BY shop_id, customer_id;

CREATE MATERIALIZED VIEW IF NOT EXISTS customer_first_facts_from_orders_mv TO customer_first_facts AS
SELECT
    shop_id,
    customer_id,
    min(paid_at) AS first_order_at,
    argMinState(order_id, assumeNotNull(paid_at)) AS first_order_id,
    argMinState(toString(channel), assumeNotNull(paid_at)) AS first_order_channel
FROM orders
WHERE customer_id != '' AND paid_at IS NOT NULL
GROUP BY shop_id, customer_id;
