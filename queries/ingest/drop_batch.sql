-- Drops the view of an Arrow batch once its rows are inserted: the stream
-- behind it is released.
DROP VIEW IF EXISTS ingest_batch
