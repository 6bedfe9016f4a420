-- name: PutKeyFingerprint :exec
-- Records the key fingerprint on the first ingest (the table is empty then).
INSERT INTO store_identity (key_fingerprint) SELECT $fingerprint
WHERE NOT EXISTS (SELECT 1 FROM store_identity)
