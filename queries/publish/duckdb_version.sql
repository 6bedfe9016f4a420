-- name: DuckDBVersion :one
SELECT version()
