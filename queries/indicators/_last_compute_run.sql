-- name: LastComputeRun :one
-- What the last committed computation covered.
SELECT run_id, mode, reason, file_watermark, load_watermark, as_of, first_month,
       options_hash, reference_hash, program_hash, dirty_months, computed_at
FROM compute_runs
ORDER BY run_id DESC
LIMIT 1
