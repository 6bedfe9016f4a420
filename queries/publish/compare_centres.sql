-- name: CompareCentres :many
-- The centres compared, in centre id order.
SELECT centre_id, centre_name, as_of, key_fingerprint, program_version, snapshot
FROM cmp.main.centres
ORDER BY centre_id
