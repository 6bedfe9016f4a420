package main

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"proximite/queries"
)

// rawCSVLoad is the yardstick of `proximite bench`: DuckDB's own read_csv
// loading every export file of dir into one plain table per file, with no
// validation, pseudonymization or history. The files named in latin1 (base
// names; Windows-1252) are read as latin-1, DuckDB's nearest built-in
// encoding.
func rawCSVLoad(ctx context.Context, dbPath, dir string, latin1 map[string]bool) error {
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
		if err := q.RawLoadCSV(ctx, i, f, latin1[filepath.Base(f)]); err != nil {
			return err
		}
	}
	return q.BulkEnd(ctx)
}

// latin1Files lists, comma-separated, the base names of dir's CSV files
// that are not valid UTF-8. The bench finds them once, before any timed
// run, so the yardstick's time holds no encoding scan of its own.
func latin1Files(dir string) (string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.csv"))
	if err != nil {
		return "", err
	}
	sort.Strings(files)
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		if !utf8.Valid(b) {
			out = append(out, filepath.Base(f))
		}
	}
	return strings.Join(out, ","), nil
}

// nameSet reads a comma-separated list of names.
func nameSet(list string) map[string]bool {
	set := map[string]bool{}
	for _, n := range strings.Split(list, ",") {
		if n != "" {
			set[n] = true
		}
	}
	return set
}
