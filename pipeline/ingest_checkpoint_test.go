package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"proximite/queries"
)

// TestIngestSmallRunLeavesCheckpointToClose checks that a run loading
// fewer than forceCheckpointRows rows ends without a checkpoint (its rows
// are still in the WAL when Ingest returns) and that they are in the store
// once it is closed and opened again: A1, A2 and A3 of activitiesV1 (A4's
// neighbourhood is unknown, A5's date invalid).
func TestIngestSmallRunLeavesCheckpointToClose(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.duckdb")
	db, err := queries.Open(ctx, path, queries.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write(t, dir, "neighbourhoods.csv", refNeighbourhoods, true)
	write(t, dir, "partners.csv", refPartners, false)
	write(t, dir, "activities_2024-03.csv", activitiesV1, false)
	if _, err := Ingest(ctx, db, []string{dir}, testOptions()); err != nil {
		db.Close()
		t.Fatal(err)
	}
	if st, err := os.Stat(path + ".wal"); err != nil || st.Size() == 0 {
		t.Errorf("after a small run the WAL should still hold it: %v, %v", st, err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = queries.Open(ctx, path, queries.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n := count(t, db, `SELECT count(*) FROM activities`); n != 3 {
		t.Errorf("activities after reopening = %d, want 3", n)
	}
}
