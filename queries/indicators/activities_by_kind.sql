-- activities_by_kind (count; rolled up by _rollup.sql): every active
-- activity, in total and per kind.
SELECT neighbourhood, activity_date AS day, kind AS cell, 1 AS num, NULL::INTEGER AS den
FROM activities
WHERE status = 'active'
