-- RawLoad for a file that is not UTF-8: Windows-1252 read as latin-1, DuckDB's
-- nearest built-in encoding.
CREATE TABLE raw_NNN AS SELECT * FROM read_csv($path, ignore_errors = true, encoding = 'latin-1')
