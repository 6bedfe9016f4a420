-- name: LastSuccess :one
SELECT max(started_at) FROM job_runs WHERE job = $job AND status IN ('ok', 'warning');
