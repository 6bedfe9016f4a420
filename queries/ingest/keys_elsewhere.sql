-- name: KeysElsewhere :one
-- Whether any version from another file has its first key column within
-- [$least, $greatest], the range of a file's keys: when none has, no
-- earlier version of the file's records exists and the supersede pass has
-- nothing to compare. Versions are stored in the order received, so the
-- row groups' min/max of the key column let DuckDB skip most of the table
-- when keys grow with time (activity and event ids per month).
-- %[1]s is the kind's versions table, %[2]s its first key column.
SELECT EXISTS (
    SELECT 1 FROM %[1]s
    WHERE %[2]s BETWEEN $least AND $greatest AND file_id <> $file_id
);
