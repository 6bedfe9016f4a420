-- name: TableComment :one
SELECT coalesce(comment, '') FROM (
    SELECT database_name, schema_name, table_name, comment FROM duckdb_tables()
    UNION ALL
    SELECT database_name, schema_name, view_name, comment FROM duckdb_views()
)
WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $table
