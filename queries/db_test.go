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

// TestMemoryLimitIsPutBack checks that LimitMemory changes the database's
// memory limit, and that RestoreMemoryLimit
// puts back the one the store was opened with, DuckDB's default included.
// The expected values are read from stores opened with each limit, so the
// test does not depend on how DuckDB prints a size.
func TestMemoryLimitIsPutBack(t *testing.T) {
	ctx := context.Background()
	limitOf := func(t *testing.T, db *DB) string {
		t.Helper()
		var v string
		if err := db.QueryRowContext(ctx, "SELECT current_setting('memory_limit')").Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	openWith := func(t *testing.T, limit string) *DB {
		t.Helper()
		db, err := Open(ctx, ":memory:", Options{MemoryLimit: limit})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	lowered := limitOf(t, openWith(t, "300MB"))
	for _, opened := range []string{"1GB", ""} {
		t.Run("opened with '"+opened+"'", func(t *testing.T) {
			db := openWith(t, opened)
			before := limitOf(t, db)
			if before == lowered {
				t.Fatalf("the store opened with %q already has the lowered limit %q", opened, lowered)
			}
			if err := db.LimitMemory(ctx, "300MB"); err != nil {
				t.Fatal(err)
			}
			if got := limitOf(t, db); got != lowered {
				t.Errorf("after LimitMemory: memory_limit = %q, want %q", got, lowered)
			}
			if err := db.RestoreMemoryLimit(ctx); err != nil {
				t.Fatal(err)
			}
			if got := limitOf(t, db); got != before {
				t.Errorf("after RestoreMemoryLimit: memory_limit = %q, want %q", got, before)
			}
		})
	}
}
