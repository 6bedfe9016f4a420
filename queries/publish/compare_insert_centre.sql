-- name: CompareInsertCentre :exec
INSERT INTO cmp.main.centres VALUES ($centre_id, $centre_name, $as_of, $key_fingerprint, $program_version, $snapshot)
