package queries

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
)

func TestOpenMigratesAndComments(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "p.duckdb"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var missing int
	err = db.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_columns()
		WHERE schema_name = 'main' AND internal = false AND (comment IS NULL OR comment = '')
		AND table_name <> 'schema_migrations'`).Scan(&missing)
	if err != nil {
		t.Fatal(err)
	}
	if missing != 0 {
		t.Errorf("%d columns without COMMENT ON; researchers read this schema", missing)
	}
	var tables int
	db.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_tables() WHERE comment IS NULL OR comment = ''`).Scan(&tables)
	if tables != 0 {
		t.Errorf("%d tables without COMMENT ON", tables)
	}
}

func TestOpenTwiceIsIdempotent(t *testing.T) {
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "p.duckdb")
	for i := 0; i < 2; i++ {
		db, err := Open(ctx, p, Options{})
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		db.Close()
	}
}

func TestNoExtensionAutoinstall(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, ":memory:", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v string
	if err := db.QueryRowContext(ctx, `SELECT current_setting('autoinstall_known_extensions')::VARCHAR`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	if v != "false" {
		t.Errorf("autoinstall_known_extensions = %s, want false", v)
	}
	if err := db.QueryRowContext(ctx, `SELECT current_setting('TimeZone')`).Scan(&v); err != nil || v != "America/Montreal" {
		t.Errorf("TimeZone = %q (%v), want America/Montreal", v, err)
	}
}

func TestIsBusy(t *testing.T) {
	if !IsBusy(classifyOpenError("x", errors.New(`IO Error: Could not set lock on file "x": Conflicting lock is held`))) {
		t.Error("lock conflict not classified as busy")
	}
}
