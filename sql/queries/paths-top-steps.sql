-- In-store paths, first pass: the period's steps with the most events (at most {top}), which the
-- paths name; the rest are folded into '(other)' (paths-sessions.sql). A step is an event's name,
-- a page_view's with its `page` property (page_view:home) when it has one. Ranked by events, not
-- sessions: counting each step's distinct sessions cost 0.7-0.9 s over 30 days of the largest
-- bench shop, counting events ~0.16 s, and the two rank the same steps first there.
-- Parameters: shop_id, from, to (local dates, inclusive), top. Filters apply through {{events}}.
SELECT if(event_name = 'page_view' AND properties['page'] != '', concat('page_view:', properties['page']), toString(event_name)) AS step,
       count() AS events
FROM {{events}}
WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} AND {to:Date} AND session_id != ''
GROUP BY step
ORDER BY events DESC, step
LIMIT {top:UInt16}
