-- The earliest day of an active activity not after the as-of month and
-- before $below (a hint: the day after the last computation's first month
-- ends; 9999-12-31 without one), which _1_months.sql starts the calendar
-- from. The activities are stored about in the order of their days, so the
-- bound lets the scan skip nearly every row group; when it finds none, the
-- caller asks again without it.
SELECT min(activity_date)
FROM activities
WHERE status = 'active' AND activity_date <= last_day($as_of::DATE) AND activity_date < $below::DATE
