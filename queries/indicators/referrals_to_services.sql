-- referrals_to_services (count; rolled up by _rollup.sql): active activities
-- with a referral_to, in total and per service.
SELECT neighbourhood, activity_date AS day, referral_to AS cell, 1 AS num, NULL::INTEGER AS den
FROM activities
WHERE status = 'active' AND referral_to IS NOT NULL
