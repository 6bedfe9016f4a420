-- name: ParquetTable :many
-- A snapshot table for its Parquet file, in a total order. %[1]s is the
-- select list (quoted column names), %[2]s the quoted table.
SELECT %[1]s FROM %[2]s ORDER BY ALL
