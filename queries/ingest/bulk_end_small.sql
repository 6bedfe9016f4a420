-- name: BulkEndSmall :exec
-- After a small run (a month of new exports): back to the default
-- threshold only. The run's WAL (14 MB for a 115 k-row month) is then
-- folded into the file by DuckDB itself, at the checkpoint it makes when
-- the store is closed, or at the next commit once the WAL passes the
-- threshold; a crash before that replays it. Measured at scale 10 with the
-- 115 k-row month of November 2026 (2026-12-04, 2-core machine at load 4):
-- ingest 1.9 s CPU (1.7-2.4, 5 runs) against 2.7 s (1.6-2.9) with the FORCE
-- CHECKPOINT of bulk_end.sql, and no more for the compute that follows
-- (8.7 s CPU, median of the same runs, either way).
RESET checkpoint_threshold;
RESET disabled_compression_methods;
