-- name: CodebookColumns :many
-- Every table of the snapshot with its columns and comments.
SELECT t.table_name, coalesce(t.comment, ''), c.column_name, c.data_type, coalesce(c.comment, '')
FROM duckdb_tables() t
JOIN duckdb_columns() c USING (database_name, schema_name, table_name)
WHERE t.database_name = 'snap' AND t.schema_name = 'main'
ORDER BY t.table_name, c.column_index
