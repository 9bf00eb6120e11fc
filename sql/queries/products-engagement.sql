-- Products: views, visitors, cart adds and cart-adding visitors per product over a range of
-- shop-local days, from the events (with the filters applied). Read inside products.sql.
    SELECT product_id,
           countIf(event_name = 'product_view') AS views,
           uniqExactIf(visitor_id, event_name = 'product_view') AS visitors,
           countIf(event_name = 'add_to_cart') AS cart_adds,
           uniqExactIf(visitor_id, event_name = 'add_to_cart') AS cart_visitors
    FROM {{events}}
    WHERE shop_id = {shop_id:UInt32} AND day BETWEEN {from:Date} AND {to:Date} AND product_id != ''
    GROUP BY product_id
