-- dq_new_to_services_known_pct (ratio; rolled up by _rollup.sql): active
-- individual activities with new_to_services known ÷ active individual
-- activities.
SELECT neighbourhood, activity_date AS day, NULL::VARCHAR AS cell,
       (new_to_services IS NOT NULL)::INTEGER AS num, 1 AS den
FROM activities
WHERE status = 'active' AND kind = 'individual'
