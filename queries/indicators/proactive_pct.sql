-- proactive_pct (ratio; rolled up by _rollup.sql): active individual
-- activities initiated by the worker or a neighbour ÷ active individual
-- activities.
SELECT neighbourhood, activity_date AS day, NULL::VARCHAR AS cell,
       coalesce(initiated_by IN ('worker', 'neighbour'), false)::INTEGER AS num, 1 AS den
FROM activities
WHERE status = 'active' AND kind = 'individual'
