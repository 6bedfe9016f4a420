-- name: BulkEnd :exec
-- After the run: back to the default threshold, and fold the WAL into the
-- database file once.
RESET checkpoint_threshold;
CHECKPOINT;
