-- name: AbandonJobRuns :exec
UPDATE job_runs
SET status = 'interrupted', error = 'the server stopped during the run', finished_at = $now
WHERE status = 'running';
