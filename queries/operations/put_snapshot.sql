-- name: PutSnapshot :exec
INSERT OR REPLACE INTO snapshots (month, recipient, path, sha256, created_at)
VALUES ($month, $recipient, $path, $sha256, $created_at);
