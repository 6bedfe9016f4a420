package queries

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"
)

func TestOperationsLedgers(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, ":memory:", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	q := New(db)
	t0 := time.Date(2024, 5, 1, 6, 0, 0, 0, time.UTC)
	id, err := q.InsertJobRun(ctx, "pull", "schedule", t0)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := q.LastSuccess(ctx, "pull"); ok {
		t.Error("LastSuccess found a run still running")
	}
	end := sql.NullTime{Time: t0.Add(time.Minute), Valid: true}
	if err := q.FinishJobRun(ctx, JobRun{RunID: id, Status: "ok", FinishedAt: end, Rows: 7, Files: 1}); err != nil {
		t.Fatal(err)
	}
	if got, ok, err := q.LastSuccess(ctx, "pull"); err != nil || !ok || !got.Equal(t0) {
		t.Errorf("LastSuccess = %v %v %v, want %v true", got, ok, err, t0)
	}
	runs, err := q.LastJobRuns(ctx, 10)
	if err != nil || len(runs) != 1 || runs[0].Rows != 7 || runs[0].Status != "ok" {
		t.Errorf("LastJobRuns = %+v %v, want one ok run of 7 rows", runs, err)
	}
	for i := 0; i < 2; i++ {
		d := Delivery{Month: t0, Recipient: "cisss", Channel: "email", File: "r.pdf", AttemptedAt: t0, Status: "failed", Error: "refused"}
		if err := q.InsertDelivery(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	ds, err := q.DeliveryStates(ctx)
	if err != nil || len(ds) != 1 || ds[0].Attempt != 2 {
		t.Errorf("DeliveryStates = %+v %v, want the second attempt only", ds, err)
	}
	if _, err := q.GetSourceState(ctx, "http://x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("GetSourceState of an unknown source: err %v, want ErrNotFound", err)
	}
	if _, err := q.LatestSnapshot(ctx); !errors.Is(err, ErrNotFound) {
		t.Errorf("LatestSnapshot with none: err %v, want ErrNotFound", err)
	}
}
