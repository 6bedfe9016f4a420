-- living_environment_pct (ratio; rolled up by _rollup.sql): active
-- individual, group and collective activities held in the living
-- environment ÷ those activities.
SELECT neighbourhood, activity_date AS day, NULL::VARCHAR AS cell,
       coalesce(setting IN ('home', 'public_space', 'commercial', 'community_facility', 'partner_premises'), false)::INTEGER AS num,
       1 AS den
FROM activities
WHERE status = 'active' AND kind IN ('individual', 'group', 'collective')
