-- Core fact tables. Every table leads its sort key with shop_id (tenant first), then the
-- shop-local calendar day, so a shop's date range is one contiguous primary-key range.
-- Dialect rules for migration files (the cluster renderer relies on them):
--   * one statement per block, each ending with ';' at the end of a line;
--   * CREATE TABLE / MATERIALIZED VIEW always "IF NOT EXISTS", so a half-applied file re-runs;
--   * engines are written in single-node form; `storelens migrate --cluster` renders the
--     Replicated + Distributed form from the same text.

CREATE TABLE IF NOT EXISTS events
(
    shop_id      UInt32,
    day          Date COMMENT 'calendar day of ts in the shop''s time zone',
    ts           DateTime64(3, 'UTC'),
    event_id     UInt64 COMMENT 'deterministic dedup key derived from the source row',
    event_name   LowCardinality(String),
    visitor_id   String,
    customer_id  String,
    session_id   String,
    channel      LowCardinality(String),
    source       LowCardinality(String),
    medium       LowCardinality(String),
    campaign     String,
    live_room_id String,
    sharer_id    String,
    referrer     String,
    device       LowCardinality(String),
    region       LowCardinality(String),
    product_id   String,
    category     LowCardinality(String),
    order_id     String,
    quantity     UInt32,
    amount       Decimal(18, 2),
    search_term  String,
    properties   Map(LowCardinality(String), String),
    import_id    String COMMENT 'import job or ingest batch that wrote the row',
    ingested_at  DateTime('UTC') DEFAULT now()
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (shop_id, day, event_name, visitor_id, ts);

-- Orders change state after the fact (paid, shipped, refunded, cancelled): each change is a new
-- row with a higher version and reads keep the latest (FINAL or LIMIT 1 BY). day is the local day
-- the order was created, which never changes, so every version of an order lands in one part
-- range and one partition and replacement can find it.
CREATE TABLE IF NOT EXISTS orders
(
    shop_id         UInt32,
    day             Date COMMENT 'local day of created_at',
    order_id        String,
    customer_id     String,
    visitor_id      String,
    created_at      DateTime64(3, 'UTC'),
    paid_at         Nullable(DateTime64(3, 'UTC')),
    status          LowCardinality(String) COMMENT 'created | paid | shipped | completed | refunded | partially_refunded | cancelled',
    currency        LowCardinality(String),
    items_amount    Decimal(18, 2),
    discount_amount Decimal(18, 2),
    shipping_amount Decimal(18, 2),
    paid_amount     Decimal(18, 2),
    refund_amount   Decimal(18, 2),
    refunded_at     Nullable(DateTime64(3, 'UTC')),
    channel         LowCardinality(String),
    source          LowCardinality(String),
    medium          LowCardinality(String),
    campaign        String,
    live_room_id    String,
    sharer_id       String,
    device          LowCardinality(String),
    region          LowCardinality(String),
    version         UInt64 COMMENT 'monotonic per order; the highest wins',
    updated_at      DateTime64(3, 'UTC'),
    import_id       String
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (shop_id, day, order_id);

CREATE TABLE IF NOT EXISTS order_items
(
    shop_id      UInt32,
    day          Date COMMENT 'local day the order was created',
    order_id     String,
    line_no      UInt32,
    product_id   String,
    sku          String,
    product_name String,
    category     LowCardinality(String),
    quantity     Int32,
    unit_price   Decimal(18, 2),
    discount     Decimal(18, 2),
    amount       Decimal(18, 2),
    version      UInt64,
    import_id    String
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (shop_id, day, order_id, line_no);

CREATE TABLE IF NOT EXISTS products
(
    shop_id    UInt32,
    product_id String,
    name       String,
    category   LowCardinality(String),
    price      Decimal(18, 2),
    price_band LowCardinality(String),
    version    UInt64,
    import_id  String
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (shop_id, product_id);

-- Customer attributes as imported (kind "customers"); derived first facts live below.
CREATE TABLE IF NOT EXISTS customers
(
    shop_id      UInt32,
    customer_id  String,
    signed_up_at Nullable(DateTime64(3, 'UTC')),
    region       LowCardinality(String),
    member_level LowCardinality(String),
    attributes   Map(LowCardinality(String), String),
    version      UInt64,
    import_id    String
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (shop_id, customer_id);

-- Every row an import could not take, with enough to find and fix it. Nothing is dropped silently.
CREATE TABLE IF NOT EXISTS import_rejects
(
    shop_id     UInt32,
    import_id   String,
    source      String COMMENT 'file name, URL or ingest batch',
    line        UInt64 COMMENT '1-based line (or record) number in the source',
    raw         String,
    reason      String,
    kind        LowCardinality(String),
    rejected_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
ORDER BY (shop_id, import_id, line);
