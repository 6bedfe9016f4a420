-- name: BulkEnd :exec
-- After a run of at least a million rows (pipeline.forceCheckpointRows;
-- a smaller one ends with bulk_end_small.sql): back to the default
-- threshold, and fold the WAL into the database file once. FORCE: measured
-- at 10 M activities, a plain CHECKPOINT left more of the run's partly
-- filled row groups for the next writer (compute) to merge at its first
-- checkpoint (5 s there instead of 3 s, and a 28 MB larger file). FORCE
-- aborts other transactions, and there are none: the ingest process holds
-- the store alone.
RESET checkpoint_threshold;
FORCE CHECKPOINT;
-- After the checkpoint, which then compresses the run's last rows as the
-- run did.
RESET disabled_compression_methods;
