-- name: InsertManifest :exec
INSERT INTO ingest_manifest (file_id, load_id, file_name, sha256, kind, encoding, delimiter,
    rows_read, rows_loaded, rows_rejected, values_warned, status, reason, started_at, finished_at)
VALUES ($file_id, $load_id, $file_name, $sha256, $kind, $encoding, $delimiter,
    $rows_read, $rows_loaded, $rows_rejected, $values_warned, $status, $reason, $started_at, $finished_at);
