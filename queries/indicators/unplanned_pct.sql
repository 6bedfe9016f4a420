-- unplanned_pct (ratio; rolled up by _rollup.sql): active individual
-- activities with planned = N ÷ active individual activities.
SELECT neighbourhood, activity_date AS day, NULL::VARCHAR AS cell,
       coalesce(NOT planned, false)::INTEGER AS num, 1 AS den
FROM activities
WHERE status = 'active' AND kind = 'individual'
