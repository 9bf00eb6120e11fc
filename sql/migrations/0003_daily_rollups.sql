-- Daily rollups for long ranges and all-shop views. Distinct counts use exact states so a
-- rollup answer equals the raw-table answer; additive measures are plain sums.

CREATE TABLE IF NOT EXISTS daily_channel_metrics
(
    shop_id       UInt32,
    day           Date,
    channel       LowCardinality(String),
    events        SimpleAggregateFunction(sum, UInt64),
    page_views    SimpleAggregateFunction(sum, UInt64),
    visitors      AggregateFunction(uniqExact, String),
    sessions      AggregateFunction(uniqExact, String),
    cart_visitors AggregateFunction(uniqExact, String),
    paying_buyers AggregateFunction(uniqExact, String),
    paid_orders   AggregateFunction(uniqExact, String),
    paid_amount   SimpleAggregateFunction(sum, Decimal(38, 2))
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (shop_id, day, channel);

CREATE MATERIALIZED VIEW IF NOT EXISTS daily_channel_metrics_mv TO daily_channel_metrics AS
SELECT
    shop_id,
    day,
    channel,
    count() AS events,
    countIf(event_name IN ('page_view', 'product_view')) AS page_views,
    uniqExactState(visitor_id) AS visitors,
    uniqExactIfState(session_id, session_id != '') AS sessions,
    uniqExactIfState(visitor_id, event_name = 'add_to_cart') AS cart_visitors,
    uniqExactIfState(if(customer_id != '', customer_id, visitor_id), event_name = 'order_paid') AS paying_buyers,
    uniqExactIfState(order_id, event_name = 'order_paid') AS paid_orders,
    sumIf(amount, event_name = 'order_paid') AS paid_amount
FROM events
GROUP BY shop_id, day, channel;

-- Product engagement by day (views, viewers, cart adds). Sales per product come from order_items,
-- the source of truth for units and amounts.
CREATE TABLE IF NOT EXISTS daily_product_metrics
(
    shop_id       UInt32,
    day           Date,
    product_id    String,
    views         SimpleAggregateFunction(sum, UInt64),
    viewers       AggregateFunction(uniqExact, String),
    cart_adds     SimpleAggregateFunction(sum, UInt64),
    cart_visitors AggregateFunction(uniqExact, String)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (shop_id, day, product_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS daily_product_metrics_mv TO daily_product_metrics AS
SELECT
    shop_id,
    day,
    product_id,
    countIf(event_name = 'product_view') AS views,
    uniqExactIfState(visitor_id, event_name = 'product_view') AS viewers,
    countIf(event_name = 'add_to_cart') AS cart_adds,
    uniqExactIfState(visitor_id, event_name = 'add_to_cart') AS cart_visitors
FROM events
WHERE product_id != ''
GROUP BY shop_id, day, product_id;
