-- Sessions per shop-local day, kept as plain sums so that the unfiltered overview reads a row per
-- day instead of grouping the range's events by session (7 days of the largest bench shop:
-- ~380k sessions, ~100 ms, most of the overview's time). See docs/daily-sessions.md.
--
-- A session ends at midnight in the shop's time zone (as in Google Analytics' Universal
-- Analytics): a visitor's events with one session id on one local day are one session of that
-- day, so a day's figures depend on that day's events alone, whatever range is asked for.
-- They are not additive over events (a later batch can extend a stored session or turn a bounce
-- into a visit), so a materialized view cannot keep them: the days a merge (or erasure) touched
-- are recomputed from their events (sql/queries/daily-sessions-refresh.sql, under the shop's
-- write lock; ~20 ms for a day of the largest bench shop). A recompute replaces the
-- day's row (the newest computed_at wins), so running it twice, or again after an interrupted
-- import, gives the same figures.

CREATE TABLE IF NOT EXISTS daily_sessions
(
    shop_id         UInt32,
    day             Date COMMENT 'shop-local day; a session ends at midnight',
    sessions        UInt64,
    bounce_sessions UInt64 COMMENT 'sessions with exactly one event',
    session_seconds UInt64 COMMENT 'summed time from first to last event',
    computed_at     DateTime64(6, 'UTC') COMMENT 'the newest recompute of a day wins'
)
ENGINE = ReplacingMergeTree(computed_at)
PARTITION BY toYYYYMM(day)
ORDER BY (shop_id, day);

-- Days whose figures wait for a recompute, per shop: a merge marks its days here before it writes
-- any event, so a process that dies before recomputing them leaves a mark that start-up picks up.
-- File imports recompute at once; live ingestion, whose batches come every fraction of a second,
-- recomputes a shop's marked days at most every few seconds (etl/src/ingest/session-days-refresher.ts)
-- instead of regrouping the whole day after every batch. Rows are (day, marked or done) states; the
-- highest version per day is its state, versions counting up per shop under the write lock.
CREATE TABLE IF NOT EXISTS daily_sessions_pending
(
    shop_id UInt32,
    day     Date,
    pending UInt8 COMMENT '1 = events written since the day was last recomputed',
    version UInt64 COMMENT 'per shop, one more than the shop''s highest so far'
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (shop_id, day);

-- Every stored day at once, as the refresh computes each day. A rerun writes the same figures.
INSERT INTO daily_sessions (shop_id, day, sessions, bounce_sessions, session_seconds, computed_at)
SELECT shop_id, day, count(), countIf(events = 1), sum(seconds), now64(6, 'UTC')
FROM
(
    SELECT shop_id, day, count() AS events, toUInt64(dateDiff('second', min(ts), max(ts))) AS seconds
    FROM events
    WHERE session_id != ''
    GROUP BY shop_id, day, session_id
)
GROUP BY shop_id, day;
