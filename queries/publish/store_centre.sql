-- name: StoreCentre :one
-- The centre recorded for this store (empty strings when none yet).
SELECT coalesce(centre_id, ''), coalesce(centre_name, ''), key_fingerprint
FROM store_identity ORDER BY key_fingerprint LIMIT 1
