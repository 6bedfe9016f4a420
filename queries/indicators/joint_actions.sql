-- joint_actions (count; rolled up by _rollup.sql): active organizational and
-- collective activities with a partner_id.
SELECT neighbourhood, activity_date AS day, NULL::VARCHAR AS cell, 1 AS num, NULL::INTEGER AS den
FROM activities
WHERE status = 'active' AND kind IN ('organizational', 'collective') AND partner_id IS NOT NULL
