-- collective_events (count; rolled up by _rollup.sql): every active
-- collective activity, once as an event (the total) and once with its
-- participants (measure=participants; the catalogue says the total is its
-- own, not the sum of the cells).
SELECT neighbourhood, activity_date AS day, NULL::VARCHAR AS cell, 1 AS num, NULL::INTEGER AS den
FROM activities
WHERE status = 'active' AND kind = 'collective'
UNION ALL
SELECT neighbourhood, activity_date, 'participants', coalesce(participants, 0), NULL
FROM activities
WHERE status = 'active' AND kind = 'collective'
