-- group_attendance (count; rolled up by _rollup.sql): the participants
-- (named or not) of active group activities.
SELECT neighbourhood, activity_date AS day, NULL::VARCHAR AS cell, coalesce(participants, 0) AS num, NULL::INTEGER AS den
FROM activities
WHERE status = 'active' AND kind = 'group'
