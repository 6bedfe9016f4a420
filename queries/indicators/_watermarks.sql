-- name: Watermarks :one
-- The greatest file and load the store holds (0: none): what a computation
-- starting now sees.
SELECT (SELECT coalesce(max(file_id), 0) FROM ingest_manifest)::BIGINT,
       (SELECT coalesce(max(load_id), 0) FROM loads)::BIGINT
