package queries

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// InsertFinishedJobRun records a run that could not be recorded while it
// happened (the store was held by another process).
func (q *Queries) InsertFinishedJobRun(ctx context.Context, r JobRun) error {
	_, err := q.db.ExecContext(ctx, operationsSQL("insert_finished_job_run"),
		sql.Named("job", r.Job), sql.Named("trigger", r.Trigger), sql.Named("started_at", r.StartedAt),
		sql.Named("finished_at", r.FinishedAt), sql.Named("status", r.Status), sql.Named("error", nullString(r.Error)))
	return err
}

// LastRunPerJob returns the latest run of each job, by job name; with
// failuresOnly, the latest run of each job that ended neither ok nor running.
func (q *Queries) LastRunPerJob(ctx context.Context, failuresOnly bool) ([]JobRun, error) {
	rows, err := q.db.QueryContext(ctx, operationsSQL("last_run_per_job"), sql.Named("failures_only", failuresOnly))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []JobRun
	for rows.Next() {
		var r JobRun
		if err := rows.Scan(&r.RunID, &r.Job, &r.Trigger, &r.StartedAt, &r.FinishedAt, &r.Status,
			&r.Error, &r.Rows, &r.Files, &r.Detail); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// LastSuccessEnd returns when job's latest successful run finished; false if never.
func (q *Queries) LastSuccessEnd(ctx context.Context, job string) (time.Time, bool, error) {
	var t sql.NullTime
	err := q.db.QueryRowContext(ctx, operationsSQL("last_success_end"), sql.Named("job", job)).Scan(&t)
	return t.Time, t.Valid, err
}

// LatestLoad returns when the latest ingest that loaded rows finished; false if none did.
func (q *Queries) LatestLoad(ctx context.Context) (time.Time, bool, error) {
	var t sql.NullTime
	err := q.db.QueryRowContext(ctx, operationsSQL("latest_load")).Scan(&t)
	return t.Time, t.Valid, err
}

// ReportOutput is one file a report run wrote.
type ReportOutput struct {
	Month           time.Time
	Territory, Path string
	SHA256          string
	WrittenAt       time.Time
}

// PutReportOutputs replaces the recorded files of month and territory with files.
func (q *Queries) PutReportOutputs(ctx context.Context, month time.Time, territory string, files []ReportOutput) error {
	if _, err := q.db.ExecContext(ctx, operationsSQL("delete_report_outputs"),
		sql.Named("month", month), sql.Named("territory", territory)); err != nil {
		return err
	}
	for _, f := range files {
		if _, err := q.db.ExecContext(ctx, operationsSQL("put_report_output"),
			sql.Named("month", month), sql.Named("territory", territory), sql.Named("path", f.Path),
			sql.Named("sha256", f.SHA256), sql.Named("written_at", f.WrittenAt)); err != nil {
			return err
		}
	}
	return nil
}

// ReportOutputs returns the files recorded for month, by territory and path.
func (q *Queries) ReportOutputs(ctx context.Context, month time.Time) ([]ReportOutput, error) {
	rows, err := q.db.QueryContext(ctx, operationsSQL("report_outputs"), sql.Named("month", month))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ReportOutput
	for rows.Next() {
		var o ReportOutput
		if err := rows.Scan(&o.Month, &o.Territory, &o.Path, &o.SHA256, &o.WrittenAt); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// ReportedMonth is a month with report files and when its newest file was written.
type ReportedMonth struct {
	Month, Newest time.Time
}

// ReportedMonths returns the months with report files, oldest first.
func (q *Queries) ReportedMonths(ctx context.Context) ([]ReportedMonth, error) {
	rows, err := q.db.QueryContext(ctx, operationsSQL("reported_months"))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ReportedMonth
	for rows.Next() {
		var m ReportedMonth
		if err := rows.Scan(&m.Month, &m.Newest); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// HeldMonth is a month the data-quality gate held back.
type HeldMonth struct {
	Month, HeldAt time.Time
	Reason        string
	ReleasedAt    sql.NullTime
	ReleaseReason string
}

// HoldMonth records that the gate held month (the first hold is kept).
func (q *Queries) HoldMonth(ctx context.Context, month time.Time, reason string, at time.Time) error {
	_, err := q.db.ExecContext(ctx, operationsSQL("hold_month"),
		sql.Named("month", month), sql.Named("reason", reason), sql.Named("held_at", at))
	return err
}

// ReleaseMonth records that a person released a held month; ErrNotFound
// when the month is not held (never held, or already released).
func (q *Queries) ReleaseMonth(ctx context.Context, month time.Time, reason string, at time.Time) error {
	var m time.Time
	err := q.db.QueryRowContext(ctx, operationsSQL("release_month"), sql.Named("month", month),
		sql.Named("release_reason", reason), sql.Named("released_at", at)).Scan(&m)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}

// HeldMonths returns every month ever held, oldest first.
func (q *Queries) HeldMonths(ctx context.Context) ([]HeldMonth, error) {
	rows, err := q.db.QueryContext(ctx, operationsSQL("held_months"))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []HeldMonth
	for rows.Next() {
		var h HeldMonth
		if err := rows.Scan(&h.Month, &h.Reason, &h.HeldAt, &h.ReleasedAt, &h.ReleaseReason); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// SourceStates returns what the last fetch of each remote source saw.
func (q *Queries) SourceStates(ctx context.Context) ([]SourceState, error) {
	rows, err := q.db.QueryContext(ctx, operationsSQL("source_states"))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SourceState
	for rows.Next() {
		var s SourceState
		if err := rows.Scan(&s.Source, &s.ETag, &s.LastModified, &s.CheckedAt, &s.Status, &s.Error); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
