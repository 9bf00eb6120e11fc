-- Visitors per shop-local day at each stage of the purchase path — any event, a product view, an
-- add to cart, a checkout start, a payment — as exact distinct states, so that the distinct
-- visitors of any run of days is a merge of a few small states instead of a scan of the events.
-- The store diagnosis reads it (29 days, or 5 weeks, per diagnosis); its answers equal the
-- events' (tested).

CREATE TABLE IF NOT EXISTS daily_stage_visitors
(
    shop_id   UInt32,
    day       Date,
    visitors  AggregateFunction(uniqExact, String),
    viewers   AggregateFunction(uniqExact, String),
    carters   AggregateFunction(uniqExact, String),
    checkouts AggregateFunction(uniqExact, String),
    payers    AggregateFunction(uniqExact, String)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (shop_id, day);

CREATE MATERIALIZED VIEW IF NOT EXISTS daily_stage_visitors_mv TO daily_stage_visitors AS
SELECT
    shop_id,
    day,
    uniqExactState(visitor_id) AS visitors,
    uniqExactIfState(visitor_id, event_name = 'product_view') AS viewers,
    uniqExactIfState(visitor_id, event_name = 'add_to_cart') AS carters,
    uniqExactIfState(visitor_id, event_name = 'checkout_start') AS checkouts,
    uniqExactIfState(visitor_id, event_name = 'order_paid') AS payers
FROM events
GROUP BY shop_id, day;

-- Events loaded before this view existed. Distinct states merge idempotently, so a rerun after an
-- interruption (or rows the view also saw) changes no answer.
INSERT INTO daily_stage_visitors
SELECT
    shop_id,
    day,
    uniqExactState(visitor_id) AS visitors,
    uniqExactIfState(visitor_id, event_name = 'product_view') AS viewers,
    uniqExactIfState(visitor_id, event_name = 'add_to_cart') AS carters,
    uniqExactIfState(visitor_id, event_name = 'checkout_start') AS checkouts,
    uniqExactIfState(visitor_id, event_name = 'order_paid') AS payers
FROM events
GROUP BY shop_id, day;
