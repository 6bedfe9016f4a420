package main

import (
	"context"
	"path/filepath"
	"sort"

	"proximite/queries"
)

// rawCSVLoad is the yardstick of `proximite bench`: DuckDB's own read_csv
// loading every export file of dir into one plain table per kind, with no
// validation, pseudonymization or history. Windows-1252 files are read as
// latin-1 (DuckDB's nearest built-in encoding).
func rawCSVLoad(ctx context.Context, dbPath, dir string) error {
	db, err := queries.Open(ctx, dbPath, queries.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	files, err := filepath.Glob(filepath.Join(dir, "*.csv"))
	if err != nil {
		return err
	}
	sort.Strings(files)
	// The same checkpoint setting as ingest, so the comparison is fair.
	q := queries.New(db)
	if err := q.BulkBegin(ctx); err != nil {
		return err
	}
	for i, f := range files {
		if err := q.RawLoadCSV(ctx, i, f); err != nil {
			return err
		}
	}
	return q.BulkEnd(ctx)
}
