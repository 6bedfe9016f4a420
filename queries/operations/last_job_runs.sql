-- name: LastJobRuns :many
SELECT run_id, job, trigger, started_at, finished_at, status, coalesce(error, ''),
       rows, files, coalesce(detail, '')
FROM job_runs
ORDER BY started_at DESC, run_id DESC
LIMIT $limit;
