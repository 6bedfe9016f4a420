-- Appends the rows of the Arrow batch registered as the temporary view
-- ingest_batch to a table, column by name (columns the batch lacks take
-- their default). %[1]s is the quoted table name, chosen from a fixed list.
INSERT INTO main.%[1]s BY NAME SELECT * FROM ingest_batch
