-- name: CommentTable :exec
-- COMMENT takes no parameters: %[1]s is the quoted table, %[2]s the quoted comment.
COMMENT ON TABLE snap.main.%[1]s IS %[2]s
