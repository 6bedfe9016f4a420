-- name: InsertComputeRun :exec
-- Records what this computation covered (in its transaction: a cancelled
-- computation leaves the last one's row as the latest).
INSERT INTO compute_runs
SELECT coalesce(max(run_id), 0) + 1, $mode, $reason, $file_watermark, $load_watermark, $as_of::DATE,
       $first_month::DATE, $options_hash, $reference_hash, $program_hash, $dirty_months, $computed_at::TIMESTAMPTZ
FROM compute_runs
