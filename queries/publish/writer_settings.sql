-- name: WriterSettings :exec
-- The snapshot writer's session (pipeline/publish_writer.go): rows are
-- written in the order they are read (one thread, set by the DSN); its
-- compression is snapshot_storage.sql's.
SET preserve_insertion_order = true
