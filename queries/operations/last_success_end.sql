-- name: LastSuccessEnd :one
SELECT max(finished_at) FROM job_runs WHERE job = $job AND status IN ('ok', 'warning');
