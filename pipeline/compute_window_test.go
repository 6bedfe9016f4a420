package pipeline

import (
	"context"
	"errors"
	"testing"
	"time"

	"proximite/queries"
)

// widestWindowStore loads two activities and two crisis events at the two
// ends of the widest date window ingest accepts by default (2000-01-01 to
// a year after the clock): the longest period grid any input can make.
func widestWindowStore(t *testing.T) (*queries.DB, IngestOptions) {
	t.Helper()
	db, dir := openStore(t), t.TempDir()
	opt := testOptions()
	last := opt.Now().AddDate(1, 0, 0).Format("2006-01-02")
	write(t, dir, "neighbourhoods.csv", refNeighbourhoods, true)
	write(t, dir, "activities_x.csv", "activity_id,activity_date,worker_id,neighbourhood,kind,setting,planned,initiated_by,duration_min,client_id,status,exported_at\n"+
		"A1,2000-01-01,W1,JF,individual,home,N,worker,45,X1,active,2000-01-02T08:00:00\n"+
		"A2,"+last+",W1,ID,individual,home,N,worker,45,X2,active,"+last+"T08:00:00\n", false)
	write(t, dir, "crisis_events_x.csv", "event_id,event_date,neighbourhood,service,client_id,status,exported_at\n"+
		"E1,2000-01-01,JF,crisis_line,X1,active,2000-01-02T08:00:00\n"+
		"E2,"+last+",ME,crisis_line,X2,active,"+last+"T08:00:00\n", false)
	if _, err := Ingest(context.Background(), db, []string{dir}, opt); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT count(*) FROM activities`) + count(t, db, `SELECT count(*) FROM crisis_events`); n != 4 {
		t.Fatalf("%d rows loaded; want 4 (the window's two ends are inside it)", n)
	}
	return db, opt
}

// TestComputeWidestWindowFast computes over the widest accepted window
// (26 years of months): it must finish in well under a minute.
func TestComputeWidestWindowFast(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	db, _ := widestWindowStore(t)
	start := time.Now()
	sum, err := Compute(context.Background(), db, DefaultComputeOptions())
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("compute over %s..%s: %s", "2000-01", sum.AsOf.Format("2006-01"), took)
	if took > 60*time.Second {
		t.Errorf("compute took %s", took)
	}
}

// TestComputeHonoursCancel cancels a compute shortly after it starts: it
// must return context.Canceled within seconds, and roll back.
func TestComputeHonoursCancel(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	db, _ := widestWindowStore(t)
	for _, after := range []time.Duration{50 * time.Millisecond, 300 * time.Millisecond, time.Second} {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(after, cancel)
		start := time.Now()
		_, err := Compute(ctx, db, DefaultComputeOptions())
		took := time.Since(start) - after
		cancel()
		if err == nil {
			t.Logf("cancel after %s: compute finished first", after)
			continue
		}
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancel after %s: err %v; want context.Canceled", after, err)
		}
		if took > 3*time.Second {
			t.Errorf("cancel after %s: compute returned %s after the cancel", after, took)
		}
	}
}
