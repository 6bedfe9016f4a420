-- name: BulkBegin :exec
-- During an ingest run, let the write-ahead log grow instead of
-- checkpointing at nearly every file commit (the default threshold, 16 MB,
-- made commits three quarters of the load time). Durability is unchanged:
-- a commit is in the WAL, which DuckDB replays after a crash.
SET checkpoint_threshold = '1GB';
