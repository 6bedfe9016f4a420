-- The columns of a table of the store and their DuckDB types, in table
-- order: the Arrow schema of an ingest batch is built from them.
SELECT column_name, data_type
FROM duckdb_columns()
WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $table
ORDER BY column_index
