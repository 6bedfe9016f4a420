package pipeline

import (
	"context"
	"errors"
	"os"
	"strconv"
	"testing"
	"time"

	"proximite/fixtures"
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

// TestPublishOwnSnapshotSameBytes publishes the centre's own snapshot of
// one month three times from one process, with recipients' snapshots in
// between as serve publishes them: the three manifests — the DuckDB file
// included — are the same; the own snapshot's bytes hold none of the
// recipients' re-keyed identifiers, and the recipients' bytes none of the
// own snapshot's identifiers.
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
	var own []PublishSummary
	rec := map[string]PublishSummary{}
	for _, r := range []string{"", "uni-a", "", "uni-b", ""} {
		opt := publishOpt(t, month)
		opt.Recipient = r
		sum, err := Publish(context.Background(), db, opt)
		if err != nil {
			t.Fatal(err)
		}
		if r == "" {
			own = append(own, sum)
		} else {
			rec[r] = sum
		}
	}
	want := readFile(t, own[0].Checksums)
	for i, s := range own[1:] {
		if got := readFile(t, s.Checksums); got != want {
			t.Errorf("own snapshot, publish %d: manifest differs from the first:\n%s\nwant\n%s", i+2, got, want)
		}
	}
	ownIDs := snapshotIdentifiers(t, db, own[0].Snapshot)
	if n := countFound(t, own[2], ownIDs); n < len(ownIDs)/2 {
		t.Fatalf("control: the search finds %d of the own snapshot's %d identifiers in its own files", n, len(ownIDs))
	}
	for r, sum := range rec {
		// Each re-keyed number is listed twice, as its 16 bytes and as its
		// digits; the files hold its bytes.
		ids := snapshotIdentifiers(t, db, sum.Snapshot)
		if n := countFound(t, sum, ids); n < len(ids)/3 {
			t.Fatalf("control: the search finds %d of %s's %d identifiers in its own files", n, r, len(ids))
		}
		for _, o := range own[1:] {
			if n := countFound(t, o, ids); n != 0 {
				t.Errorf("the own snapshot published after %s holds %d of its re-keyed identifiers", r, n)
			}
		}
		if n := countFound(t, sum, ownIDs); n != 0 {
			t.Errorf("%s's files hold %d of the own snapshot's identifiers", r, n)
		}
	}
}
