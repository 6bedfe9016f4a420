-- crisis_events (count; rolled up by _rollup.sql): active crisis events of
-- residents, in total and per service.
SELECT neighbourhood, event_date AS day, service AS cell, 1 AS num, NULL::INTEGER AS den
FROM crisis_events
WHERE status = 'active'
