package queries

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// benchSQL returns the text of queries/bench/<name>.sql.
func benchSQL(name string) string { return mustSQL("bench", name) }

// RawLoadCSV loads the CSV file at path into a new plain table raw_<n> with
// DuckDB's read_csv (the yardstick ingest is measured against): as latin-1
// when the caller found the file is not UTF-8 (DuckDB's nearest built-in
// encoding to Windows-1252), else as UTF-8. The caller decides, because
// read_csv with ignore_errors drops the lines it cannot decode as UTF-8
// instead of failing.
func (q *Queries) RawLoadCSV(ctx context.Context, n int, path string, latin1 bool) error {
	name := "raw_load"
	if latin1 {
		name = "raw_load_latin1"
	}
	// The table name is a counter; the path is a bound parameter.
	table := fmt.Sprintf("raw_%d", n)
	_, err := q.db.ExecContext(ctx, strings.ReplaceAll(benchSQL(name), "raw_NNN", table), sql.Named("path", path))
	if err != nil && latin1 {
		// DuckDB's latin-1 refuses the bytes 0x80-0x9F that Windows-1252
		// uses (€, ’, œ) and files that mix encodings: read as UTF-8, where
		// ignore_errors drops the lines it cannot decode.
		_, err = q.db.ExecContext(ctx, strings.ReplaceAll(benchSQL("raw_load"), "raw_NNN", table), sql.Named("path", path))
	}
	if err != nil {
		return fmt.Errorf("raw load %s: %w", path, err)
	}
	return nil
}

// RawRows returns the rows RawLoadCSV stored in the store.
func (q *Queries) RawRows(ctx context.Context) (int64, error) {
	return q.benchCount(ctx, "raw_rows")
}

// IngestedRows returns the rows ingest read, over every load.
func (q *Queries) IngestedRows(ctx context.Context) (int64, error) {
	return q.benchCount(ctx, "ingested_rows")
}

func (q *Queries) benchCount(ctx context.Context, name string) (int64, error) {
	var n int64
	if err := q.db.QueryRowContext(ctx, benchSQL(name)).Scan(&n); err != nil {
		return 0, fmt.Errorf("bench %s: %w", name, err)
	}
	return n, nil
}
