-- dq_lives_alone_known_pct (ratio; rolled up by _rollup.sql): active
-- individual activities with lives_alone known ÷ active individual activities.
SELECT neighbourhood, activity_date AS day, NULL::VARCHAR AS cell,
       (lives_alone IS NOT NULL)::INTEGER AS num, 1 AS den
FROM activities
WHERE status = 'active' AND kind = 'individual'
