-- Diagnostics: 30-day repurchase of monthly first-purchase cohorts — the `cohort` section of
-- repurchase.sql for the 30-day window, without that query's other sections. Known customers
-- only. A customer's cohort is the month of the local day of their first paid order; eligible =
-- that day + 30 <= the shop's last payment day (the window is wholly observed); repurchased =
-- eligible with a second paid order on a local day at most 30 days after the first. Paid orders
-- in time order have non-decreasing local days, so "the second order is within 30 days" is "at
-- least two paid orders fall on days up to first day + 30" — no per-customer sort needed.
-- Parameters: shop_id, from, to (local dates, inclusive: the cohorts' first-purchase days), tz.
WITH
paid AS (
    SELECT customer_id, toDate(assumeNotNull(paid_at), {tz:String}) AS paid_day
    FROM {{orders}}
    WHERE shop_id = {shop_id:UInt32} AND customer_id != '' AND paid_at IS NOT NULL
),
data_end AS (SELECT max(paid_day) AS d FROM paid)
SELECT toString(toStartOfMonth(first_day)) AS cohort,
       count() AS customers,
       countIf(first_day + 30 <= (SELECT d FROM data_end)) AS eligible,
       countIf(first_day + 30 <= (SELECT d FROM data_end) AND arrayCount(d -> d <= first_day + 30, days) >= 2) AS repurchased
FROM (
    SELECT customer_id, min(paid_day) AS first_day, groupArray(paid_day) AS days
    FROM paid
    GROUP BY customer_id
)
WHERE first_day BETWEEN {from:Date} AND {to:Date}
GROUP BY cohort
ORDER BY cohort
