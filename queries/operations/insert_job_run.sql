-- name: InsertJobRun :one
INSERT INTO job_runs (run_id, job, trigger, started_at, status)
VALUES (nextval('job_run_id_seq'), $job, $trigger, $started_at, 'running')
RETURNING run_id;
