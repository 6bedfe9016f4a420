-- dq_days_since_crisis_event (latest; rolled up by _latest.sql): the date of
-- every active crisis event.
SELECT neighbourhood, event_date AS day
FROM crisis_events
WHERE status = 'active'
