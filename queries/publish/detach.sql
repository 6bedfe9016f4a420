-- name: Detach :exec
-- %[1]s is the quoted alias.
DETACH %[1]s
