-- name: Attach :exec
-- ATTACH takes no parameters: %[1]s is the path as a quoted literal, %[2]s
-- the quoted alias and %[3]s the options (READ_ONLY true or false).
ATTACH %[1]s AS %[2]s (READ_ONLY %[3]s)
