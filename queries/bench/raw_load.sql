-- The yardstick of `proximite bench`: DuckDB's own read_csv loads one export
-- file into a plain table, with no validation, pseudonymization or history.
-- raw_NNN is replaced by raw_<file number> (a counter, never data).
CREATE TABLE raw_NNN AS SELECT * FROM read_csv($path, ignore_errors = true)
