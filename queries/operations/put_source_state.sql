-- name: PutSourceState :exec
INSERT OR REPLACE INTO source_state (source, etag, last_modified, checked_at, status, error)
VALUES ($source, $etag, $last_modified, $checked_at, $status, $error);
