package queries

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// JobRun is one row of job_runs.
type JobRun struct {
	RunID                int64
	Job, Trigger, Status string
	StartedAt            time.Time
	FinishedAt           sql.NullTime
	Error, Detail        string
	Rows, Files          int64
}

// InsertJobRun records the start of a job run and returns its id.
func (q *Queries) InsertJobRun(ctx context.Context, job, trigger string, startedAt time.Time) (int64, error) {
	var id int64
	err := q.db.QueryRowContext(ctx, operationsSQL("insert_job_run"),
		sql.Named("job", job), sql.Named("trigger", trigger), sql.Named("started_at", startedAt)).Scan(&id)
	return id, wrap("insert job run", err)
}

// FinishJobRun records how a job run ended.
func (q *Queries) FinishJobRun(ctx context.Context, r JobRun) error {
	_, err := q.db.ExecContext(ctx, operationsSQL("finish_job_run"),
		sql.Named("finished_at", r.FinishedAt.Time), sql.Named("status", r.Status),
		sql.Named("error", nullString(r.Error)), sql.Named("rows", r.Rows), sql.Named("files", r.Files),
		sql.Named("detail", nullString(r.Detail)), sql.Named("run_id", r.RunID))
	return wrap("finish job run", err)
}

// AbandonJobRuns marks runs still "running" (the server died) as interrupted.
func (q *Queries) AbandonJobRuns(ctx context.Context, now time.Time) error {
	_, err := q.db.ExecContext(ctx, operationsSQL("abandon_job_runs"), sql.Named("now", now))
	return wrap("abandon job runs", err)
}

// LastJobRuns returns the latest limit runs, newest first.
func (q *Queries) LastJobRuns(ctx context.Context, limit int) ([]JobRun, error) {
	rows, err := q.db.QueryContext(ctx, operationsSQL("last_job_runs"), sql.Named("limit", limit))
	if err != nil {
		return nil, wrap("last job runs", err)
	}
	defer rows.Close()
	var out []JobRun
	for rows.Next() {
		var r JobRun
		if err := rows.Scan(&r.RunID, &r.Job, &r.Trigger, &r.StartedAt, &r.FinishedAt, &r.Status,
			&r.Error, &r.Rows, &r.Files, &r.Detail); err != nil {
			return nil, wrap("last job runs", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// LastSuccess returns when job last started a run that ended ok (or with
// warnings); false if never.
func (q *Queries) LastSuccess(ctx context.Context, job string) (time.Time, bool, error) {
	var t sql.NullTime
	err := q.db.QueryRowContext(ctx, operationsSQL("last_success"), sql.Named("job", job)).Scan(&t)
	return t.Time, t.Valid, wrap("last success", err)
}

// Delivery is one attempt in the deliveries ledger.
type Delivery struct {
	Month                    time.Time
	Recipient, Channel, File string
	Attempt                  int
	AttemptedAt              time.Time
	Status, Error            string
	NextAttemptAt            sql.NullTime
	// MessageID is the e-mail's Message-ID; empty for other channels.
	MessageID string
}

// InsertDelivery records one delivery attempt; the attempt number is the
// next one for its month, recipient and channel.
func (q *Queries) InsertDelivery(ctx context.Context, d Delivery) error {
	_, err := q.db.ExecContext(ctx, operationsSQL("insert_delivery"),
		sql.Named("month", d.Month), sql.Named("recipient", d.Recipient), sql.Named("channel", d.Channel),
		sql.Named("file_name", d.File), sql.Named("attempted_at", d.AttemptedAt),
		sql.Named("status", d.Status), sql.Named("error", nullString(d.Error)),
		sql.Named("next_attempt_at", d.NextAttemptAt), sql.Named("message_id", nullString(d.MessageID)))
	return wrap("insert delivery", err)
}

// DeliveryStates returns the latest attempt of each month, recipient and channel.
func (q *Queries) DeliveryStates(ctx context.Context) ([]Delivery, error) {
	rows, err := q.db.QueryContext(ctx, operationsSQL("delivery_states"))
	if err != nil {
		return nil, wrap("delivery states", err)
	}
	defer rows.Close()
	var out []Delivery
	for rows.Next() {
		var d Delivery
		if err := rows.Scan(&d.Month, &d.Recipient, &d.Channel, &d.File, &d.Attempt, &d.AttemptedAt,
			&d.Status, &d.Error, &d.NextAttemptAt, &d.MessageID); err != nil {
			return nil, wrap("delivery states", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// SourceState is what the last fetch of a remote source saw.
type SourceState struct {
	Source, ETag, LastModified, Status string
	CheckedAt                          time.Time
	// Error says why the last fetch failed; empty when it did not.
	Error string
}

// GetSourceState returns the conditional-GET validators of source; ErrNotFound if never fetched.
func (q *Queries) GetSourceState(ctx context.Context, source string) (SourceState, error) {
	s := SourceState{Source: source}
	err := q.db.QueryRowContext(ctx, operationsSQL("source_state"), sql.Named("source", source)).Scan(&s.ETag, &s.LastModified)
	if errors.Is(err, sql.ErrNoRows) {
		return s, ErrNotFound
	}
	return s, wrap("get source state", err)
}

// PutSourceState records the outcome of a fetch.
func (q *Queries) PutSourceState(ctx context.Context, s SourceState) error {
	_, err := q.db.ExecContext(ctx, operationsSQL("put_source_state"),
		sql.Named("source", s.Source), sql.Named("etag", nullString(s.ETag)),
		sql.Named("last_modified", nullString(s.LastModified)),
		sql.Named("checked_at", s.CheckedAt), sql.Named("status", s.Status), sql.Named("error", nullString(s.Error)))
	return wrap("put source state", err)
}

// Snapshot is one row of snapshots.
type Snapshot struct {
	Month                   time.Time
	Recipient, Path, SHA256 string
	CreatedAt               time.Time
}

// PutSnapshot records a written snapshot (replacing an earlier one of the same month and recipient).
func (q *Queries) PutSnapshot(ctx context.Context, s Snapshot) error {
	_, err := q.db.ExecContext(ctx, operationsSQL("put_snapshot"),
		sql.Named("month", s.Month), sql.Named("recipient", s.Recipient), sql.Named("path", s.Path),
		sql.Named("sha256", s.SHA256), sql.Named("created_at", s.CreatedAt))
	return wrap("put snapshot", err)
}

// LatestSnapshot returns the path of the newest snapshot kept with the
// store's own pseudonyms; ErrNotFound if none.
func (q *Queries) LatestSnapshot(ctx context.Context) (string, error) {
	var p string
	err := q.db.QueryRowContext(ctx, operationsSQL("latest_snapshot")).Scan(&p)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	return p, wrap("latest snapshot", err)
}

// QualityGate returns the outreach neighbourhoods with no active activity
// in the month starting at monthStart; empty means the month may go out.
func (q *Queries) QualityGate(ctx context.Context, monthStart time.Time) ([]Neighbourhood, error) {
	rows, err := q.db.QueryContext(ctx, operationsSQL("quality_gate"), sql.Named("month_start", monthStart))
	if err != nil {
		return nil, wrap("quality gate", err)
	}
	defer rows.Close()
	var out []Neighbourhood
	for rows.Next() {
		var n Neighbourhood
		if err := rows.Scan(&n.Code, &n.Name); err != nil {
			return nil, wrap("quality gate", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
