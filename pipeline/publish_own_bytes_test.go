package pipeline

import (
	"context"
	"errors"
	"os"
	"strconv"
	"testing"
	"time"

	"proximite/fixtures"
	"proximite/queries"
)

// ownBytesScale is the fixture scale of TestPublishOwnSnapshotSameBytes:
// before the snapshot was written in a child process, 0.02 gave two
// publishes of the centre's own snapshot that differed by 12 bytes (the
// unset end of a full text block). PROXIMITE_OWN_BYTES_SCALE sets another.
func ownBytesScale(t testing.TB) float64 {
	s := os.Getenv("PROXIMITE_OWN_BYTES_SCALE")
	if s == "" {
		return 0.02
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestPublishOwnSnapshotSameBytes runs serve's publish job three times in
// one process, each into its own folder: the centre's own snapshot, then
// uni-a's re-keyed one, so that each own snapshot after the first is
// written after a recipient's. The three own manifests — the DuckDB file
// included — are the same; the own snapshots' bytes hold none of uni-a's
// re-keyed identifiers, and uni-a's bytes none of the own snapshot's.
func TestPublishOwnSnapshotSameBytes(t *testing.T) {
	dir := t.TempDir()
	fopt := fixtures.Options{Seed: 11, Months: 8, Neighbourhoods: 2, Scale: ownBytesScale(t), End: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)}
	if _, err := fixtures.Generate(context.Background(), dir, fopt, nil); err != nil {
		t.Fatal(err)
	}
	db := openStore(t)
	if _, err := Ingest(context.Background(), db, []string{dir}, wideDates()); err != nil && !errors.Is(err, ErrRejected) {
		t.Fatal(err)
	}
	month := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
	monthOf := func(context.Context, *queries.DB) (time.Time, error) { return month, nil }
	var own, rec []PublishSummary
	for range 3 {
		opt := publishOpt(t, month)
		if _, err := PublishJob(opt, monthOf, []string{"uni-a"})(context.Background(), db); err != nil {
			t.Fatal(err)
		}
		own = append(own, snapshotPaths(opt))
		opt.Recipient = "uni-a"
		rec = append(rec, snapshotPaths(opt))
	}
	want := readFile(t, own[0].Checksums)
	for i, s := range own[1:] {
		if got := readFile(t, s.Checksums); got != want {
			t.Errorf("own snapshot, run %d: manifest differs from the first:\n%s\nwant\n%s", i+2, got, want)
		}
	}
	ownIDs := snapshotIdentifiers(t, db, own[0].Snapshot)
	if n := countFound(t, own[2], ownIDs); n < len(ownIDs)/2 {
		t.Fatalf("control: the search finds %d of the own snapshot's %d identifiers in its own files", n, len(ownIDs))
	}
	for i, r := range rec[:2] {
		// Each re-keyed number is listed twice, as its 16 bytes and as its
		// digits; the files hold its bytes.
		ids := snapshotIdentifiers(t, db, r.Snapshot)
		if n := countFound(t, r, ids); n < len(ids)/3 {
			t.Fatalf("control: the search finds %d of uni-a's %d identifiers in its own files", n, len(ids))
		}
		if n := countFound(t, own[i+1], ids); n != 0 {
			t.Errorf("the own snapshot of run %d, written after uni-a's, holds %d of its re-keyed identifiers", i+2, n)
		}
		if n := countFound(t, r, ownIDs); n != 0 {
			t.Errorf("uni-a's files of run %d hold %d of the own snapshot's identifiers", i+1, n)
		}
	}
}
