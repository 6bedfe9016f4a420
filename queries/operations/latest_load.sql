-- name: LatestLoad :one
-- When the latest ingest that loaded at least one row finished.
SELECT max(l.finished_at)
FROM loads l
WHERE l.finished_at IS NOT NULL
  AND EXISTS (SELECT 1 FROM ingest_manifest m WHERE m.load_id = l.load_id AND m.rows_loaded > 0);
