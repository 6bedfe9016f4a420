-- The calendar: every month from the first month with any active record
-- (not after the as-of month) to the as-of month; the last
-- $provisional_months months are provisional. $first_activity is the
-- earliest active activity's day (_first_activity.sql; NULL: none).
INSERT INTO months
WITH first AS (
    SELECT date_trunc('month', least(
        coalesce($first_activity::DATE, $as_of::DATE),
        coalesce((SELECT min(event_date) FROM crisis_events
                  WHERE status = 'active' AND event_date <= last_day($as_of::DATE)), $as_of::DATE)
    ))::DATE AS first_month
),
cal AS (
    SELECT r.m::DATE AS month_start
    FROM first, range(first.first_month::TIMESTAMP, $as_of::DATE::TIMESTAMP + INTERVAL 1 MONTH, INTERVAL 1 MONTH) r(m)
)
SELECT month_start,
       last_day(month_start) AS month_end,
       day(last_day(month_start)) AS days,
       date_diff('month', month_start, $as_of::DATE) < $provisional_months AS provisional
FROM cal
ORDER BY month_start
