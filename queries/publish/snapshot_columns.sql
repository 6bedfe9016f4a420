-- name: SnapshotColumns :many
-- The columns of a table of the store, in order, with their comments.
SELECT column_name, data_type, coalesce(comment, '')
FROM duckdb_columns()
WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $table
ORDER BY column_index
