-- outreach_hours (count of minutes ÷ 60; rolled up by _rollup.sql): the
-- duration of every active activity, in total and per kind.
SELECT neighbourhood, activity_date AS day, kind AS cell, duration_min AS num, NULL::INTEGER AS den
FROM activities
WHERE status = 'active'
