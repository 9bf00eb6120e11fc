-- In-store paths: the sessions of a period, grouped by the path they took. A session is the
-- overview's (one session id's events on one local day, grouped by a hash of the id, as in
-- overview-sessions.sql), so the sessions counted here are the overview's sessions.
--
-- A session's steps are its events in time order, each named as in paths-top-steps.sql; steps
-- not among {steps} (the named ones, sorted by name, at most 30) are '(other)'. Steps travel as
-- numbers — 0 for '(other)', i for the i-th of {steps} — so events at one instant go in the order
-- of their step names ('(other)' first, as '(' sorts before letters). Repeats in a row are one
-- step (three product views in a row are one product_view step), so a path says where the
-- visitor went, not how many pages of a kind they saw.
--
-- Cost (30 days of the largest bench shop, 4.6M events, 1.57M sessions): sorting (time, step)
-- pairs and removing repeats with lambdas took ~1.0 s; one number per event (ms × 256 + step),
-- sorted as numbers, arrayCompact for the repeats and the steps visited as a bit mask
-- (groupBitOr) take ~0.57 s, of which grouping the events by session is ~0.13 s.
--
-- With {start} (a step's number; 0 for none) a path begins at the session's first event of that
-- step, sessions without one left out, and "paid" means an order_paid at or after it: what
-- sessions did after adding to cart, say.
--
-- One row per distinct (first {depth} steps, whether the path goes on, last step, steps visited
-- as bits, a one-event session, a paying session) with its sessions;
-- server/src/analyses/paths.analysis.ts derives entries, exits and flows from them.
-- Parameters: shop_id, from, to (local dates, inclusive), steps, start, depth. Filters apply
-- through {{events}} (sql/src/row-filters.ts).
SELECT head, continues, last_step, visited, bounce, paid, count() AS sessions
FROM (
    SELECT arrayCompact(arrayMap(k -> toUInt8(k % 256), arraySort(groupArray(ms * 256 + code)))) AS whole,
           indexOf(whole, {start:UInt8}) AS at,
           if({start:UInt8} = 0, whole, arraySlice(whole, at)) AS path,
           arraySlice(path, 1, {depth:UInt8}) AS head,
           length(path) > {depth:UInt8} AS continues,
           path[-1] AS last_step,
           if({start:UInt8} = 0,
              groupBitOr(bitShiftLeft(toUInt64(1), code)),
              arrayReduce('groupBitOr', arrayMap(c -> bitShiftLeft(toUInt64(1), c), path))) AS visited,
           count() = 1 AS bounce,
           countIf(event_name = 'order_paid') > 0
               AND ({start:UInt8} = 0 OR maxIf(ms, event_name = 'order_paid') >= minIf(ms, code = {start:UInt8})) AS paid
    FROM (
        SELECT day, session_id, event_name, toUInt64(toUnixTimestamp64Milli(ts)) AS ms,
               toUInt8(indexOf({steps:Array(String)},
                   if(event_name = 'page_view' AND properties['page'] != '', concat('page_view:', properties['page']), toString(event_name)))) AS code
        FROM {{events}}
        WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} AND {to:Date} AND session_id != ''
    )
    GROUP BY day, cityHash64(session_id)
    HAVING {start:UInt8} = 0 OR at > 0
)
GROUP BY head, continues, last_step, visited, bounce, paid
