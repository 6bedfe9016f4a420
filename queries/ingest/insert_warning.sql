-- name: InsertWarning :exec
INSERT INTO ingest_warnings (file_id, column_name, values_read_as_empty)
VALUES ($file_id, $column_name, $values_read_as_empty);
