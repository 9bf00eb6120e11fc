-- The other daily rollups' visitor sets as bitmaps of visitor numbers (migration 0006), as
-- daily_stage_visitors there: the diagnosis's channel and category splits and the products
-- ranking merge one state per day and segment (or product) over a range, and exact hash sets of
-- strings made those merges most of their time. Same figures (tested: rollup = events).
-- Sets that are not of visitors (sessions, orders, buyers who may be customers) stay exact
-- hash sets. Each table is rebuilt: view and table dropped, created anew, refilled from events
-- with the view's own SELECT (BACKFILL: sql/src/migrations/files.ts).

DROP VIEW IF EXISTS daily_channel_metrics_mv;

DROP TABLE IF EXISTS daily_channel_metrics;

CREATE TABLE IF NOT EXISTS daily_channel_metrics
(
    shop_id       UInt32,
    day           Date,
    channel       LowCardinality(String),
    events        SimpleAggregateFunction(sum, UInt64),
    page_views    SimpleAggregateFunction(sum, UInt64),
    visitors      AggregateFunction(groupBitmap, UInt32),
    sessions      AggregateFunction(uniqExact, String),
    cart_visitors AggregateFunction(groupBitmap, UInt32),
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
    groupBitmapState(visitor_no) AS visitors,
    uniqExactIfState(session_id, session_id != '') AS sessions,
    groupBitmapIfState(visitor_no, event_name = 'add_to_cart') AS cart_visitors,
    uniqExactIfState(if(customer_id != '', customer_id, visitor_id), event_name = 'order_paid') AS paying_buyers,
    uniqExactIfState(order_id, event_name = 'order_paid') AS paid_orders,
    sumIf(amount, event_name = 'order_paid') AS paid_amount
FROM events
GROUP BY shop_id, day, channel;

BACKFILL daily_channel_metrics FROM daily_channel_metrics_mv;

DROP VIEW IF EXISTS daily_product_metrics_mv;

DROP TABLE IF EXISTS daily_product_metrics;

CREATE TABLE IF NOT EXISTS daily_product_metrics
(
    shop_id       UInt32,
    day           Date,
    product_id    String,
    views         SimpleAggregateFunction(sum, UInt64),
    viewers       AggregateFunction(groupBitmap, UInt32),
    cart_adds     SimpleAggregateFunction(sum, UInt64),
    cart_visitors AggregateFunction(groupBitmap, UInt32)
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
    groupBitmapIfState(visitor_no, event_name = 'product_view') AS viewers,
    countIf(event_name = 'add_to_cart') AS cart_adds,
    groupBitmapIfState(visitor_no, event_name = 'add_to_cart') AS cart_visitors
FROM events
WHERE product_id != ''
GROUP BY shop_id, day, product_id;

BACKFILL daily_product_metrics FROM daily_product_metrics_mv;

DROP VIEW IF EXISTS daily_category_viewers_mv;

DROP TABLE IF EXISTS daily_category_viewers;

CREATE TABLE IF NOT EXISTS daily_category_viewers
(
    shop_id  UInt32,
    day      Date,
    category LowCardinality(String),
    viewers  AggregateFunction(groupBitmap, UInt32)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (shop_id, day, category);

CREATE MATERIALIZED VIEW IF NOT EXISTS daily_category_viewers_mv TO daily_category_viewers AS
SELECT
    shop_id,
    day,
    category,
    groupBitmapState(visitor_no) AS viewers
FROM events
WHERE event_name = 'product_view' AND category != ''
GROUP BY shop_id, day, category;

BACKFILL daily_category_viewers FROM daily_category_viewers_mv;
