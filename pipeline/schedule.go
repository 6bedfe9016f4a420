package pipeline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"proximite/queries"
)

// Job run statuses recorded in job_runs.
const (
	RunRunning     = "running"
	RunOK          = "ok"
	RunWarning     = "warning"
	RunFailed      = "failed"
	RunPanicked    = "panicked"
	RunInterrupted = "interrupted"
)

// JobResult says what one run of a job did.
type JobResult struct {
	Rows   int64  `json:"rows"`
	Files  int64  `json:"files"`
	Detail string `json:"detail,omitempty"`
	// Changed makes the scheduler run the jobs declared After this one.
	Changed bool `json:"changed"`
	// Warnings are problems that did not stop the run (rejected rows,
	// quarantined files): the run ends "warning" instead of "ok".
	Warnings []string `json:"warnings,omitempty"`
}

// DueFunc says, from the store's state, whether a job has work to do now
// (loads newer than the last compute, a missed month, a retry due).
type DueFunc func(ctx context.Context, db *queries.DB, now time.Time) (bool, error)

// JobFunc is the work of a job on the store, opened for this run only.
type JobFunc func(ctx context.Context, db *queries.DB) (JobResult, error)

// Job is a named unit of work: on a cron schedule, after another job, or both.
type Job struct {
	Name string
	// Spec is the cron spec (with a seconds field when SchedulerOptions.Seconds); empty = never on its own.
	Spec string
	// After names a job whose runs that changed something trigger this one.
	After string
	// CatchUp runs the job at start-up when its last scheduled time passed
	// without a successful run (a monthly job missed while the server was down).
	CatchUp bool
	// AllowDSTWindow lets Spec fire between 02:00 and 03:00 local time.
	AllowDSTWindow bool
	// Due, when set, makes the job state-based: it runs at start-up, after
	// any run of its After job and at each recheck whenever Due says so
	// (instead of only after a run of its After job that changed something).
	Due DueFunc
	Run JobFunc
}

// SchedulerOptions configures a Scheduler.
type SchedulerOptions struct {
	Location *time.Location
	// Seconds says the specs have a leading seconds field (tests).
	Seconds bool
	// Open opens the store for one run; the scheduler closes it after.
	Open func(ctx context.Context) (*queries.DB, error)
	Log  *slog.Logger
	Now  func() time.Time
	// BusyWait is how long a run waits for the store while another process holds it.
	BusyWait time.Duration
	// Recheck is how often the jobs with a Due function are asked whether
	// they have work (a delivery retry falling due); 0 = never between runs.
	Recheck time.Duration
}

// Scheduler runs jobs on their schedules: one run of a job at a time, one
// job on the store at a time, panics recorded and survived.
type Scheduler struct {
	opt    SchedulerOptions
	jobs   []*jobState
	byName map[string]*jobState
	dbMu   sync.Mutex
	wg     sync.WaitGroup
	cron   *cron.Cron
	// unrecorded holds runs that failed to open the store, written to
	// job_runs at the next successful open (guarded by dbMu).
	unrecorded []queries.JobRun
}

// jobState is a job with its schedule and its not-twice-at-once lock.
type jobState struct {
	job      Job
	schedule cron.Schedule
	running  sync.Mutex
	mu       sync.Mutex // guards the counters below
	skipped  int
	last     *Outcome
}

// Outcome is how a run ended, as the scheduler saw it.
type Outcome struct {
	Job      string    `json:"job"`
	Trigger  string    `json:"trigger"`
	Status   string    `json:"status"`
	Error    string    `json:"error,omitempty"`
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished"`
	Result   JobResult `json:"result"`
}

// NewScheduler checks the jobs' specs and returns a scheduler for them.
func NewScheduler(jobs []Job, opt SchedulerOptions) (*Scheduler, error) {
	opt = schedulerDefaults(opt)
	s := &Scheduler{opt: opt, byName: map[string]*jobState{}}
	for _, j := range jobs {
		if _, dup := s.byName[j.Name]; dup {
			return nil, fmt.Errorf("job %s: declared twice", j.Name)
		}
		st := &jobState{job: j}
		if j.Spec != "" {
			sched, err := ParseSpec(j.Spec, opt.Location, opt.Seconds, j.AllowDSTWindow)
			if err != nil {
				return nil, fmt.Errorf("job %s: %w", j.Name, err)
			}
			st.schedule = sched
		}
		s.jobs = append(s.jobs, st)
		s.byName[j.Name] = st
	}
	for _, st := range s.jobs {
		if a := st.job.After; a != "" && s.byName[a] == nil {
			return nil, fmt.Errorf("job %s: runs after unknown job %q", st.job.Name, a)
		}
	}
	return s, nil
}

func schedulerDefaults(opt SchedulerOptions) SchedulerOptions {
	if opt.Location == nil {
		opt.Location = time.UTC
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.BusyWait == 0 {
		opt.BusyWait = 30 * time.Second
	}
	return opt
}

// Run starts the schedule, runs the missed catch-up jobs, and returns once
// ctx is done and the running job (told to stop through ctx) has returned.
func (s *Scheduler) Run(ctx context.Context) error {
	// Recover is outermost: a panic escaping our own wrapper still cannot
	// kill the schedule. We do not use cron.SkipIfStillRunning: a panic
	// inside it loses its token and the job never runs again; runJob's
	// TryLock is released by defer instead.
	s.cron = cron.New(cron.WithLocation(s.opt.Location), cron.WithChain(cron.Recover(cronLogger{s.opt.Log})))
	for _, st := range s.jobs {
		if st.schedule != nil {
			name := st.job.Name
			s.cron.Schedule(st.schedule, cron.FuncJob(func() { s.runJob(ctx, name, "schedule") }))
		}
	}
	s.cron.Start()
	s.CatchUp(ctx)
	s.recheckLoop(ctx)
	<-s.cron.Stop().Done()
	s.wg.Wait()
	return nil
}

// recheckLoop runs the due state-based jobs every Recheck until ctx is done.
func (s *Scheduler) recheckLoop(ctx context.Context) {
	if s.opt.Recheck <= 0 {
		<-ctx.Done()
		return
	}
	t := time.NewTicker(s.opt.Recheck)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			s.RunDue(ctx, "recheck")
		}
	}
}

// startUp marks runs left "running" by a dead server as interrupted and
// takes each job's last outcome from the store (so /status remembers it).
func (s *Scheduler) startUp(ctx context.Context) error {
	return s.withDB(ctx, func(db *queries.DB) error {
		q := queries.New(db)
		if err := q.AbandonJobRuns(ctx, s.opt.Now()); err != nil {
			return err
		}
		last, err := q.LastRunPerJob(ctx, false)
		if err != nil {
			return err
		}
		for _, r := range last {
			if st := s.byName[r.Job]; st != nil {
				out := outcomeOf(r)
				st.mu.Lock()
				st.last = &out
				st.mu.Unlock()
			}
		}
		return nil
	})
}

// outcomeOf is a recorded run as an Outcome.
func outcomeOf(r queries.JobRun) Outcome {
	return Outcome{Job: r.Job, Trigger: r.Trigger, Status: r.Status, Error: r.Error, Started: r.StartedAt,
		Finished: r.FinishedAt.Time, Result: JobResult{Rows: r.Rows, Files: r.Files, Detail: r.Detail}}
}

// CatchUp does what a starting server owes: it ends the runs a dead server
// left running, then runs, in declaration order, each CatchUp job whose
// last scheduled time was missed and each state-based job that has work.
func (s *Scheduler) CatchUp(ctx context.Context) {
	if err := s.startUp(ctx); err != nil {
		s.opt.Log.Error("start-up bookkeeping failed", "err", err)
	}
	s.runWanted(ctx, "catch_up", true)
}

// RunDue runs, in declaration order, each state-based job whose Due says
// it has work (and the jobs after it).
func (s *Scheduler) RunDue(ctx context.Context, trigger string) {
	s.runWanted(ctx, trigger, false)
}

// runWanted runs the jobs that have work, each at most once: it asks them
// all in one opening of the store (a recheck with nothing to do costs one
// open), runs the first one that has work (its followers chain after it),
// then asks again.
func (s *Scheduler) runWanted(ctx context.Context, trigger string, missed bool) {
	ran := map[string]bool{}
	for ctx.Err() == nil {
		var next *jobState
		err := s.withDB(ctx, func(db *queries.DB) error {
			for _, st := range s.jobs {
				if ran[st.job.Name] {
					continue
				}
				if (missed && s.missedOn(ctx, db, st)) || s.dueOn(ctx, db, st) {
					next = st
					return nil
				}
			}
			return nil
		})
		switch {
		case err != nil && errors.Is(err, queries.ErrBusy):
			s.opt.Log.Warn("store held by another process: jobs with work wait for the next check", "err", err)
		case err != nil && ctx.Err() == nil:
			s.opt.Log.Error("cannot tell which jobs have work", "err", err)
		}
		if next == nil {
			return
		}
		ran[next.job.Name] = true
		s.runJob(ctx, next.job.Name, trigger)
	}
}

// dueOn asks a state-based job on an open store whether it has work; a
// failed check is logged and means no.
func (s *Scheduler) dueOn(ctx context.Context, db *queries.DB, st *jobState) bool {
	if st.job.Due == nil {
		return false
	}
	due, err := st.job.Due(ctx, db, s.opt.Now())
	if err != nil && ctx.Err() == nil {
		s.opt.Log.Error("cannot tell whether the job has work", "job", st.job.Name, "err", err)
	}
	return err == nil && due
}

// isDue asks a state-based job whether it has work.
func (s *Scheduler) isDue(ctx context.Context, st *jobState) bool {
	var due bool
	if ctx.Err() != nil {
		return false
	}
	err := s.withDB(ctx, func(db *queries.DB) error {
		due = s.dueOn(ctx, db, st)
		return nil
	})
	if err != nil && ctx.Err() == nil {
		s.opt.Log.Error("cannot tell whether the job has work", "job", st.job.Name, "err", err)
	}
	return due
}

// missedOn reports whether a CatchUp job's last scheduled time (within 62
// days) has no successful run since.
func (s *Scheduler) missedOn(ctx context.Context, db *queries.DB, st *jobState) bool {
	if !st.job.CatchUp || st.schedule == nil {
		return false
	}
	prev, ok := PreviousRun(st.schedule, s.opt.Now(), 62*24*time.Hour)
	if !ok {
		return false
	}
	last, done, err := queries.New(db).LastSuccess(ctx, st.job.Name)
	if err != nil {
		s.opt.Log.Error("catch-up check failed", "job", st.job.Name, "err", err)
		return false
	}
	return !done || last.Before(prev)
}

// runJob runs one job unless it is already running, then the jobs after it.
func (s *Scheduler) runJob(ctx context.Context, name, trigger string) {
	if ctx.Err() != nil {
		return // stopping: a tick that fires now starts nothing
	}
	st := s.byName[name]
	if !st.running.TryLock() {
		st.mu.Lock()
		st.skipped++
		st.mu.Unlock()
		s.opt.Log.Warn("job still running, this run skipped", "job", name, "trigger", trigger)
		return
	}
	s.wg.Add(1)
	defer s.wg.Done()
	out := func() Outcome {
		defer st.running.Unlock() // even if the scheduler's own code panics
		return s.runOnce(ctx, st.job, trigger)
	}()
	st.mu.Lock()
	st.last = &out
	st.mu.Unlock()
	for _, next := range s.jobs {
		if next.job.After != name || ctx.Err() != nil {
			continue
		}
		changed := (out.Status == RunOK || out.Status == RunWarning) && out.Result.Changed
		if (next.job.Due == nil && changed) || (next.job.Due != nil && s.isDue(ctx, next)) {
			s.runJob(ctx, next.job.Name, "after:"+name)
		}
	}
}

// runOnce opens the store, records the run, runs the job and records how it ended.
func (s *Scheduler) runOnce(ctx context.Context, j Job, trigger string) Outcome {
	out := Outcome{Job: j.Name, Trigger: trigger, Started: s.opt.Now()}
	err := s.withDB(ctx, func(db *queries.DB) error {
		q := queries.New(db)
		// Not cancellable: a stop arriving mid-insert could otherwise commit
		// the row yet report an error, leaving a run "running" that no
		// FinishJobRun would end. The job itself still sees ctx.
		id, err := q.InsertJobRun(context.WithoutCancel(ctx), j.Name, trigger, out.Started)
		if err != nil {
			return fmt.Errorf("record start: %w", err)
		}
		out.Result, err = safeRun(ctx, j.Run, db)
		out.Finished = s.opt.Now()
		out.Status, out.Error = runStatus(ctx, out.Result, err)
		return q.FinishJobRun(context.WithoutCancel(ctx), queries.JobRun{
			RunID: id, Status: out.Status, Error: out.Error, Rows: out.Result.Rows, Files: out.Result.Files,
			Detail: out.Result.Detail, FinishedAt: nullTime(out.Finished)})
	})
	notRun := err != nil && out.Status == ""
	if notRun {
		out.Status, out.Error, out.Finished = RunFailed, err.Error(), s.opt.Now()
		if errors.Is(err, queries.ErrBusy) {
			s.recordLater(j, trigger, out)
		}
	}
	s.logOutcome(out, notRun)
	return out
}

// recordLater keeps a run that could not open the store, for job_runs at
// the next open.
func (s *Scheduler) recordLater(j Job, trigger string, out Outcome) {
	s.dbMu.Lock()
	defer s.dbMu.Unlock()
	s.unrecorded = append(s.unrecorded, queries.JobRun{Job: j.Name, Trigger: trigger, Status: out.Status,
		Error: out.Error, StartedAt: out.Started, FinishedAt: nullTime(out.Finished)})
}

// flushUnrecorded writes the runs kept by recordLater (dbMu held).
func (s *Scheduler) flushUnrecorded(ctx context.Context, db *queries.DB) {
	q := queries.New(db)
	for len(s.unrecorded) > 0 {
		if err := q.InsertFinishedJobRun(context.WithoutCancel(ctx), s.unrecorded[0]); err != nil {
			s.opt.Log.Error("cannot record an earlier run", "job", s.unrecorded[0].Job, "err", err)
			return
		}
		s.unrecorded = s.unrecorded[1:]
	}
}

func (s *Scheduler) logOutcome(out Outcome, notRun bool) {
	attrs := []any{"job", out.Job, "trigger", out.Trigger, "status", out.Status,
		"rows", out.Result.Rows, "files", out.Result.Files}
	if d := out.Finished.Sub(out.Started); !out.Finished.IsZero() && d >= 0 {
		attrs = append(attrs, "duration", d.Round(time.Millisecond))
	}
	switch {
	case notRun:
		s.opt.Log.Error("job not run", append(attrs, "err", out.Error)...)
	case out.Status == RunWarning:
		s.opt.Log.Warn("job done with warnings", append(attrs, "detail", out.Result.Detail, "warnings", strings.Join(out.Result.Warnings, "; "))...)
	case out.Status != RunOK:
		s.opt.Log.Error("job ended badly", append(attrs, "err", out.Error)...)
	default:
		s.opt.Log.Info("job done", append(attrs, "detail", out.Result.Detail)...)
	}
}

// runStatus classifies a run's error.
func runStatus(ctx context.Context, res JobResult, err error) (string, string) {
	var p *PanicError
	switch {
	case err == nil && len(res.Warnings) > 0:
		return RunWarning, strings.Join(res.Warnings, "; ")
	case err == nil:
		return RunOK, ""
	case errors.As(err, &p):
		return RunPanicked, err.Error()
	case ctx.Err() != nil:
		return RunInterrupted, err.Error()
	default:
		return RunFailed, err.Error()
	}
}

// PanicError is a panic caught in a job, with its stack.
type PanicError struct {
	Value any
	Stack string
}

func (p *PanicError) Error() string { return fmt.Sprintf("panic: %v", p.Value) }

// safeRun runs fn and turns a panic into a *PanicError.
func safeRun(ctx context.Context, fn JobFunc, db *queries.DB) (res JobResult, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &PanicError{Value: v, Stack: string(debug.Stack())}
		}
	}()
	return fn(ctx, db)
}

// withDB serializes store access in this process, opens the store (waiting
// up to BusyWait while another process holds it), runs fn and closes it.
func (s *Scheduler) withDB(ctx context.Context, fn func(db *queries.DB) error) error {
	s.dbMu.Lock()
	defer s.dbMu.Unlock()
	db, err := s.openWaiting(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	s.flushUnrecorded(ctx, db)
	return fn(db)
}

// openWaiting opens the store, retrying while another process holds it
// for up to BusyWait of real time (not the scheduler's clock, which tests fix).
func (s *Scheduler) openWaiting(ctx context.Context) (*queries.DB, error) {
	deadline := time.Now().Add(s.opt.BusyWait)
	for {
		db, err := s.opt.Open(ctx)
		if !errors.Is(err, queries.ErrBusy) || time.Now().After(deadline) {
			return db, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// JobStatus is a job's live state, for /status.
type JobStatus struct {
	Job     string   `json:"job"`
	Spec    string   `json:"spec,omitempty"`
	After   string   `json:"after,omitempty"`
	Next    string   `json:"next,omitempty"`
	Running bool     `json:"running"`
	Skipped int      `json:"skipped_while_running"`
	Last    *Outcome `json:"last,omitempty"`
}

// Status returns each job's live state, in declaration order.
func (s *Scheduler) Status() []JobStatus {
	var out []JobStatus
	now := s.opt.Now()
	for _, st := range s.jobs {
		js := JobStatus{Job: st.job.Name, Spec: st.job.Spec, After: st.job.After}
		if st.schedule != nil {
			js.Next = st.schedule.Next(now).In(s.opt.Location).Format(time.RFC3339)
		}
		if st.running.TryLock() {
			st.running.Unlock()
		} else {
			js.Running = true
		}
		st.mu.Lock()
		js.Skipped, js.Last = st.skipped, st.last
		st.mu.Unlock()
		out = append(out, js)
	}
	return out
}

// NextRuns returns the next scheduled time of each scheduled job after now.
func NextRuns(jobs []Job, now time.Time, loc *time.Location, seconds bool) (map[string]time.Time, error) {
	out := map[string]time.Time{}
	for _, j := range jobs {
		if j.Spec == "" {
			continue
		}
		sched, err := ParseSpec(j.Spec, loc, seconds, j.AllowDSTWindow)
		if err != nil {
			return nil, fmt.Errorf("job %s: %w", j.Name, err)
		}
		out[j.Name] = sched.Next(now)
	}
	return out, nil
}

// cronLogger adapts slog to cron's logger.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}

// nullTime is t for a nullable column, NULL when zero.
func nullTime(t time.Time) sql.NullTime { return sql.NullTime{Time: t, Valid: !t.IsZero()} }
