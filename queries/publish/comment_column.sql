-- name: CommentColumn :exec
-- %[1]s is the quoted table, %[2]s the quoted column, %[3]s the quoted comment.
COMMENT ON COLUMN snap.main.%[1]s.%[2]s IS %[3]s
