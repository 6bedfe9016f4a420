package pipeline

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestReportRefusesAStoreNeverComputed renders a report from a store that
// was loaded but never computed: it is refused with ErrNotComputed and
// writes no file (before, it failed with `build report: "": indicator not
// in catalogue`, and with every series drawn empty it would print blank
// reports); once computed, the same report is written.
func TestReportRefusesAStoreNeverComputed(t *testing.T) {
	db, dir := openStore(t), t.TempDir()
	write(t, dir, "neighbourhoods.csv", "code,name,territory,outreach_start\nJF,Jardins,T1,2023-01-01\n", false)
	write(t, dir, "activities_2024-03.csv", "activity_id,activity_date,worker_id,neighbourhood,kind,setting,planned,initiated_by,duration_min,client_id,status,exported_at\n"+
		"A1,2024-03-05,W1,JF,individual,home,N,worker,45,X1,active,2024-04-02T08:00:00\n", false)
	ingestOK(t, db, dir)
	ctx := context.Background()
	opt := ReportOptions{Month: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), Lang: "fr", ByNeighbourhood: true,
		HTML: true, OutDir: t.TempDir(), Threshold: 5, Now: fixedNow}
	files, err := Report(ctx, db, opt)
	if !errors.Is(err, ErrNotComputed) {
		t.Errorf("never computed: err = %v, want ErrNotComputed", err)
	}
	if got := filesUnder(t, opt.OutDir); len(files) != 0 || len(got) != 0 {
		t.Errorf("never computed: wrote %q %q", files, got)
	}
	if _, err := Compute(ctx, db, DefaultComputeOptions()); err != nil {
		t.Fatal(err)
	}
	if files, err := Report(ctx, db, opt); err != nil || len(files) != 3 {
		t.Errorf("computed: files %q, err %v; want the territory PDF, the neighbourhood PDF and the site", files, err)
	}
}
