-- An audience's facts per customer (audience.analysis.ts adds the RFM scoring as `scored_now` and
-- the final SELECT that keeps the customers matching every condition). Only the CTEs the final
-- SELECT names are computed, so the events are read only when a condition asks about them.
-- Parameters: shop_id, from, to (local dates), tz, activity_events, follow_days.
WITH
-- Known customers: seen signed in (an event carrying their id) or paying on or before {to}, or with
-- an imported record signed up by then (or with no sign-up time).
firsts AS (
    SELECT customer_id,
           min(first_seen_at) AS seen_at,
           min(first_order_at) AS paid_at,
           -- The channel of their first signed-in event, else of their first paid order.
           if(argMinMerge(first_channel) != '', argMinMerge(first_channel), argMinMerge(first_order_channel)) AS first_channel
    FROM customer_first_facts
    WHERE shop_id = {shop_id:UInt32}
    GROUP BY customer_id
),
-- Each record's attributes as imported last (today's, as the funnel's person properties read them).
records AS (
    SELECT customer_id, toString(member_level) AS member_level, toString(region) AS region
    FROM customers FINAL
    WHERE shop_id = {shop_id:UInt32} AND (signed_up_at IS NULL OR toDate(assumeNotNull(signed_up_at), {tz:String}) <= {to:Date})
),
known AS (
    SELECT customer_id FROM firsts
    WHERE (seen_at IS NOT NULL AND toDate(assumeNotNull(seen_at), {tz:String}) <= {to:Date})
       OR (paid_at IS NOT NULL AND toDate(assumeNotNull(paid_at), {tz:String}) <= {to:Date})
    UNION DISTINCT
    SELECT customer_id FROM records
),
-- Orders paid in the range (shop-local day of paid_at), refunded ones included as everywhere.
paid_in_range AS (
    SELECT order_id, customer_id, paid_amount
    FROM {{orders}}
    WHERE shop_id = {shop_id:UInt32} AND customer_id != '' AND paid_at IS NOT NULL AND day <= {to:Date}
      AND toDate(assumeNotNull(paid_at), {tz:String}) BETWEEN {from:Date} AND {to:Date}
),
in_range AS (
    SELECT customer_id, count() AS orders, sum(paid_amount) AS spend_exact
    FROM paid_in_range
    GROUP BY customer_id
),
-- What they did next: orders paid in the {follow_days} days after the range (the follow-up of a
-- campaign sent to the audience on its last day), refunded ones included.
after_range AS (
    SELECT customer_id, count() AS orders, sum(paid_amount) AS spend_exact
    FROM {{orders}}
    WHERE shop_id = {shop_id:UInt32} AND customer_id != '' AND paid_at IS NOT NULL AND day <= {to:Date} + {follow_days:UInt16}
      AND toDate(assumeNotNull(paid_at), {tz:String}) BETWEEN {to:Date} + 1 AND {to:Date} + {follow_days:UInt16}
    GROUP BY customer_id
),
catalogue AS (
    SELECT product_id, toString(category) AS category FROM products FINAL WHERE shop_id = {shop_id:UInt32}
),
-- What they bought in the range: the products on those orders' lines and their categories (the
-- catalogue's, else the one the line carries — as the categories analysis groups them).
bought AS (
    SELECT p.customer_id AS customer_id,
           groupUniqArray(i.product_id) AS products,
           groupUniqArray(if(c.category != '', c.category, toString(i.category))) AS categories
    FROM {{order_items AS i}}
    INNER JOIN paid_in_range AS p ON p.order_id = i.order_id
    LEFT JOIN catalogue AS c ON c.product_id = i.product_id
    WHERE i.shop_id = {shop_id:UInt32} AND i.day <= {to:Date}
    GROUP BY customer_id
),
-- Each visitor who ever signed in, as the customer they first signed in as (the funnels' rule), so a
-- cart filled before signing in counts for the customer.
identities AS (
    -- (Named apart from customer_id, which the WHERE reads as the column.)
    SELECT visitor_id, argMin(customer_id, ts) AS first_customer
    FROM {{events}}
    WHERE shop_id = {shop_id:UInt32} AND customer_id != '' AND day <= {to:Date}
      -- Only the visitors active in the range matter: the others' first customer is never asked.
      AND visitor_id IN (
          SELECT visitor_id FROM {{events}}
          WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} AND {to:Date} AND event_name IN {activity_events:Array(String)}
      )
    GROUP BY visitor_id
),
-- Their product views and cart adds in the range, from any of their visitors' events; only the
-- event names the conditions ask about ({activity_events}) are read — views are most of a shop's events.
activity AS (
    SELECT i.first_customer AS customer_id,
           countIf(e.event_name = 'add_to_cart') AS cart_adds,
           groupUniqArrayIf(e.product_id, e.event_name = 'product_view') AS viewed,
           groupUniqArrayIf(e.product_id, e.event_name = 'add_to_cart') AS carted
    FROM {{events AS e}}
    INNER JOIN identities AS i ON i.visitor_id = e.visitor_id
    WHERE e.shop_id = {shop_id:UInt32} AND e.day BETWEEN {from:Date} AND {to:Date}
      AND e.event_name IN {activity_events:Array(String)}
    GROUP BY customer_id
)
