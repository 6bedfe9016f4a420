-- dq_days_since_activity (latest; rolled up by _latest.sql): the date of
-- every active activity.
SELECT neighbourhood, activity_date AS day
FROM activities
WHERE status = 'active'
