package pipeline

import (
	"context"
	"path/filepath"
	"testing"

	"proximite/queries"
)

// TestIngestMemoryLimitForTheRunOnly checks that IngestOptions.MemoryLimit
// holds while the files load and that the store's own limit is back after
// the run, whether it finished or was cancelled half-way through a file.
func TestIngestMemoryLimitForTheRunOnly(t *testing.T) {
	ctx := context.Background()
	open := func(limit string) *queries.DB {
		t.Helper()
		db, err := queries.Open(ctx, filepath.Join(t.TempDir(), "t.duckdb"), queries.Options{MemoryLimit: limit})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	limitOf := func(db *queries.DB) string {
		var v string
		if err := db.QueryRowContext(ctx, "SELECT current_setting('memory_limit')").Scan(&v); err != nil {
			t.Error(err)
		}
		return v
	}
	lowered := limitOf(open("300MB"))
	db := open("1GB")
	stores := limitOf(db)

	dir := t.TempDir()
	write(t, dir, "neighbourhoods.csv", refNeighbourhoods, true)
	write(t, dir, "partners.csv", refPartners, false)
	write(t, dir, "activities_2024-03.csv", activitiesV1, false)
	opt := testOptions()
	opt.MemoryLimit = "300MB"
	var during []string
	opt.Progress = func(Progress) { during = append(during, limitOf(db)) }
	if _, err := Ingest(ctx, db, []string{dir}, opt); err != nil {
		t.Fatal(err)
	}
	if len(during) == 0 {
		t.Fatal("no progress reported")
	}
	for i, got := range during {
		if got != lowered {
			t.Errorf("during the run, report %d: memory_limit = %q, want %q", i, got, lowered)
		}
	}
	if got := limitOf(db); got != stores {
		t.Errorf("after the run: memory_limit = %q, want the store's %q", got, stores)
	}

	p := writeBigCrisisFile(t, dir)
	cctx, cancel := context.WithCancel(ctx)
	opt.Progress = func(pr Progress) {
		if pr.Rows >= progressEvery {
			cancel()
		}
	}
	if _, err := Ingest(cctx, db, []string{p}, opt); err == nil {
		t.Fatal("Ingest after cancel returned nil error")
	}
	if got := limitOf(db); got != stores {
		t.Errorf("after a cancelled run: memory_limit = %q, want the store's %q", got, stores)
	}
}
