-- name: PutStoreCentre :exec
-- Records the centre when none is recorded yet.
UPDATE store_identity SET centre_id = $centre_id, centre_name = $centre_name
WHERE centre_id IS NULL
