-- name: InsertFinishedJobRun :exec
-- A run that could not be recorded when it happened (the store was held by
-- another process), recorded once the store is free again.
INSERT INTO job_runs (run_id, job, trigger, started_at, finished_at, status, error, rows, files, detail)
VALUES (nextval('job_run_id_seq'), $job, $trigger, $started_at, $finished_at, $status, $error, 0, 0, NULL);
