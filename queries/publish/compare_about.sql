-- name: CompareAbout :many
-- The facts of an attached snapshot. %[1]s is its quoted alias.
SELECT key, value FROM %[1]s.main.about ORDER BY key
