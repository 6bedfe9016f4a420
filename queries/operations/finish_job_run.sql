-- name: FinishJobRun :exec
UPDATE job_runs
SET finished_at = $finished_at, status = $status, error = $error,
    rows = $rows, files = $files, detail = $detail
WHERE run_id = $run_id;
