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
// DuckDB's read_csv (the yardstick ingest is measured against), as UTF-8 or
// else as latin-1.
func (q *Queries) RawLoadCSV(ctx context.Context, n int, path string) error {
	table := fmt.Sprintf("raw_%d", n)
	// The table name is a counter; the path is a bound parameter.
	_, err := q.db.ExecContext(ctx, strings.Replace(benchSQL("raw_load"), "raw_NNN", table, 1), sql.Named("path", path))
	if err == nil {
		return nil
	}
	_, err = q.db.ExecContext(ctx, strings.Replace(benchSQL("raw_load_latin1"), "raw_NNN", table, 1), sql.Named("path", path))
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
