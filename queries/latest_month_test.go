package queries

import (
	"context"
	"testing"
	"time"
)

// TestLatestDataMonthSinceLastRun checks the as-of month found from the
// last computation's as-of on, and the full scan when nothing active is
// dated that late: the records of openSmall are active on 2024-01-15 and
// 2024-03-02 (activities) and 2024-03-31 (crisis event), cancelled on
// 2024-03-03.
func TestLatestDataMonthSinceLastRun(t *testing.T) {
	ctx := context.Background()
	db, q := openSmall(t)
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	check := func(step, want string) {
		t.Helper()
		got, ok, err := q.LatestDataMonth(ctx)
		if err != nil || !ok || !got.Equal(day(want)) {
			t.Errorf("%s: LatestDataMonth = %v, %v, %v; want %s", step, got, ok, err, want)
		}
	}
	run := func(asOf string) {
		t.Helper()
		r := ComputeRun{Mode: "full", Reason: "test", AsOf: day(asOf), FirstMonth: day("2024-01-01"),
			ComputedAt: day(asOf)}
		if err := q.InsertComputeRun(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	check("no computation yet", "2024-03-01")
	run("2024-03-01")
	check("as-of March: the crisis event of March 31", "2024-03-01")
	run("2024-06-01")
	check("as-of June, nothing active since: whole scan", "2024-03-01")
	exec(t, db, `INSERT INTO crisis_event_versions (event_id, event_date, neighbourhood, service, status, exported_at) VALUES
		('e2', DATE '2024-08-01', 'A', 'crisis_line', 'cancelled', TIMESTAMPTZ '2024-08-02 00:00:00+00')`)
	check("a cancelled event of August counts for nothing", "2024-03-01")
	exec(t, db, `INSERT INTO activity_versions (activity_id, activity_date, worker_id, neighbourhood, kind, setting, planned,
		initiated_by, duration_min, status, exported_at) VALUES
		('4', DATE '2024-07-10', 'w1', 'A', 'group', 'home', true, 'worker', 30, 'active', TIMESTAMPTZ '2024-07-11 00:00:00+00')`)
	check("an activity of July after the as-of of June", "2024-07-01")
	exec(t, db, `INSERT INTO activity_versions (activity_id, activity_date, worker_id, neighbourhood, kind, setting, planned,
		initiated_by, duration_min, status, exported_at) VALUES
		('5', DATE '2023-12-31', 'w1', 'A', 'group', 'home', true, 'worker', 30, 'active', TIMESTAMPTZ '2024-07-11 00:00:00+00')`)
	check("an older activity loaded later changes nothing", "2024-07-01")
}
