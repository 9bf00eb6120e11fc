-- One customer, whole (customer-profile.analysis.ts adds each final SELECT over these): their
-- orders as they stand now, what each order bought, and the events of every visitor id that ever
-- carried their customer id — their devices, whether signed in at the time or not (a device used
-- before signing in is theirs all the same).
-- Parameters: shop_id, customer.
WITH
their_orders AS (
    SELECT * FROM orders FINAL WHERE shop_id = {shop_id:UInt32} AND customer_id = {customer:String}
),
their_lines AS (
    SELECT order_id, toUInt32(count()) AS lines, toInt64(sum(quantity)) AS units,
           -- (line_no, product, name on the line, quantity, amount), in line order.
           arraySort(x -> x.1, groupArray((line_no, product_id, product_name, toInt64(quantity), toFloat64(amount)))) AS items
    FROM order_items FINAL
    WHERE shop_id = {shop_id:UInt32}
      -- The plain table is enough to find the order ids (and cheaper than a second FINAL read).
      AND order_id IN (SELECT order_id FROM orders WHERE shop_id = {shop_id:UInt32} AND customer_id = {customer:String})
    GROUP BY order_id
),
their_events AS (
    SELECT * FROM events
    WHERE shop_id = {shop_id:UInt32}
      AND visitor_id IN (SELECT DISTINCT visitor_id FROM events WHERE shop_id = {shop_id:UInt32} AND customer_id = {customer:String})
)
