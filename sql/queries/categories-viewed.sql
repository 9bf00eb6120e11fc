-- Categories: per category (the catalogue's, else the event's), product views, the distinct
-- visitors who viewed and who carted any of its products, and the products viewed, from the events
-- (with the filters applied). Read inside categories.sql.
    SELECT if(c.category != '', c.category, toString(e.category)) AS cat,
           countIf(e.event_name = 'product_view') AS views,
           uniqExactIf(e.visitor_no, e.event_name = 'product_view') AS visitors,
           uniqExactIf(e.visitor_no, e.event_name = 'add_to_cart') AS cart_visitors,
           groupUniqArrayIf(e.product_id, e.event_name = 'product_view') AS viewed_ids
    FROM {{events AS e}} LEFT JOIN catalogue AS c ON c.product_id = e.product_id
    WHERE e.shop_id = {shop_id:UInt32} AND e.day BETWEEN {from:Date} AND {to:Date}
      AND e.event_name IN ('product_view', 'add_to_cart') AND e.product_id != ''
    GROUP BY cat
