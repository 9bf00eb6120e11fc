-- Price bands: per band, the distinct visitors who viewed any of its products and the products
-- viewed, from the events (with the filters applied). Read inside price-bands.sql.
    SELECT c.price_band AS band, uniqExact(e.visitor_id) AS visitors, groupUniqArray(e.product_id) AS viewed_ids
    FROM {{events AS e}} LEFT JOIN catalogue AS c ON c.product_id = e.product_id
    WHERE e.shop_id = {shop_id:UInt32} AND e.day BETWEEN {from:Date} AND {to:Date}
      AND e.event_name = 'product_view' AND e.product_id != ''
    GROUP BY band
