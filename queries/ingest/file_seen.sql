-- name: FileSeen :one
-- A file is known by its bytes: the same content under any name is skipped.
SELECT count(*) > 0 FROM ingest_manifest WHERE sha256 = $sha256;
