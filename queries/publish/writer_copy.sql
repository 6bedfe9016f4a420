-- name: CopyDatabaseToSnapshot :exec
-- Copies every table of the main database (the staged snapshot, read-only)
-- into the database attached as snap: columns, types, constraints, table
-- and column comments, rows in the order they are read. %[1]s is the
-- quoted name of the main database.
COPY FROM DATABASE %[1]s TO snap
