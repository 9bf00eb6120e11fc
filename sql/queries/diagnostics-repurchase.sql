-- Diagnostics: 30-day repurchase of monthly first-purchase cohorts — the `cohort` section of
-- repurchase.sql for the 30-day window, without that query's other sections. Known customers
-- only. A customer's cohort is the month of the local day of their first paid order; eligible =
-- that day + 30 <= the shop's last payment day (the window is wholly observed); repurchased =
-- eligible with a second paid order on a local day at most 30 days after the first. Paid orders
-- in time order have non-decreasing local days, so "the second order is within 30 days" is "at
-- least two paid orders fall on days up to first day + 30" — no per-customer sort needed.
-- Parameters: shop_id, from, to (local dates, inclusive: the cohorts' first-purchase days), tz.
SELECT toString(toStartOfMonth(first_day)) AS cohort,
       count() AS customers,
       countIf(first_day + 30 <= data_end) AS eligible,
       countIf(first_day + 30 <= data_end AND arrayCount(d -> d <= first_day + 30, days) >= 2) AS repurchased
FROM (
    -- The shop's last payment day over every customer (a window over the grouped rows: one read of
    -- the orders instead of a second one for the maximum).
    SELECT first_day, days, max(last_day) OVER () AS data_end
    FROM (
        SELECT customer_id, min(paid_day) AS first_day, max(paid_day) AS last_day, groupArray(paid_day) AS days
        FROM (
            SELECT customer_id, toDate(assumeNotNull(paid_at), {tz:String}) AS paid_day
            FROM {{orders}}
            WHERE shop_id = {shop_id:UInt32} AND customer_id != '' AND paid_at IS NOT NULL
        )
        GROUP BY customer_id
    )
)
WHERE first_day BETWEEN {from:Date} AND {to:Date}
GROUP BY cohort
ORDER BY cohort
