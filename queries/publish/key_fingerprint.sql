-- name: KeyFingerprint :one
-- The fingerprint of the key the store's pseudonyms were made with.
SELECT key_fingerprint FROM store_identity ORDER BY key_fingerprint LIMIT 1
