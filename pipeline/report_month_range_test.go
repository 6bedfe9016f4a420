package pipeline

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// TestReportMonthBeforeData: a report of a month before the first month
// of the data is refused with the data's range (it used to fail with
// `build report: "": indicator not in catalogue`); the first month of the
// data and a neighbourhood listed after the last compute (no value at all)
// are reported.
func TestReportMonthBeforeData(t *testing.T) {
	db, dir := openStore(t), t.TempDir()
	write(t, dir, "neighbourhoods.csv", "code,name,territory,outreach_start\n"+
		"JF,Jardins,T1,2023-01-01\nID,Idle,T1,\n", false)
	write(t, dir, "activities_2024-03.csv", "activity_id,activity_date,worker_id,neighbourhood,kind,setting,planned,initiated_by,duration_min,client_id,status,exported_at\n"+
		"A1,2024-03-05,W1,JF,individual,home,N,worker,45,X1,active,2024-04-02T08:00:00\n", false)
	ingestOK(t, db, dir)
	ctx := context.Background()
	if _, err := Compute(ctx, db, DefaultComputeOptions()); err != nil {
		t.Fatal(err)
	}
	opt := func(month time.Month) ReportOptions {
		return ReportOptions{Month: time.Date(2024, month, 1, 0, 0, 0, 0, time.UTC), Lang: "fr",
			ByNeighbourhood: true, HTML: true, OutDir: t.TempDir(), Threshold: 5, Now: fixedNow}
	}
	_, err := Report(ctx, db, opt(time.February))
	if !errors.Is(err, ErrMonthBeforeData) || !strings.Contains(err.Error(), "2024-02; the data runs from 2024-03 to 2024-03") {
		t.Fatalf("February: %v; want ErrMonthBeforeData naming the data's range", err)
	}

	// A neighbourhood added to the reference file after the compute.
	write(t, dir, "neighbourhoods.csv", "code,name,territory,outreach_start\n"+
		"JF,Jardins,T1,2023-01-01\nID,Idle,T1,\nNV,Nouveau,T1,\n", false)
	ingestOK(t, db, dir)
	files, err := Report(ctx, db, opt(time.March))
	if err != nil {
		t.Fatalf("March: %v", err)
	}
	if len(files) != 5 {
		t.Errorf("files %v; want the territory PDF, three neighbourhood PDFs and the site", files)
	}
}
