-- group_sessions (count; rolled up by _rollup.sql): active group activities,
-- in total and per group_format.
SELECT neighbourhood, activity_date AS day, group_format AS cell, 1 AS num, NULL::INTEGER AS den
FROM activities
WHERE status = 'active' AND kind = 'group'
