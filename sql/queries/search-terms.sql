-- In-shop search terms: what visitors searched for in the shop and what they did next. A term is
-- a search event's search_term, trimmed and in lower case ("Green Tea " and "green tea" are one
-- term). "After searching" means later in the same session (the overview's: one session id on
-- one local day) than the session's first search for that term — at the same instant counts —, so
-- a visitor who searched "teapot" and then bought counts for "teapot" and not for a term they
-- searched only after paying.
--
-- Per term: searches (events), searchers (distinct visitors), and the searchers who went on to
-- view a product, add to cart or pay. Each session's latest product view, cart add and payment
-- time is compared with its first search of the term: the session did that after searching when
-- the latest one is at or after it. The first row (term = '', is_total = 1) holds the same
-- figures over every term, each visitor once, and how many terms there were.
-- Parameters: shop_id, from, to (local dates, inclusive), sort, limit, listed_only (Bool), terms (Array(String)). Filters apply through {{events}}.
SELECT if(grouping(s.term) = 1, '', s.term) AS term,
       grouping(s.term) AS is_total,
       sum(s.searches) AS searches,
       uniqExact(s.visitor_id) AS searchers,
       uniqExactIf(s.visitor_id, a.last_view >= s.first_at) AS viewed_after,
       uniqExactIf(s.visitor_id, a.last_cart >= s.first_at) AS carted_after,
       uniqExactIf(s.visitor_id, a.last_paid >= s.first_at) AS paid_after,
       uniqExact(s.term) AS terms
FROM (
    SELECT day, cityHash64(session_id) AS sid, visitor_id, lower(trimBoth(search_term)) AS term, min(ts) AS first_at, count() AS searches
    FROM {{events}}
    WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} AND {to:Date}
      AND event_name = 'search' AND trimBoth(search_term) != '' AND session_id != ''
    GROUP BY day, sid, visitor_id, term
) AS s
LEFT JOIN (
    SELECT day, cityHash64(session_id) AS sid,
           maxIf(ts, event_name = 'product_view') AS last_view,
           maxIf(ts, event_name = 'add_to_cart') AS last_cart,
           maxIf(ts, event_name = 'order_paid') AS last_paid
    FROM {{events}}
    WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} AND {to:Date}
      AND event_name IN ('product_view', 'add_to_cart', 'order_paid') AND session_id != ''
    GROUP BY day, sid
) AS a ON a.day = s.day AND a.sid = s.sid
GROUP BY GROUPING SETS ((s.term), ())
-- With listed_only, only the listed terms (a comparison period asked for the current period's
-- rows); the totals still count every term.
HAVING grouping(s.term) = 1 OR NOT {listed_only:Bool} OR has({terms:Array(String)}, s.term)
-- Ranked by the chosen figure ({sort}: searches, searchers, paid_after or search_conversion =
-- paid_after / searchers), ties by searches, then term.
ORDER BY is_total DESC,
         multiIf({sort:String} = 'searchers', toFloat64(searchers),
                 {sort:String} = 'paid_after', toFloat64(paid_after),
                 {sort:String} = 'search_conversion', paid_after / searchers,
                 toFloat64(searches)) DESC,
         searches DESC, term
LIMIT {limit:UInt32} + 1
SETTINGS join_use_nulls = 0
