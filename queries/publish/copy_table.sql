-- name: CopyTable :exec
-- Copies a table into the snapshot in a total order (ORDER BY ALL): the
-- rows come in the same order whatever order the store holds them in, and
-- a re-keyed snapshot's order follows its re-keyed identifiers. %[1]s is the
-- quoted table name, %[2]s the select list built from the catalogue.
CREATE TABLE snap.main.%[1]s AS SELECT %[2]s FROM main.%[1]s ORDER BY ALL
