-- name: DataRange :one
-- First and last month with an active activity or crisis event.
SELECT date_trunc('month', least(
           (SELECT min(activity_date) FROM activities WHERE status = 'active'),
           (SELECT min(event_date) FROM crisis_events WHERE status = 'active')))::DATE,
       date_trunc('month', greatest(
           (SELECT max(activity_date) FROM activities WHERE status = 'active'),
           (SELECT max(event_date) FROM crisis_events WHERE status = 'active')))::DATE
