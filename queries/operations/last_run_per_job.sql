-- name: LastRunPerJob :many
-- The latest run of each job, and the latest run of each job that did not end ok.
SELECT run_id, job, trigger, started_at, finished_at, status, coalesce(error, ''),
       rows, files, coalesce(detail, '')
FROM job_runs
WHERE $failures_only = false OR status NOT IN ('ok', 'running')
QUALIFY row_number() OVER (PARTITION BY job ORDER BY started_at DESC, run_id DESC) = 1
ORDER BY job;
