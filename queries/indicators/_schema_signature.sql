-- name: SchemaSignature :one
-- The migrations applied to the store, in order.
SELECT coalesce(string_agg(version || ':' || name, ',' ORDER BY version), '') FROM schema_migrations
