package pipeline

import (
	"context"
	"time"

	"proximite/queries"
)

// RetryFailedAfter is how long a state-based job whose last run failed waits
// before trying the same work again (new input makes it try at once).
const RetryFailedAfter = time.Hour

// lastAttempt returns job's latest run; false if it never ran.
func lastAttempt(ctx context.Context, q *queries.Queries, job string) (queries.JobRun, bool, error) {
	runs, err := q.LastRunPerJob(ctx, false)
	if err != nil {
		return queries.JobRun{}, false, err
	}
	for _, r := range runs {
		if r.Job == job {
			return r, true, nil
		}
	}
	return queries.JobRun{}, false, nil
}

// mayRetry reports whether work that the last attempt already saw may be
// tried again now: the attempt was interrupted (the server died or
// stopped), or it failed more than RetryFailedAfter ago.
func mayRetry(last queries.JobRun, now time.Time) bool {
	switch last.Status {
	case RunInterrupted, RunRunning:
		return true
	case RunOK, RunWarning:
		return false
	default:
		return last.FinishedAt.Valid && now.Sub(last.FinishedAt.Time) >= RetryFailedAfter
	}
}

// newerThanAttempt reports whether input (when the job's input last
// changed) calls for a run: never attempted, newer than the last attempt,
// or the last attempt may be retried.
func newerThanAttempt(ctx context.Context, q *queries.Queries, job string, input, now time.Time) (bool, error) {
	last, ran, err := lastAttempt(ctx, q, job)
	if err != nil || !ran {
		return err == nil, err
	}
	if input.After(last.StartedAt) {
		return true, nil
	}
	ok, done, err := q.LastSuccess(ctx, job)
	if err != nil {
		return false, err
	}
	behind := !done || input.After(ok)
	return behind && mayRetry(last, now), nil
}

// ComputeDue says the compute job has work when the store holds a load
// (that loaded rows) newer than the start of the last successful compute:
// after a pull that failed part-way, an interrupted compute or a restart.
func ComputeDue(ctx context.Context, db *queries.DB, now time.Time) (bool, error) {
	q := queries.New(db)
	load, ok, err := q.LatestLoad(ctx)
	if err != nil || !ok {
		return false, err
	}
	return newerThanAttempt(ctx, q, "compute", load, now)
}

// OutputDue says a job named job whose input is the compute (report,
// publish) has work when a compute finished after its last attempt began,
// or, with missed, when it reports months and one was missed.
func OutputDue(job string, month MonthFunc, missed bool) DueFunc {
	return func(ctx context.Context, db *queries.DB, now time.Time) (bool, error) {
		q := queries.New(db)
		computed, ok, err := q.LastSuccessEnd(ctx, "compute")
		if err != nil || !ok {
			return false, err
		}
		if _, err := month(ctx, db); err != nil {
			return false, ignoreNoData(err)
		}
		due, err := newerThanAttempt(ctx, q, job, computed, now)
		if err != nil || due || !missed {
			return due, err
		}
		unreported, err := unreportedMonths(ctx, db, month)
		if err != nil || unreported == 0 {
			return false, ignoreNoData(err)
		}
		last, _, err := lastAttempt(ctx, q, job)
		return err == nil && (last.Status == RunOK || last.Status == RunWarning || mayRetry(last, now)), err
	}
}

func ignoreNoData(err error) error {
	if _, none := noData(err); none {
		return nil
	}
	return err
}

// unreportedMonths counts the months the report job would render that have
// no report yet (missed months, or the chosen month).
func unreportedMonths(ctx context.Context, db *queries.DB, month MonthFunc) (int, error) {
	months, err := reportMonths(ctx, db, month)
	if err != nil {
		return 0, err
	}
	reported, err := queries.New(db).ReportedMonths(ctx)
	if err != nil {
		return 0, err
	}
	n := len(months)
	for _, r := range reported {
		for _, m := range months {
			if monthDate(r.Month).Equal(m) {
				n--
			}
		}
	}
	return n, nil
}
