-- name: RawRows :one
-- Rows RawLoad stored, over every table of the store.
SELECT coalesce(sum(estimated_size), 0)::BIGINT FROM duckdb_tables()
