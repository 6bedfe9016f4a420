-- referrals_from_partners (count; rolled up by _rollup.sql): active
-- individual activities initiated by a partner.
SELECT neighbourhood, activity_date AS day, NULL::VARCHAR AS cell, 1 AS num, NULL::INTEGER AS den
FROM activities
WHERE status = 'active' AND kind = 'individual' AND initiated_by = 'partner'
