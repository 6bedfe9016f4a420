-- name: IngestedRows :one
-- Rows ingest read, over every file of every load.
SELECT coalesce(sum(rows_read), 0)::BIGINT FROM ingest_manifest
