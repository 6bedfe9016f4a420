-- The workers of clinical_support_hours_per_worker: the worker_id of every
-- active activity, kept per neighbourhood and month in
-- compute_month_distinct (see _month_distinct.sql) under that indicator.
SELECT neighbourhood, activity_date AS day, worker_id AS x
FROM activities
WHERE status = 'active'
