package pipeline

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"proximite/queries"
)

func montreal(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("America/Montreal")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// storeOpener returns an Open function for a store file in a temp folder.
func storeOpener(t testing.TB) (func(context.Context) (*queries.DB, error), string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "s.duckdb")
	return func(ctx context.Context) (*queries.DB, error) {
		return queries.Open(ctx, path, queries.Options{})
	}, path
}

// runsOf reads the job_runs statuses of job, oldest first.
func runsOf(t testing.TB, open func(context.Context) (*queries.DB, error), job string) []string {
	t.Helper()
	db, err := open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	runs, err := queries.New(db).LastJobRuns(context.Background(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i := len(runs) - 1; i >= 0; i-- {
		if runs[i].Job == job {
			out = append(out, runs[i].Status)
		}
	}
	return out
}

func TestParseSpecDSTTransitions(t *testing.T) {
	loc := montreal(t)
	tests := []struct {
		name, spec string
		allow      bool
		from       time.Time
		want       []string // firings on that day, local RFC 3339
		wantErr    error
	}{
		{name: "spring forward: 02:30 refused", spec: "0 30 2 * * *", from: time.Date(2024, 3, 10, 0, 0, 0, 0, loc), wantErr: ErrDSTWindow},
		{name: "hourly refused (fires at 02:00)", spec: "0 0 * * * *", from: time.Date(2024, 3, 10, 0, 0, 0, 0, loc), wantErr: ErrDSTWindow},
		{name: "spring forward: hourly outside the window", spec: "0 0 0-1,3-23 * * *", from: time.Date(2024, 3, 10, 0, 0, 0, 0, loc),
			want: []string{"2024-03-10T01:00:00-05:00", "2024-03-10T03:00:00-04:00", "2024-03-10T04:00:00-04:00"}},
		{name: "fall back: 01:30 runs once", spec: "0 30 1 * * *", from: time.Date(2024, 11, 3, 0, 0, 0, 0, loc),
			want: []string{"2024-11-03T01:30:00-04:00", "2024-11-04T01:30:00-05:00"}},
		{name: "fall back: hourly outside the window", spec: "0 0 0-1,3-23 * * *", from: time.Date(2024, 11, 3, 0, 30, 0, 0, loc),
			want: []string{"2024-11-03T01:00:00-04:00", "2024-11-03T03:00:00-05:00"}},
		{name: "allowed in the window on fall-back day", spec: "0 30 2 * * *", allow: true, from: time.Date(2024, 11, 3, 0, 0, 0, 0, loc),
			want: []string{"2024-11-03T02:30:00-05:00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sched, err := ParseSpec(tt.spec, loc, true, tt.allow)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			next := tt.from
			for i, w := range tt.want {
				next = sched.Next(next)
				if got := next.Format(time.RFC3339); got != w {
					t.Errorf("firing %d = %s, want %s", i, got, w)
				}
			}
		})
	}
}

// newTestScheduler returns a scheduler of jobs on a migrated store, with a
// fixed clock: tests drive it through runJob and CatchUp, never by waiting
// for wall-clock ticks (a loaded machine would make them flaky).
func newTestScheduler(t testing.TB, jobs []Job, open func(context.Context) (*queries.DB, error), now func() time.Time) *Scheduler {
	t.Helper()
	runsOf(t, open, "") // migrate the store first
	s, err := NewScheduler(jobs, SchedulerOptions{Location: time.UTC, Seconds: true, Open: open, Now: now, Log: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSchedulerSurvivesPanic(t *testing.T) {
	t.Parallel()
	open, _ := storeOpener(t)
	var calls atomic.Int32
	job := Job{Name: "boom", Spec: "* * * * * *", AllowDSTWindow: true, Run: func(ctx context.Context, db *queries.DB) (JobResult, error) {
		if calls.Add(1) == 1 {
			panic("first run explodes")
		}
		return JobResult{Rows: 1}, nil
	}}
	s := newTestScheduler(t, []Job{job}, open, fixedNow)
	s.runJob(context.Background(), "boom", "schedule")
	s.runJob(context.Background(), "boom", "schedule") // the lock was released by the panicking run
	got := runsOf(t, open, "boom")
	if len(got) != 2 || got[0] != RunPanicked || got[1] != RunOK {
		t.Errorf("runs = %v, want [panicked ok]", got)
	}
}

func TestSchedulerNeverOverlapsALongJob(t *testing.T) {
	t.Parallel()
	open, _ := storeOpener(t)
	started, release := make(chan struct{}), make(chan struct{})
	var calls atomic.Int32
	job := Job{Name: "slow", Spec: "* * * * * *", AllowDSTWindow: true, Run: func(ctx context.Context, db *queries.DB) (JobResult, error) {
		calls.Add(1)
		close(started)
		<-release
		return JobResult{}, nil
	}}
	s := newTestScheduler(t, []Job{job}, open, fixedNow)
	done := make(chan struct{})
	go func() { s.runJob(context.Background(), "slow", "schedule"); close(done) }()
	<-started
	s.runJob(context.Background(), "slow", "schedule") // a tick while the first run holds the job
	close(release)
	<-done
	if calls.Load() != 1 {
		t.Errorf("runs = %d, want 1", calls.Load())
	}
	if st := s.Status()[0]; st.Skipped != 1 || st.Running {
		t.Errorf("status = %+v, want 1 tick skipped and nothing running", st)
	}
}

func TestSchedulerCatchesUpAMissedMonthlyRun(t *testing.T) {
	loc := montreal(t)
	open, _ := storeOpener(t)
	var calls atomic.Int32
	monthly := Job{Name: "report", Spec: "0 0 6 1 * *", CatchUp: true, Run: func(context.Context, *queries.DB) (JobResult, error) {
		calls.Add(1)
		return JobResult{}, nil
	}}
	now := time.Date(2024, 5, 3, 10, 0, 0, 0, loc) // the 1 May 06:00 run was missed
	start := func() {
		s := newTestScheduler(t, []Job{monthly}, open, func() time.Time { return now })
		s.CatchUp(context.Background())
	}
	start()
	if got := calls.Load(); got != 1 {
		t.Fatalf("after the first start: %d runs, want 1 catch-up run", got)
	}
	now = now.Add(time.Hour)
	start()
	if got := calls.Load(); got != 1 {
		t.Errorf("after a restart with the month done: %d runs, want still 1", got)
	}
	now = time.Date(2024, 6, 1, 7, 0, 0, 0, loc) // down over the 1 June run
	start()
	if got := calls.Load(); got != 2 {
		t.Errorf("after missing June: %d runs, want 2", got)
	}
}

// testLogger sends the scheduler's log to t.Log.
func testLogger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type tWriter struct{ t testing.TB }

func (w tWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}
